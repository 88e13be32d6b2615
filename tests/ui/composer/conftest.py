"""Shared by the composer tests: the composer factory of tests/ui/test_composer.py."""

from tests.ui.composer.test_composer import type_text

__all__ = ["type_text"]
