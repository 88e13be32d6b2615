"""Importing fpdf2 for a quotation without paying for numpy.

`load_fpdf()` imports the `fpdf` package. fpdf2 imports numpy when it can (``try: import
numpy``) only to speed up two checks on raster images (palette and alpha of a logo); a quotation
without a logo never touches it, yet importing numpy was about a quarter of importing fpdf2
(~70 ms of the first PDF of a `tradewind quote --pdf` process). While fpdf2 is imported, and
only if numpy is installed and not imported yet, ``sys.modules["numpy"]`` holds a `_Deferred`
stand-in: fpdf2 keeps it as its ``numpy`` and the first attribute read through it (a logo that
needs the check) imports the real numpy under a lock and forwards to it. The stand-in is taken
out of ``sys.modules`` as soon as fpdf2 is imported, so every other ``import numpy`` gets the
real module. fpdf2 itself is not changed.
Any thread; idempotent (one import per process, under a lock); raises what importing fpdf2
raises (ImportError when it is not installed).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from typing import Any

_lock = threading.Lock()
_numpy_lock = threading.Lock()


class _Deferred(types.ModuleType):
    """Stands for numpy in fpdf2; the first read of any attribute it lacks (``array``,
    ``__version__``, ``__path__`` for ``import numpy.linalg`` on another thread while fpdf2
    is imported) imports numpy and forwards, so code that meets it still works."""

    def __getattr__(self, name: str) -> Any:
        return getattr(_real_numpy(), name)


def _real_numpy() -> types.ModuleType:
    with _numpy_lock:
        if isinstance(sys.modules.get("numpy"), _Deferred):
            del sys.modules["numpy"]
        return importlib.import_module("numpy")


def load_fpdf() -> types.ModuleType:
    """The imported `fpdf` package (see the module docstring)."""
    found = sys.modules.get("fpdf")
    if found is not None:
        return found
    with _lock:
        found = sys.modules.get("fpdf")
        if found is not None:
            return found
        stand_in = None
        with _numpy_lock:
            spec = None if "numpy" in sys.modules else importlib.util.find_spec("numpy")
            if spec is not None:
                stand_in = _Deferred("numpy")
                stand_in.__spec__ = spec  # importlib.util.find_spec("numpy") keeps working
                sys.modules["numpy"] = stand_in
        try:
            return importlib.import_module("fpdf")
        finally:
            with _numpy_lock:
                if stand_in is not None and sys.modules.get("numpy") is stand_in:
                    del sys.modules["numpy"]
