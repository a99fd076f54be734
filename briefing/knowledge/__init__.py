"""The knowledge base people edit (entities, topics), the countries, and the matcher that finds their names."""
