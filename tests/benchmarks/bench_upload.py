"""Benchmark: a 1 GB link upload, Tradewind beside curl (WebDAV) and boto3 (S3); not a test.

    .venv/bin/python -m tests.benchmarks.bench_upload [--size-mb 1024]

Targets (issue 14): peak RSS of the `tradewind links upload` process under 150 MB; throughput
at least 0.8x `curl -T` to the same nginx WebDAV server, and at least 0.8x a plain boto3
`upload_file` to the same moto S3 server (its own process). Each transfer runs in a child
process measured by `tests.benchmarks.measure.run_measured` (wall time, peak RSS), the four
alternating in each round on the same file (written just before, so in the page cache for
both sides). nginx's WebDAV root is a tmpfs (`--dav-on-disk` to keep it on the disk): on this
shared disk the server's writes made curl's own time vary from 1.3 to 4.7 s between rounds;
each uploaded file is deleted after its round. moto's temp files are on a tmpfs too and the
bucket is emptied after each S3 run (`--moto-on-disk` to keep the disk; see
`tests.benchmarks.s3_bench` for why), and the S3 transfers alternate their order between
rounds. The project is compiled to bytecode first (`measure.compile_bytecode`), as the
installed app ships it. Every run is printed with the load average and its CPU seconds beside it, S3 runs
also with moto's CPU seconds and its time in `CompleteMultipartUpload`. The peers: curl -T neither hashes nor signs; boto3 upload_file (8 MiB parts, 10
threads) signs each part's SHA-256 (plain http) and adds a CRC32 per part (botocore's
default); `boto3-nc` is the same without botocore's checksums, as Tradewind sends (like with
like); Tradewind computes the file's SHA-256, and botocore the parts' payload SHA-256. The
file, profile, keyring file and servers live in temp folders and are removed at the end. Run
as root (nginx workers as nobody; the tmpfs mounts). `--only webdav|s3` runs one side.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from client.store.db import Store
from tests.benchmarks.measure import Measured, run_measured
from tests.benchmarks.s3_bench import BUCKET, PEERS, MotoProcess
from tests.servers.link_fixtures import MiB, write_random
from tests.servers.nginx_dav import NginxDav
from tests.servers.s3 import ACCESS_KEY, SECRET_KEY
from tests.support import file_keyring

ROOT = Path(__file__).resolve().parents[2]
ACCOUNT = "bench@example.test"
RSS_TARGET_MB = 150.0
RATIO_TARGET = 0.8


def _tradewind() -> list[str]:
    script = Path(sys.executable).with_name("tradewind")
    return [str(script)] if script.exists() else [sys.executable, "-m", "client.cli"]


def _env(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["TRADEWIND_PROFILE"] = str(work / "profile")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["PYTHON_KEYRING_BACKEND"] = file_keyring.BACKEND_NAME
    env[file_keyring.ENV_VAR] = str(work / "keyring.json")
    return env


def _tw(env: dict[str, str], *args: str, secret: str | None = None) -> Measured:
    return run_measured([*_tradewind(), *args], env=env,
                        stdin=(secret + "\n").encode() if secret else None)


def _median(runs: list[Measured]) -> Measured:
    """The run with the median wall time, its peak RSS replaced by the highest of all runs."""
    ordered = sorted(runs, key=lambda m: m.wall_seconds)
    middle = ordered[len(ordered) // 2]
    return dataclasses.replace(middle, max_rss_mb=max(m.max_rss_mb for m in runs))


def _mbps(size: int, measured: Measured) -> float:
    return size / MiB / measured.wall_seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each transfer; the median is shown (the machine is shared)")
    parser.add_argument("--dav-on-disk", action="store_true",
                        help="nginx's WebDAV root on the disk instead of a tmpfs")
    parser.add_argument("--moto-on-disk", action="store_true",
                        help="moto's temp files on the disk instead of a tmpfs")
    parser.add_argument("--only", choices=("webdav", "s3"), help="run one side only")
    options = parser.parse_args()
    from tests.benchmarks.measure import compile_bytecode

    compile_bytecode(ROOT)  # the `tradewind` children start as the installed app does
    size, repeat = options.size_mb * MiB, max(1, options.repeat)
    work = Path(tempfile.mkdtemp(prefix="tw-bench-upload-"))
    tmpfs_mb = None if options.dav_on_disk else 2 * options.size_mb + 64
    nginx = NginxDav(tmpfs_mb=tmpfs_mb).start()
    moto = MotoProcess(ROOT, work, None if options.moto_on_disk else 2 * options.size_mb + 256)
    sides = ("webdav", "s3") if options.only is None else (options.only,)
    try:
        s3_url = moto.start().url
        path = work / "bench.bin"
        write_random(path, size)
        env = _env(work)
        (work / "profile").mkdir()
        store = Store.open(work / "profile" / "tradewind.db")
        store.add_account(ACCOUNT, imap_host="127.0.0.1", smtp_host="127.0.0.1")
        store.close()
        _tw(env, "storage", "add", "--account", ACCOUNT, "--kind", "webdav", "--url", nginx.url,
            "--public-url", nginx.public_url, "--username", nginx.user, "--secret-stdin",
            secret=nginx.password)
        _tw(env, "storage", "add", "--account", ACCOUNT, "--kind", "s3", "--url", s3_url,
            "--bucket", BUCKET, "--access-key", ACCESS_KEY, "--secret-stdin", secret=SECRET_KEY)

        runs: dict[str, list[Measured]] = {k: [] for k in ("curl", "dav", *PEERS, "s3")}

        def note(key: str, n: int, run: Callable[[], Measured]) -> None:
            load, moto_cpu, own = os.getloadavg()[0], moto.cpu_seconds(), os.times()
            completing = moto.complete_seconds()
            measured = run()
            own_end = os.times()
            runs[key].append(measured)
            cpu = (own_end.children_user + own_end.children_system
                   - own.children_user - own.children_system)
            server = (f"  moto CPU {moto.cpu_seconds() - moto_cpu:5.2f} s, completing "
                      f"{moto.complete_seconds() - completing:4.2f} s") if key not in (
                "curl", "dav") else ""
            print(f"  round {n + 1} {key:8} {measured.wall_seconds:6.2f} s "
                  f"{_mbps(size, measured):7.1f} MiB/s  RSS {measured.max_rss_mb:5.1f} MB  "
                  f"CPU {cpu:5.2f} s{server}  load {load:.1f}", flush=True)
            for stored in nginx.root.rglob("*.bin"):  # keep the tmpfs from filling up
                stored.unlink()
            if server:
                moto.clear()

        def ours(n: int) -> Measured:
            # a new recipient domain each run, so the identical file is uploaded, not reused
            return _tw(env, "links", "upload", str(path), "--account", ACCOUNT, "--storage",
                       "2", "--recipient-domain", f"d{n}.example", "--json")

        def peer(key: str, n: int) -> Measured:
            return run_measured([sys.executable, "-c", PEERS[key], s3_url, str(path),
                                 f"{key}-{n}.bin"])

        for n in range(repeat):
            if "webdav" in sides:
                note("curl", n, functools.partial(run_measured, [
                    "curl", "-sS", "-f", "-T", str(path), "-u", f"{nginx.user}:{nginx.password}",
                    nginx.url + f"curl-{n}.bin"]))
                note("dav", n, functools.partial(
                    _tw, env, "links", "upload", str(path), "--account", ACCOUNT, "--storage", "1",
                    "--recipient-domain", f"d{n}.example", "--json"))
            if "s3" in sides:
                order = [*PEERS, "s3"]
                for key in order if n % 2 == 0 else reversed(order):
                    note(key, n, functools.partial(ours, n) if key == "s3"
                         else functools.partial(peer, key, n))
        for measured in runs["dav"] + runs["s3"]:
            assert json.loads(measured.stdout)["link"]["size"] == size
        where = "disk" if options.dav_on_disk else "tmpfs"

        mb = size // MiB
        print(f"Link upload of {mb} MiB, median of {repeat} (2 cores shared; loopback servers)")
        rows: list[tuple[str, Measured, Measured, str, bool]] = []
        if "webdav" in sides:
            rows.append((f"WebDAV (nginx, {where})", _median(runs["dav"]), _median(runs["curl"]),
                         "curl -T", True))
        if "s3" in sides:
            rows.append(("S3 (moto)", _median(runs["s3"]), _median(runs["boto3"]),
                         "boto3 upload_file", True))
            # the target is the row above; this one tells ours from the server's share
            rows.append(("S3, like with like", _median(runs["s3"]), _median(runs["boto3-nc"]),
                         "boto3, no checksums", False))
        ok = True
        for label, tw, other, peer_name, target in rows:
            ratio = _mbps(size, tw) / _mbps(size, other)
            rss_ok = tw.max_rss_mb < RSS_TARGET_MB
            ok = ok and rss_ok and (ratio >= RATIO_TARGET or not target)
            print(f"  {label:22} tradewind {tw.wall_seconds:6.1f} s {_mbps(size, tw):7.1f} MiB/s, "
                  f"peak RSS {tw.max_rss_mb:5.1f} MB (target < {RSS_TARGET_MB:.0f}: "
                  f"{'ok' if rss_ok else 'MISSED'})")
            print(f"  {'':22} {peer_name:19} {other.wall_seconds:6.1f} s {_mbps(size, other):7.1f} "
                  f"MiB/s -> ratio {ratio:.3f} " + (
                      f"(target >= {RATIO_TARGET}: {'ok' if ratio >= RATIO_TARGET else 'MISSED'})"
                      if target else "(no target: ours against the same checksum setting)"))
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print("all targets met" if ok else "some targets missed")
    finally:
        moto.stop()
        nginx.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
