"""The upload sandbox keeps working in a process that holds descriptors above 1024 (a long-lived server does)."""

from __future__ import annotations

import os
import resource

import pytest

from assistant import sandbox


def test_budgeted_child_works_with_high_descriptors() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1400:
        pytest.skip("the hard descriptor limit is too low to open 1,100 files")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1400), hard))
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        assert max(held) > 1024
        assert sandbox.run(sum, [1, 2, 3], name="台账.xlsx") == 6
    finally:
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
