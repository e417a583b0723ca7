"""Fixtures every test module shares."""

from __future__ import annotations

import pytest

from tui.cli import ARCHIVE_ENV


@pytest.fixture(autouse=True)
def _no_real_archive(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI asks the web archive for pages that are gone; in a test, never the real one.

    Port 9 on the loopback refuses connections, so a test that does not start its own fake
    archive sees the archive fail, as it would offline.
    """
    monkeypatch.setenv(ARCHIVE_ENV, "http://127.0.0.1:9")


@pytest.fixture(autouse=True)
def _no_real_reviews(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """`parallax report` writes the editor's saved reviews into the report; a test must never
    read (or write) the user's real ones."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.getbasetemp() / "xdg-data"))
