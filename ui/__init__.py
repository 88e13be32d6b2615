"""Tradewind desktop UI (PySide6). Imports client/, never the reverse."""
