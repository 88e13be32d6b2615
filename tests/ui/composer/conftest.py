"""Shared by the composer tests: the composer factory of tests/ui/test_composer.py."""

from tests.ui.composer.test_composer import open_composer, type_text  # noqa: F401 - shared fixture

__all__ = ["open_composer", "type_text"]
