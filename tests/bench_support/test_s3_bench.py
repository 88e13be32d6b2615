"""The S3 benchmark's moto process: it serves, counts its own CPU and the time it spends
completing multipart uploads, and `clear()` empties the bucket between runs. Runs moto's own
process with its temp files on the disk (the tmpfs needs root) in a temp folder."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.benchmarks.s3_bench import BUCKET, PEERS, MotoProcess

ROOT = Path(__file__).resolve().parents[2]
MiB = 1024 * 1024


@pytest.fixture
def moto(tmp_path: Path) -> Iterator[MotoProcess]:
    process = MotoProcess(ROOT, tmp_path, None).start()
    yield process
    process.stop()


def _keys(moto: MotoProcess) -> list[str]:
    import boto3

    from tests.servers.s3 import ACCESS_KEY, SECRET_KEY

    client = boto3.client("s3", endpoint_url=moto.url, aws_access_key_id=ACCESS_KEY,
                          aws_secret_access_key=SECRET_KEY, region_name="us-east-1")
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


@pytest.mark.parametrize("peer", sorted(PEERS))
def test_a_peer_upload_is_timed_at_completion_and_cleared(moto: MotoProcess, tmp_path: Path,
                                                          peer: str) -> None:
    path = tmp_path / "two-parts.bin"
    path.write_bytes(b"\x5a" * (12 * MiB))  # over boto3's 8 MiB threshold: a multipart upload
    cpu, completing = moto.cpu_seconds(), moto.complete_seconds()
    assert completing == 0.0
    subprocess.run([sys.executable, "-c", PEERS[peer], moto.url, str(path), "peer.bin"],
                   cwd=ROOT, check=True)
    assert _keys(moto) == ["peer.bin"]
    assert moto.complete_seconds() > completing
    assert moto.cpu_seconds() > cpu
    moto.clear()
    assert _keys(moto) == []
    assert moto.proc is not None and moto.proc.poll() is None  # still serving after the stats


def test_moto_files_go_to_its_own_temp_folder(moto: MotoProcess, tmp_path: Path) -> None:
    path = tmp_path / "big.bin"
    path.write_bytes(b"\x00" * (12 * MiB))
    subprocess.run([sys.executable, "-c", PEERS["boto3"], moto.url, str(path), "big.bin"],
                   cwd=ROOT, check=True)
    # moto's parts and objects above 5 MiB roll over to files in TMPDIR (deleted, still open)
    held = subprocess.run(["ls", "-l", f"/proc/{moto.proc.pid}/fd"], capture_output=True,
                          text=True, check=True).stdout if moto.proc else ""
    assert str(moto.tmp) in held
