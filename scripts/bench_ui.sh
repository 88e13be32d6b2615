#!/usr/bin/env bash
# The GUI responsiveness benchmark (issue 3): ./scripts/bench_ui.sh [--messages N] [--repeat N]
#
# As root (it starts a throwaway loopback Dovecot, like the tests). Opens the app offscreen on a
# fresh profile, syncs 5,000 messages through the sync driver and prints the largest gap of a
# 10 ms GUI timer per run beside the target (no gap over 100 ms); exit 0 when met.
set -uo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
exec .venv/bin/python -m tests.benchmarks.bench_ui_sync "$@"
