"""Paraphrase, never copy: no run of seven words of the seed text anywhere in the project."""

import os
import subprocess
import sys

import pytest

from conftest import ROOT, SHARED

CHECKER = SHARED / "tools" / "check_copy.py"


def test_no_sentence_of_the_seed_is_copied():
    if not CHECKER.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHECKER} is missing: CI must have shared/ beside the project")
        pytest.skip("shared/ is not beside the project")
    result = subprocess.run([sys.executable, str(CHECKER), str(ROOT), "--strict"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
