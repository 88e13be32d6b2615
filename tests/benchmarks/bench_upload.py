"""Benchmark: a 1 GB link upload, Tradewind beside curl (WebDAV) and boto3 (S3); not a test.

    .venv/bin/python -m tests.benchmarks.bench_upload [--size-mb 1024]

Targets (issue 14): peak RSS of the `tradewind links upload` process under 150 MB; throughput
at least 0.8x `curl -T` to the same nginx WebDAV server, and at least 0.8x a plain boto3
`upload_file` to the same moto S3 server (its own process). Each transfer runs in a child
process measured by `tests.benchmarks.measure.run_measured` (wall time, peak RSS), the four
alternating in each round on the same file (written just before, so in the page cache for
both sides). nginx's WebDAV root is a tmpfs (`--dav-on-disk` to keep it on the disk): on this
shared disk the server's writes made curl's own time vary from 1.3 to 4.7 s between rounds;
each uploaded file is deleted after its round. The project is compiled to bytecode first
(`measure.compile_bytecode`), as the installed app ships it. Every run is printed with the load average
beside it. The peers: curl -T neither hashes nor signs; boto3 upload_file (8 MiB parts, 10
threads) signs each part's SHA-256 (plain http) and adds a CRC32 per part (botocore's
default); Tradewind computes the file's SHA-256, and botocore the parts' payload SHA-256. The
file, profile, keyring file and servers live in temp folders and are removed at the end. Run
as root (nginx workers as nobody; the tmpfs mount).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from client.store.db import Store
from tests.benchmarks.measure import Measured, run_measured
from tests.servers.link_fixtures import MiB, write_random
from tests.servers.nginx_dav import NginxDav
from tests.servers.s3 import ACCESS_KEY, SECRET_KEY
from tests.support import file_keyring

ROOT = Path(__file__).resolve().parents[2]
ACCOUNT = "bench@example.test"
BUCKET = "bench-links"
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
    options = parser.parse_args()
    from tests.benchmarks.measure import compile_bytecode

    compile_bytecode(ROOT)  # the `tradewind` children start as the installed app does
    size, repeat = options.size_mb * MiB, max(1, options.repeat)
    work = Path(tempfile.mkdtemp(prefix="tw-bench-upload-"))
    tmpfs_mb = None if options.dav_on_disk else 2 * options.size_mb + 64
    nginx = NginxDav(tmpfs_mb=tmpfs_mb).start()
    s3 = subprocess.Popen([sys.executable, "-m", "tests.servers.s3"], cwd=ROOT,
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert s3.stdout is not None
        s3_url = s3.stdout.readline().strip()
        path = work / "bench.bin"
        write_random(path, size)
        env = _env(work)
        (work / "profile").mkdir()
        store = Store.open(work / "profile" / "tradewind.db")
        store.add_account(ACCOUNT, imap_host="127.0.0.1", smtp_host="127.0.0.1")
        store.close()
        boto = ("import boto3,sys; c=boto3.client('s3',endpoint_url=sys.argv[1],"
                f"aws_access_key_id='{ACCESS_KEY}',aws_secret_access_key='{SECRET_KEY}',"
                "region_name='us-east-1');")
        run_measured([sys.executable, "-c", boto + f"c.create_bucket(Bucket='{BUCKET}')", s3_url])
        _tw(env, "storage", "add", "--account", ACCOUNT, "--kind", "webdav", "--url", nginx.url,
            "--public-url", nginx.public_url, "--username", nginx.user, "--secret-stdin",
            secret=nginx.password)
        _tw(env, "storage", "add", "--account", ACCOUNT, "--kind", "s3", "--url", s3_url,
            "--bucket", BUCKET, "--access-key", ACCESS_KEY, "--secret-stdin", secret=SECRET_KEY)

        runs: dict[str, list[Measured]] = {"curl": [], "dav": [], "boto3": [], "s3": []}

        def note(key: str, n: int, measured: Measured) -> None:
            runs[key].append(measured)
            print(f"  round {n + 1} {key:5} {measured.wall_seconds:6.2f} s "
                  f"{_mbps(size, measured):7.1f} MiB/s  RSS {measured.max_rss_mb:5.1f} MB  "
                  f"load {os.getloadavg()[0]:.1f}", flush=True)
            for stored in nginx.root.rglob("*.bin"):  # keep the tmpfs from filling up
                stored.unlink()

        for n in range(repeat):
            note("curl", n, run_measured(["curl", "-sS", "-f", "-T", str(path), "-u",
                                          f"{nginx.user}:{nginx.password}",
                                          nginx.url + f"curl-{n}.bin"]))
            # a new recipient domain each run, so the identical file is uploaded, not reused
            note("dav", n, _tw(env, "links", "upload", str(path), "--account", ACCOUNT,
                               "--storage", "1", "--recipient-domain", f"d{n}.example", "--json"))
            note("boto3", n, run_measured([sys.executable, "-c", boto + "c.upload_file("
                                           f"sys.argv[2], '{BUCKET}', 'plain-{n}.bin')",
                                           s3_url, str(path)]))
            note("s3", n, _tw(env, "links", "upload", str(path), "--account", ACCOUNT,
                              "--storage", "2", "--recipient-domain", f"d{n}.example", "--json"))
        for measured in runs["dav"] + runs["s3"]:
            assert json.loads(measured.stdout)["link"]["size"] == size
        where = "disk" if options.dav_on_disk else "tmpfs"
        curl, dav, plain, ours = (_median(runs[k]) for k in ("curl", "dav", "boto3", "s3"))

        mb = size // MiB
        print(f"Link upload of {mb} MiB, median of {repeat} (2 cores shared; loopback servers)")
        rows = [(f"WebDAV (nginx, {where})", dav, curl, "curl -T"), ("S3 (moto)", ours, plain, "boto3 upload_file")]
        ok = True
        for label, tw, peer, peer_name in rows:
            ratio = _mbps(size, tw) / _mbps(size, peer)
            rss_ok = tw.max_rss_mb < RSS_TARGET_MB
            ok = ok and rss_ok and ratio >= RATIO_TARGET
            print(f"  {label:22} tradewind {tw.wall_seconds:6.1f} s {_mbps(size, tw):7.1f} MiB/s, "
                  f"peak RSS {tw.max_rss_mb:5.1f} MB (target < {RSS_TARGET_MB:.0f}: "
                  f"{'ok' if rss_ok else 'MISSED'})")
            print(f"  {'':22} {peer_name:17} {peer.wall_seconds:6.1f} s {_mbps(size, peer):7.1f} "
                  f"MiB/s -> ratio {ratio:.2f} (target >= {RATIO_TARGET}: "
                  f"{'ok' if ratio >= RATIO_TARGET else 'MISSED'})")
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print("all targets met" if ok else "some targets missed")
    finally:
        if s3.stdin is not None:
            s3.stdin.close()
        s3.wait(30)
        nginx.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
