"""The briefing command line: add, check, clean, entities, export."""
