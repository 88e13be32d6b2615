"""S3-compatible object storage (AWS S3, Alibaba OSS, Tencent COS, MinIO, Cloudflare R2)
through boto3 with SigV4.

Multipart upload: parts of at least 8 MiB (S3 allows 5 MiB) and at most 10,000 parts;
`list_parts` tells a later process what the server holds, so it resumes. The link is a
presigned GET whose expiry is capped at 7 days (SigV4's limit, enforced here). Revoke deletes
the object, after which the presigned URL answers 404. botocore does not retry (one attempt):
the engine owns the retry policy for every provider. One thread per instance; methods block
and raise only `UploadError`s (botocore errors are mapped by their code).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, EndpointConnectionError

from client.i18n import _
from client.uploads.names import new_remote_path
from client.uploads.provider import (
    MAX_S3_EXPIRY_S,
    AuthError,
    Link,
    MiB,
    PermanentError,
    QuotaError,
    Session,
    SessionLost,
    TransientError,
)
from client.uploads.statuses import host_of

MAX_EXPIRY_S = MAX_S3_EXPIRY_S
PART_SIZE = 8 * MiB
MAX_PARTS = 10_000
_AUTH_CODES = {"InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied",
               "InvalidClientTokenId", "AuthorizationHeaderMalformed"}
_QUOTA_CODES = {"EntityTooLarge", "QuotaExceeded", "StorageQuotaExceeded", "InsufficientStorage",
                "QuotaExceed"}
_TRANSIENT_CODES = {"SlowDown", "InternalError", "ServiceUnavailable", "RequestTimeout",
                    "RequestTimeTooSkewed", "503", "500", "502", "504"}


def part_size_for(size: int) -> int:
    """8 MiB, or more so that the object fits in 10,000 parts."""
    need = -(-size // MAX_PARTS)
    return max(PART_SIZE, -(-need // MiB) * MiB)


def capped_expiry(expiry_s: int) -> int:
    """`expiry_s` limited to 1 s .. 7 days."""
    return max(1, min(int(expiry_s), MAX_EXPIRY_S))


class S3Provider:
    kind = "s3"
    # boto3 clients are thread-safe; three 8 MiB parts in flight at most: as fast as five
    # against moto on 2 cores (the server is the bottleneck), 23 MB less peak memory
    parallel_parts = 3

    def __init__(self, url: str | None, bucket: str, region: str | None, access_key: str,
                 secret_key: str) -> None:
        if not bucket:
            raise PermanentError(_("An S3 storage needs a bucket (--bucket)."))
        self.bucket = bucket
        self.host = host_of(url) if url else "S3"
        self.client: Any = boto3.session.Session().client(
            "s3", endpoint_url=url or None, region_name=region or "us-east-1",
            aws_access_key_id=access_key, aws_secret_access_key=secret_key,
            config=Config(signature_version="s3v4", retries={"total_max_attempts": 1, "mode": "standard"},
                          connect_timeout=15, read_timeout=120,
                          s3={"addressing_style": "path"},
                          # botocore's default CRC32 of every part is a second pass over the
                          # bytes (zlib: ~1.1 GB/s) and sends headers several S3-compatible
                          # services refuse or ignore; SigV4 still signs each part's payload
                          request_checksum_calculation="when_required",
                          response_checksum_validation="when_required"),
        )

    def _call(self, what: str, method: str, **kw: Any) -> Any:
        try:
            return getattr(self.client, method)(**kw)
        except ClientError as exc:
            raise self._mapped(what, exc) from None
        except EndpointConnectionError:
            raise TransientError(_("{what} failed: {host} could not be reached.", what=what,
                                   host=self.host)) from None
        except BotoCoreError as exc:
            raise TransientError(_("{what} failed: {error} talking to {host}.", what=what,
                                   error=type(exc).__name__, host=self.host)) from None

    def _mapped(self, what: str, exc: ClientError) -> Exception:
        error = exc.response.get("Error", {})
        code = str(error.get("Code", ""))
        status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)
        if code in _AUTH_CODES or status in (401, 403):
            return AuthError(_("{what} failed: {host} refused the access key or secret ({code}).",
                               what=what, host=self.host, code=code or status))
        if code in _QUOTA_CODES or status in (413, 507):
            return QuotaError(_("{what} failed: the storage on {host} is full or refuses an "
                                "object this large ({code}).", what=what, host=self.host,
                                code=code or status))
        if code == "NoSuchUpload":
            return SessionLost(_("The server no longer holds the unfinished upload."))
        if code == "NoSuchBucket":
            return PermanentError(_("{what} failed: the bucket {bucket} does not exist on {host}.",
                                    what=what, bucket=self.bucket, host=self.host))
        if code in _TRANSIENT_CODES or status >= 500:
            return TransientError(_("{what} failed: {host} answered {code}.", what=what,
                                    host=self.host, code=code or status))
        return PermanentError(_("{what} failed: {host} answered {code}.", what=what,
                                host=self.host, code=code or status))

    def begin(self, name: str, size: int) -> Session:
        key = new_remote_path(name)
        reply = self._call(_("Starting the upload"), "create_multipart_upload",
                           Bucket=self.bucket, Key=key, ContentType="application/octet-stream")
        return Session(remote_path=key, part_size=part_size_for(size), resumable=True,
                       state={"upload_id": reply["UploadId"]})

    def confirmed_parts(self, session: Session) -> dict[int, tuple[int, str]] | None:
        found: dict[int, tuple[int, str]] = {}
        marker = 0
        while True:
            reply = self._call(_("Resuming the upload"), "list_parts", Bucket=self.bucket,
                               Key=session.remote_path, UploadId=session.state["upload_id"],
                               PartNumberMarker=marker)
            for part in reply.get("Parts", []):
                found[int(part["PartNumber"])] = (int(part["Size"]), str(part["ETag"]))
            if not reply.get("IsTruncated"):
                return found
            marker = int(reply.get("NextPartNumberMarker") or 0)

    def put_part(
        self, session: Session, number: int, offset: int, data: bytes | Iterable[bytes], size: int
    ) -> str:
        body = data if isinstance(data, bytes) else b"".join(data)
        reply = self._call(_("Uploading a part"), "upload_part", Bucket=self.bucket,
                           Key=session.remote_path, UploadId=session.state["upload_id"],
                           PartNumber=number, Body=body, ContentLength=size)
        return str(reply["ETag"])

    def complete(self, session: Session, parts: list[tuple[int, str]]) -> None:
        self._call(_("Finishing the upload"), "complete_multipart_upload", Bucket=self.bucket,
                   Key=session.remote_path, UploadId=session.state["upload_id"],
                   MultipartUpload={"Parts": [{"PartNumber": n, "ETag": e} for n, e in parts]})

    def remote_size(self, remote_path: str) -> int | None:
        try:
            reply = self._call(_("Checking the file"), "head_object", Bucket=self.bucket,
                               Key=remote_path)
        except PermanentError:
            return None  # 404: not there
        return int(reply.get("ContentLength", -1))

    def abort(self, session: Session) -> None:
        try:
            self._call(_("Cancelling the upload"), "abort_multipart_upload", Bucket=self.bucket,
                       Key=session.remote_path, UploadId=session.state["upload_id"])
        except Exception:  # noqa: BLE001 - best effort
            pass

    def share(self, remote_path: str, expiry_s: int, password: str | None) -> Link:
        if password:
            raise PermanentError(_("An S3 link cannot be protected with a password."))
        seconds = capped_expiry(expiry_s)
        try:
            url = self.client.generate_presigned_url(
                "get_object", Params={"Bucket": self.bucket, "Key": remote_path},
                ExpiresIn=seconds)
        except (BotoCoreError, ClientError) as exc:
            raise PermanentError(_("Making the link failed: {error}.",
                                   error=type(exc).__name__)) from None
        return Link(url=str(url), expires=time.time() + seconds)

    def revoke(self, link: Link, remote_path: str) -> None:
        self.delete(remote_path)

    def delete(self, remote_path: str) -> None:
        self._call(_("Deleting the file"), "delete_object", Bucket=self.bucket, Key=remote_path)

    def test(self) -> str:
        self._call(_("Checking the storage"), "head_bucket", Bucket=self.bucket)
        return _("S3 storage on {host}: bucket {bucket} reachable with this key.",
                 host=self.host, bucket=self.bucket)
