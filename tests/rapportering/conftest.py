"""Reports are read from real cases and projects: the fixtures of the project tests (a
program with a filled pot, staff, and a worker that opens accepted phases at once)."""

from tests.plp.conftest import (  # noqa: F401
    _fast_and_quiet,
    _worker_opens_phases_at_once,
    perform,
    world,
)
