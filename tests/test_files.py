"""Atomic writes keep the permissions an ordinary write would give, and never leave debris."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tui import files


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_umask_permissions_not_private_ones(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    files.write_atomically(target, b"# report\n")
    assert target.read_bytes() == b"# report\n"
    assert _mode(target) == 0o666 & ~files._UMASK
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_replacing_a_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "shared.md"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    files.write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert _mode(target) == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.md"
    target.write_bytes(b"old")

    def disk_full(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", disk_full)
    with pytest.raises(OSError, match="No space left"):
        files.write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
