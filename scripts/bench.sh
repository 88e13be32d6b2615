#!/usr/bin/env bash
# The benchmark command (README): ./scripts/bench.sh [--quick] [bench_sync options]
#
# Tradewind's offline store against mbsync on a throwaway loopback Dovecot: full sync, no-change
# resync, time until all headers are listable, search latency at 10k/100k, peak memory; prints
# PASS/MISS per target and the path of a JSON file with the figures. Takes several minutes at
# full size (10,000 messages, 1.2 GB); --quick uses 1,000 messages and searches at 10k only.
# Other options: --messages N (or --n N; 50000 is about 6 GB), --repeat N,
# --search-sizes 10000,100000, --skip-sync, --skip-search, --json PATH, --keep, --py-spy PATH
# (one extra full sync under py-spy, seconds per phase printed; pip install py-spy). Generated mailboxes and search stores are cached in
# ${TRADEWIND_BENCH_CACHE:-$TMPDIR/tradewind-bench-cache}; delete that folder to rebuild.
#
# Like scripts/test.sh it installs what is missing first: the Debian packages the benchmark
# needs (dovecot, isync for mbsync) when run as root, and .venv with the project's test extras.
set -uo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
DEB_PACKAGES=(dovecot-imapd dovecot-lmtpd isync time)  # time: GNU time -f %M for exact peak RSS

log() { printf '== %s\n' "$*"; }

missing=()
for pkg in "${DEB_PACKAGES[@]}"; do
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" != "installed" ]; then
        missing+=("$pkg")
    fi
done
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        log "missing Debian packages (install them as root): ${missing[*]}"
        exit 1
    fi
    log "installing Debian packages: ${missing[*]}"
    made_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then  # keep the packages from starting system services
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        made_policy=1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -q \
        && apt-get -o DPkg::Lock::Timeout=600 install -y -q "${missing[@]}"
    rc=$?
    [ "$made_policy" -eq 1 ] && rm -f /usr/sbin/policy-rc.d
    [ "$rc" -eq 0 ] || { log "apt-get failed ($rc)"; exit "$rc"; }
fi

if [ ! -x .venv/bin/python ]; then
    log "creating .venv with $PYTHON"
    "$PYTHON" -m venv .venv || exit 1
fi
stamp=.venv/.tradewind-installed
wanted="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    log "pip install -e '.[test]'"
    .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]' || exit 1
    echo "$wanted" >"$stamp"
fi

log "python -m tests.benchmarks.bench_sync $*"
exec .venv/bin/python -m tests.benchmarks.bench_sync "$@"
