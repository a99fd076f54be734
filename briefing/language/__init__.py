"""Vocabulary and text features shared by the stages: names, titles, sentences, dates, the shipped word lists."""
