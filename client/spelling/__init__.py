"""Spell checking: Hunspell dictionaries (``dictionaries``), the words of a text worth checking
(``tokens``), a cached checker per language (``checker``) and the rep's own words
(``personal``). Qt-free; see each module for its threads."""
