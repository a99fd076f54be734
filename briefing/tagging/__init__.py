"""Tagging: entity mentions and topics for each article, then across the collection."""
