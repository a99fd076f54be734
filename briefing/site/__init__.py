"""The site: every page path and link (paths), one module per page family, and the search index."""
