"""`parallax check` never says OK while exiting non-zero: it says what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main

CONFIG = """\
sides:
  a: {label: A, colour: "#ff0000"}
  b: {label: B, colour: "#0000ff"}
outlets:
  x: {name: X, side: a}
  y: {name: Y, side: b}
events:
  e:
    title: T
    date: 2020-10-11
    articles:
      - {outlet: x, path: missing.html}
      - {outlet: y, path: there.html}
"""


def test_a_missing_article_file_is_named_and_the_summary_does_not_say_ok(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "there.html").write_text("<p>Our own words.</p>", encoding="utf-8")
    config = tmp_path / "sources.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    assert main(["check", str(config)]) == 1
    captured = capsys.readouterr()
    first = captured.out.splitlines()[0]
    assert "OK" not in first and "1 problem" in first
    assert "missing.html" in captured.err
    assert captured.err.rstrip().endswith("has 1 problem (above); exit status 1")


def test_a_clean_config_still_says_ok(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("missing.html", "there.html"):
        (tmp_path / name).write_text("<p>Our own words.</p>", encoding="utf-8")
    config = tmp_path / "sources.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    assert main(["check", str(config)]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith(": OK")
