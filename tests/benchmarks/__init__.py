"""Speed benchmarks for Tradewind's offline mail store, measured side by side with mbsync.

Nothing here is collected by the normal pytest run (no ``test_*.py`` files); run
``scripts/bench.sh`` or ``python -m tests.benchmarks.bench_sync``.
"""
