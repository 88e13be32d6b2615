"""Moved to ``client.compose.text_language`` (Qt-free, used by replies too); kept as a name."""

from client.compose.text_language import MIN_LETTERS, MIN_PROBABILITY, text_language

__all__ = ["MIN_LETTERS", "MIN_PROBABILITY", "text_language"]
