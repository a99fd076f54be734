"""Analysis of tagged articles: dated events, quotes, related stories, near-duplicates. No page code."""
