"""Shared fixtures: the CLI runners, the sample cache and signed example policies."""

from tests.client.cli.conftest import (  # noqa: F401 - shared fixtures
    cache,
    cli,
    cli_process,
    keyring_file,
    process_env,
)
from tests.client.signatures.conftest import keys, make_policy  # noqa: F401 - shared fixtures
