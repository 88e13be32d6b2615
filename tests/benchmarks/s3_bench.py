"""The S3 side of `bench_upload`: moto in its own process, the boto3 peers, moto's CPU per run.

Why each piece (measured 2026-12-02, see docs/internals.md "Link uploads"):
- moto keeps every part and object in `tempfile.SpooledTemporaryFile`s that roll over to the
  disk above 5 MiB, and `complete_multipart_upload` writes the 1 GiB object again. On the
  shared disk, with the objects of earlier rounds left in place, the dirty pages of one run
  were written back during the next: the same transfer took 7.6 to 24 s between rounds. So
  `MotoProcess` puts moto's temp files on a tmpfs (as root; `on_disk=True` keeps the disk) and
  `clear()` deletes every object of the bucket after each run.
- Two boto3 peers, both `upload_file` (8 MiB parts, 10 threads): `boto3` with botocore's
  defaults (a CRC32 per part, `ChecksumAlgorithm=CRC32` declared at the start) and
  `boto3-nc` with `request_checksum_calculation="when_required"`, the setting Tradewind uses
  (S3-compatible services refuse the checksum headers). moto, like S3, computes a full-object
  CRC64NVME at `CompleteMultipartUpload` when no checksum was declared, with a second 1 GiB
  copy of the object: that costs the server ~1.4 s per GiB here, whichever client sent it.
- `cpu_seconds()`: moto's user + system CPU so far (from /proc), and `complete_seconds()`: the
  wall time moto spent in `CompleteMultipartUpload` requests so far (timed by the server's
  front, `tests.servers.s3`), both printed beside every run.
One thread; POSIX (the tmpfs needs root).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.servers.s3 import ACCESS_KEY, SECRET_KEY
from tests.servers.tmpfs import mount_tmpfs, unmount

BUCKET = "bench-links"
_CLIENT = ("import boto3,sys; from botocore.config import Config; c=boto3.client('s3',"
           f"endpoint_url=sys.argv[1],aws_access_key_id='{ACCESS_KEY}',"
           f"aws_secret_access_key='{SECRET_KEY}',region_name='us-east-1'{{config}});")
_NO_CHECKSUMS = (",config=Config(request_checksum_calculation='when_required',"
                 "response_checksum_validation='when_required')")
#: peer name -> `python -c` source uploading argv[2] as key argv[3]
PEERS = {
    "boto3": _CLIENT.format(config="") + f"c.upload_file(sys.argv[2], '{BUCKET}', sys.argv[3])",
    "boto3-nc": _CLIENT.format(config=_NO_CHECKSUMS)
    + f"c.upload_file(sys.argv[2], '{BUCKET}', sys.argv[3])",
}


class MotoProcess:
    """`python -m tests.servers.s3` with its temp files on a tmpfs of `tmpfs_mb` (None: the
    disk). `start()` returns self with `url` set; `stop()` ends it and unmounts."""

    def __init__(self, root: Path, work: Path, tmpfs_mb: int | None) -> None:
        self.root, self.tmp, self.tmpfs_mb = root, work / "moto-tmp", tmpfs_mb
        self.proc: subprocess.Popen[str] | None = None
        self.url = ""
        self._client: Any = None

    def start(self) -> MotoProcess:
        self.tmp.mkdir()
        if self.tmpfs_mb:
            mount_tmpfs(self.tmp, self.tmpfs_mb)
        env = dict(os.environ, TMPDIR=str(self.tmp))
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.servers.s3"], cwd=self.root,
                                     env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True)
        assert self.proc.stdout is not None
        self.url = self.proc.stdout.readline().strip()
        import boto3

        self._client = boto3.client("s3", endpoint_url=self.url, aws_access_key_id=ACCESS_KEY,
                                    aws_secret_access_key=SECRET_KEY, region_name="us-east-1")
        self._client.create_bucket(Bucket=BUCKET)
        return self

    def cpu_seconds(self) -> float:
        assert self.proc is not None
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def complete_seconds(self) -> float:
        assert self.proc is not None and self.proc.stdin is not None and self.proc.stdout
        self.proc.stdin.write("stats\n")
        self.proc.stdin.flush()
        return float(self.proc.stdout.readline())

    def clear(self) -> None:
        """Delete every object of the bucket (moto frees its temp files)."""
        listing = self._client.list_objects_v2(Bucket=BUCKET)
        for item in listing.get("Contents", []):
            self._client.delete_object(Bucket=BUCKET, Key=item["Key"])

    def stop(self) -> None:
        if self.proc is not None:
            if self.proc.stdin is not None:
                self.proc.stdin.close()
            self.proc.wait(60)
            self.proc = None
        if self.tmpfs_mb:
            unmount(self.tmp)
            self.tmpfs_mb = None
