"""The build's own measure of its peak memory: its own, never the size of the process that started it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from briefing.progress import peak_mb

ROOT = Path(__file__).resolve().parent.parent
BIG_MB = 400


def test_peak_memory_is_not_inherited_from_a_large_parent():
    # ru_maxrss would report at least BIG_MB here: Linux carries the parent's high-water mark across fork and exec.
    ballast = bytearray(BIG_MB * 1024 * 1024)
    ballast[:: 4096] = b"x" * len(ballast[:: 4096])  # touch every page, so that it is resident
    assert peak_mb() >= BIG_MB
    child = subprocess.run(
        [sys.executable, "-c", "from briefing.progress import peak_mb; print(peak_mb())"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    del ballast
    assert 0 < float(child.stdout) < BIG_MB / 2

