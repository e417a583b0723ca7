"""The `parallax` command as a user types it: exit codes, messages, files written."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tui.cli import main
from tui.config import DEMO_EVENT, bundled_config_path
from tui.report.contract import validate_report

DEMO_DIR = bundled_config_path().parent / "demo"
COURIER = "      - {outlet: courier, path: yerevan-courier.html}"  # copied beside the config


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read or write the user's real cache from a test."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


def _config(tmp_path: Path, articles: str) -> Path:
    shutil.copy(DEMO_DIR / "yerevan-courier.html", tmp_path)
    path = tmp_path / "sources.yaml"
    path.write_text(
        f"""\
sides:
  armenian: {{label: Armenian, colour: "#e69f00"}}
  azerbaijani: {{label: Azerbaijani, colour: "#56b4e9"}}
outlets:
  courier: {{name: Yerevan Courier, side: armenian}}
  herald: {{name: Baku Herald, side: azerbaijani, homepage: "http://localhost"}}
events:
  ganja:
    title: Ganja and Stepanakert shelled
    date: 2020-10-11
    articles:
{articles}
""",
        encoding="utf-8",
    )
    return path


def test_demo_report_json_keeps_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--format", "json"]) == 0

    report = json.loads(capsys.readouterr().out)
    assert report["schema"] == "parallax.report/1"
    assert report["event"]["id"] == DEMO_EVENT
    assert validate_report(report) == []
    assert {s["status"] for s in report["sources"]} == {"ok"}
    kinds = {d["kind"] for d in report["divergences"]}
    assert {"figure", "denial", "naming", "omission"} <= kinds


def test_report_to_a_file_names_it_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out" / "report.md"

    code = main(["report", str(bundled_config_path()), "--event", DEMO_EVENT, "-o", str(out)])

    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# ")
    assert "Khankendi" in text and "Stepanakert" in text
    err = capsys.readouterr().err
    assert f"wrote {out}" in err
    assert "[1/4]" in err  # progress per source
    assert not list(out.parent.glob(".*.tmp"))


def _fetched_event(tmp_path: Path, httpserver: HTTPServer) -> Path:
    page = (DEMO_DIR / "yerevan-courier.html").read_bytes()
    httpserver.expect_request("/courier").respond_with_data(page, content_type="text/html")
    return _config(
        tmp_path,
        f"""\
      - {{outlet: courier, url: "{httpserver.url_for("/courier")}"}}
      - {{outlet: herald, url: "{httpserver.url_for("/courier")}?herald"}}""",
    )


def test_fetch_fails_when_no_page_could_be_cached_and_says_where_and_how_to_fix_it(
    tmp_path: Path,
    httpserver: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    blocker = tmp_path / "xdg-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    config = _fetched_event(tmp_path, httpserver)

    assert main(["fetch", str(config), "--event", "ganja"]) == 1

    err = capsys.readouterr().err.splitlines()
    root = blocker / "parallax"
    assert sum("done" in line and f"(not cached in {root}: " in line for line in err) == 2
    assert err[-1] == (
        f"parallax: none of the 2 pages read from the web could be cached in {root}"
        f" ({blocker} is a file, not a folder) — make it a folder you can write to, or point"
        " XDG_CACHE_HOME at one (the cache is then $XDG_CACHE_HOME/parallax)"
    )


def test_fetch_succeeds_once_the_pages_are_cached_and_again_from_the_cache(
    tmp_path: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _fetched_event(tmp_path, httpserver)
    assert main(["fetch", str(config), "--event", "ganja"]) == 0
    assert main(["fetch", str(config), "--event", "ganja"]) == 0  # no page read from the web
    assert "could be cached" not in capsys.readouterr().err


def test_one_failed_source_does_not_stop_the_others(
    tmp_path: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request("/missing").respond_with_data("gone", status=404)
    config = _config(
        tmp_path,
        f"""\
{COURIER}
      - {{outlet: herald, url: "{httpserver.url_for("/missing")}"}}""",
    )

    code = main(["report", str(config), "--event", "ganja", "--format", "json"])

    assert code == 1
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    statuses = {s["id"]: (s["status"], s["error"]) for s in report["sources"]}
    assert statuses["courier"] == ("ok", None)
    assert statuses["herald"][0] == "error" and "404" in statuses["herald"][1]
    assert "1 of 2 sources failed" in captured.err
    assert "herald" in captured.err and "404" in captured.err


def test_offline_says_which_sources_are_not_cached(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(tmp_path, '      - {outlet: herald, url: "http://127.0.0.1:9/ganja"}')

    code = main(["fetch", str(config), "--event", "ganja", "--offline"])

    assert code == 2
    err = capsys.readouterr().err
    assert "herald" in err and "not in the cache" in err


def test_compare_takes_outlet_equals_path(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "compare",
            "--config",
            str(bundled_config_path()),
            f"yerevan-courier={DEMO_DIR / 'yerevan-courier.html'}",
            f"baku-herald={DEMO_DIR / 'baku-herald.html'}",
            "--format",
            "json",
        ]
    )

    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in report["sources"]] == ["yerevan-courier", "baku-herald"]
    assert validate_report(report) == []


def test_compare_finds_the_outlet_by_host(
    tmp_path: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    page = (DEMO_DIR / "baku-herald.html").read_bytes()
    httpserver.expect_request("/ganja").respond_with_data(page, content_type="text/html")
    config = _config(tmp_path, COURIER)

    code = main(["compare", "--config", str(config), httpserver.url_for("/ganja")])

    assert code == 0
    assert "Baku Herald" in capsys.readouterr().out


def test_compare_can_open_the_viewer_instead(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[tuple[str, tuple[str, ...]]] = []

    def run_app(config, event, options) -> None:
        opened.append((event.id, tuple(ref.outlet for ref in event.articles)))

    monkeypatch.setattr("tui.app.run.run_app", run_app)
    location = f"baku-herald={DEMO_DIR / 'baku-herald.html'}"

    assert main(["compare", "--config", str(bundled_config_path()), location, "--open"]) == 0
    assert opened == [("adhoc", ("baku-herald",))]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "{config}", "--event", "ganjaa"], "did you mean 'ganja'"),
        (["compare", "--config", "{config}", "https://unknown.example/x"], "OUTLET="),
        (["compare", "--config", "{config}", "nobody=/tmp/x.html"], "unknown outlet 'nobody'"),
        (["check", "{missing}"], "missing.yaml"),
    ],
)
def test_bad_input_gets_one_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    config = _config(tmp_path, COURIER)
    filled = [a.format(config=config, missing=tmp_path / "missing.yaml") for a in argv]

    assert main(filled) == 2

    err = capsys.readouterr().err
    assert err.startswith("parallax: ")
    assert message in err
    assert "Traceback" not in err


def test_an_output_path_that_cannot_be_written_is_one_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["demo", "--format", "md", "-o", str(tmp_path)])  # a directory

    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith(f"parallax: cannot write the report to {tmp_path}")
    assert "-o" in err


def test_check_reports_problems_with_their_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(tmp_path, "      - {outlet: courier, path: nowhere.html}")

    assert main(["check", str(config)]) == 1

    captured = capsys.readouterr()
    assert "Events" in captured.out
    assert "sources.yaml:12" in captured.err and "nowhere.html" in captured.err


def test_check_warns_that_an_outlet_in_another_language_goes_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(tmp_path, "      - {outlet: courier, path: yerevan-courier.html}")
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "side: azerbaijani,", "side: azerbaijani, lang: az,"
        ),
        encoding="utf-8",
    )

    assert main(["check", str(config)]) == 1

    warnings = [line for line in capsys.readouterr().err.splitlines() if "'herald'" in line]
    assert warnings == [
        f"warning: {config}: outlet 'herald' is lang: az, but the analysis reads English"
        " only, so its findings for this outlet will be unreliable — use the outlet's English"
        " edition (lang: en) or leave the outlet out"
    ]


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "check", str(bundled_config_path())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert DEMO_EVENT in result.stdout


# --- hostile input and nothing lost -------------------------------------------------------------


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "-inf", "1e9", "soon"])
def test_a_timeout_that_cannot_work_is_refused(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["fetch", f"--timeout={value}"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --timeout: '{value}' is not" in err
    assert "Traceback" not in err


def test_o_replaces_an_earlier_report_of_the_same_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for fmt in ("md", "json"):
        out = tmp_path / f"report.{fmt}"
        assert main(["demo", "--format", fmt, "-o", str(out)]) == 0
        first = out.read_text(encoding="utf-8")
        assert main(["demo", "--format", fmt, "-o", str(out)]) == 0
        assert out.read_text(encoding="utf-8").splitlines()[0] == first.splitlines()[0]


@pytest.mark.parametrize("existing", ["notes I must keep\n", "# parallax report? no\n", ""])
def test_o_refuses_to_replace_any_other_file_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], existing: str
) -> None:
    out = tmp_path / "notes.md"
    out.write_text(existing, encoding="utf-8")
    assert main(["demo", "--format", "md", "-o", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == existing
    err = capsys.readouterr().err.strip()
    assert err == (
        f"parallax: -o {out} exists and is not a parallax md report — give another name, "
        "or pass --force to replace it"
    )
    assert main(["demo", "--format", "md", "-o", str(out), "--force"]) == 0
    assert "Parallax report" in out.read_text(encoding="utf-8")


def test_o_never_replaces_the_sources_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(tmp_path, COURIER)
    before = config.read_bytes()
    for extra in ([], ["--force"]):
        code = main(["report", str(config), "--event", "ganja", "-o", str(config), *extra])
        assert code == 2
        assert config.read_bytes() == before
        assert "is the sources file itself" in capsys.readouterr().err


def test_a_json_report_does_not_replace_a_markdown_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report"
    assert main(["demo", "--format", "md", "-o", str(out)]) == 0
    assert main(["demo", "--format", "json", "-o", str(out)]) == 2
    assert "Parallax report" in out.read_text(encoding="utf-8")


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # type: ignore[call-overload,no-any-return]
        [sys.executable, "-m", "tui", *args], capture_output=True, timeout=120, **kwargs
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_standard_output_is_one_message() -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "tui", "demo", "--format", "md"],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.strip().splitlines()[-1] == (
        "parallax: cannot write the report to standard output: No space left on device "
        "— write it to a file with -o FILE"
    )
    assert "Traceback" not in err and "Exception ignored" not in err


def test_a_closed_standard_output_ends_quietly() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "demo", "--format", "md"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the report is written, like `| true`
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == 2
    assert "Traceback" not in err and "Exception ignored" not in err


def test_a_shared_sources_file_cannot_quote_files_outside_its_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "private.html"
    secret.write_text("<p>Payroll figures nobody may see outside the office.</p>\n" * 3)
    shared = tmp_path / "shared"
    shared.mkdir()
    config = _config(shared, f"{COURIER}\n      - {{outlet: herald, path: ../private.html}}")

    code = main(["report", str(config), "--event", "ganja", "--format", "json"])
    captured = capsys.readouterr()
    assert code == 1
    assert "Payroll" not in captured.out
    herald = next(s for s in json.loads(captured.out)["sources"] if s["id"] == "herald")
    assert herald["error"] == (
        f"refused to read {secret}: it is outside the sources file's folder — move the file "
        "next to the sources file, or pass --allow-outside if you trust whoever wrote it"
    )
    args = ["report", str(config), "--event", "ganja", "--format", "json", "--allow-outside"]
    assert main(args) == 0
    assert "Payroll" in capsys.readouterr().out


def test_demo_help_says_what_format_does_without_a_default_of_none(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["demo", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "(default: None)" not in out
    assert "write a report in this format instead of opening the viewer" in out
