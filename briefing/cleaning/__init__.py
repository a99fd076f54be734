"""Cleaning: a source's text -> the article's blocks and metadata (clean, then extract)."""
