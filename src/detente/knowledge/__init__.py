"""Readers of knowledge written in other tools' formats (PETRARCH/TABARI dictionaries)."""
