"""sources.yaml loading: the shipped file works, and every mistake an editor can make in it
comes back as one line naming the file, the line and the fix."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.config import (
    DEMO_EVENT,
    ConfigError,
    bundled_config_path,
    default_config_path,
    find_problems,
    load_config,
    summarise,
)

SEED_URL = (
    "https://www.themoscowtimes.com/2020/10/11/"
    "heavy-shelling-and-civilian-casualties-dash-hopes-for-karabakh-ceasefire-a71713"
)

# Line numbers matter in these tests: keep the layout in step with the comments.
VALID = """\
sides:
  armenian: {label: Armenian, colour: "#e69f00"}
  azerbaijani: {label: Azerbaijani, colour: "#56b4e9"}
outlets:
  trend: {name: Trend, side: azerbaijani}
  apa: {name: APA, side: azerbaijani, homepage: "https://apa.az", lang: en}
  armenpress: {name: Armenpress, side: armenian, selector: "div.article"}
events:
  ganja-2020-10-11:
    title: Ganja shelled
    date: 2020-10-11
    articles:
      - {outlet: trend, url: "https://en.trend.az/a.html"}
      - {outlet: armenpress, path: articles/armenpress.html}
lexicon:
  names:
    stepanakert: {armenian: [Stepanakert], azerbaijani: [Khankendi, Xankendi]}
  framing:
    azerbaijani: [occupant, "separatist regime"]
  denial: ["absolute lie", misinformation]
"""
# line 2: side armenian      line 5: outlet trend       line 10: title   line 11: date
# line 13: trend article     line 14: armenpress article line 15: lexicon
# line 17: name group        line 19: framing azerbaijani

MESSAGE_RE = re.compile(r"^sources\.yaml:\d+: .+ — .+$")


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the config's directory so messages read 'sources.yaml:N:' as users see them."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> tuple[str, ...]:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert str(caught.value) == "\n".join(caught.value.problems)
    return caught.value.problems


def only_problem(tmp_path: Path, text: str) -> str:
    problems = problems_of(tmp_path, text)
    assert len(problems) == 1, problems
    assert MESSAGE_RE.match(problems[0]), problems[0]
    return problems[0]


def edit(old: str, new: str) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, 1)


# --- the shipped configuration ---------------------------------------------------------------


def test_shipped_config_loads_and_has_three_sides() -> None:
    config = load_config(bundled_config_path())
    # The neutral side stands between the two parties, so its column does too.
    assert [s.id for s in config.sides] == ["armenian", "international", "azerbaijani"]
    assert [s.id for s in config.sides if s.neutral] == ["international"]
    for side in config.sides:
        assert re.fullmatch(r"#[0-9a-f]{6}", side.colour)
        assert any(o.side == side.id for o in config.outlets)
    assert len({s.colour for s in config.sides}) == 3


def test_shipped_config_has_no_problems() -> None:
    assert find_problems(load_config(bundled_config_path())) == ()


def test_shipped_event_lists_the_seed_article_and_only_web_urls() -> None:
    event = load_config(bundled_config_path()).event("ganja-2020-10-11")
    locations = [a.location for a in event.articles]
    assert SEED_URL in locations
    assert all(loc.startswith("https://") for loc in locations)
    assert event.date == dt.date(2020, 10, 11)


def test_demo_event_uses_bundled_files_and_fictional_outlets() -> None:
    config = load_config(bundled_config_path())
    event = config.event(DEMO_EVENT)
    assert len(event.articles) >= 4
    demo_dir = bundled_config_path().resolve().parent / "demo"
    sides = set()
    for ref in event.articles:
        path = Path(ref.location)
        assert path.is_absolute() and path.is_file()
        assert path.parent == demo_dir
        outlet = config.outlet(ref.outlet)
        assert outlet.name.endswith("(demo)")
        assert outlet.homepage is None
        sides.add(outlet.side)
    assert sides == {"armenian", "azerbaijani", "international"}


def test_shipped_lexicon_pairs_the_contested_names() -> None:
    lexicon = load_config(bundled_config_path()).lexicon
    groups = {g.id: g for g in lexicon.names}
    assert groups["stepanakert"].side_of("Khankendi") == "azerbaijani"
    assert groups["stepanakert"].side_of("stepanakert") == "armenian"
    assert groups["shushi"].side_of("Shusha") == "azerbaijani"
    framing = {t.term: t.side for t in lexicon.framing}
    assert framing["separatist regime"] == "azerbaijani"
    assert framing["Azerbaijani aggression"] == "armenian"
    assert "absolute lie" in lexicon.denial


def test_default_config_prefers_the_working_directory(tmp_path: Path) -> None:
    assert default_config_path() == bundled_config_path()
    local = write(tmp_path, VALID)
    assert default_config_path() == local


# --- a valid file ------------------------------------------------------------------------------


def test_valid_config_builds_every_field(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, VALID))
    assert config.path == tmp_path / "sources.yaml"
    assert config.side("armenian").label == "Armenian"
    apa = config.outlet("apa")
    assert (apa.homepage, apa.lang, apa.selector) == ("https://apa.az", "en", None)
    assert config.outlet("armenpress").selector == "div.article"
    event = config.event("ganja-2020-10-11")
    assert event.title == "Ganja shelled"
    trend, armenpress = event.articles
    assert (trend.outlet, trend.location, trend.line) == ("trend", "https://en.trend.az/a.html", 13)
    assert armenpress.location == str(tmp_path.resolve() / "articles" / "armenpress.html")
    assert armenpress.line == 14
    group = config.lexicon.names[0]
    assert group.variants == (
        ("armenian", ("Stepanakert",)),
        ("azerbaijani", ("Khankendi", "Xankendi")),
    )
    assert [(t.term, t.side) for t in config.lexicon.framing] == [
        ("occupant", "azerbaijani"),
        ("separatist regime", "azerbaijani"),
    ]
    assert config.lexicon.denial == ("absolute lie", "misinformation")


def test_paths_resolve_against_the_real_file_behind_a_symlink(tmp_path: Path) -> None:
    real_dir = tmp_path / "package"
    real_dir.mkdir()
    (real_dir / "sources.yaml").write_text(VALID, encoding="utf-8")
    link_dir = tmp_path / "elsewhere"
    link_dir.mkdir()
    (link_dir / "sources.yaml").symlink_to(real_dir / "sources.yaml")
    config = load_config(link_dir / "sources.yaml")
    ref = config.event("ganja-2020-10-11").articles[1]
    assert ref.location == str(real_dir.resolve() / "articles" / "armenpress.html")


def test_quoted_date_and_single_phrase_are_accepted(tmp_path: Path) -> None:
    text = edit("date: 2020-10-11", 'date: "2020-10-11"').replace(
        'denial: ["absolute lie", misinformation]', 'denial: "absolute lie"'
    )
    config = load_config(write(tmp_path, text))
    assert config.event("ganja-2020-10-11").date == dt.date(2020, 10, 11)
    assert config.lexicon.denial == ("absolute lie",)


def test_lexicon_is_optional(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, VALID.split("lexicon:")[0]))
    assert config.lexicon.names == () and config.lexicon.denial == ()


# --- reading errors ----------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "nope.yaml")
    (message,) = caught.value.problems
    assert message.startswith("nope.yaml: no such file — ")


def test_directory_instead_of_file(tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    with pytest.raises(ConfigError, match=r"^conf: is a directory — "):
        load_config(tmp_path / "conf")


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_bytes(VALID.replace("Ganja shelled", "Gäncä").encode("latin-1"))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    (message,) = caught.value.problems
    assert message.startswith("sources.yaml:10: is not UTF-8")
    assert "save the file as UTF-8" in message


def test_utf8_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode())
    assert load_config(path).sides[0].id == "armenian"


def test_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    message = only_problem(tmp_path, edit("title: Ganja shelled", 'title: "Ganja shelled'))
    assert "YAML syntax error" in message


def test_tab_indentation_gets_a_specific_fix(tmp_path: Path) -> None:
    message = only_problem(tmp_path, edit("    title: Ganja shelled", "\ttitle: Ganja shelled"))
    assert message.startswith("sources.yaml:10:")
    assert "spaces, not tabs" in message


def test_control_character_is_reported_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^sources\.yaml:10: contains the control character"):
        load_config(write(tmp_path, edit("Ganja shelled", "Ganja\x07shelled")))


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^sources\.yaml: is empty — "):
        load_config(write(tmp_path, "# nothing here\n"))


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    message = only_problem(tmp_path, "- sides\n- outlets\n")
    assert message.startswith("sources.yaml:1: the top level must be a mapping")


# --- schema errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"),
    [
        (
            "lexicon:",
            "lexicom:",
            15,
            "unknown key 'lexicom' in the top level — did you mean 'lexicon'?",
        ),
        ('colour: "#e69f00"', 'colur: "#e69f00"', 2, "did you mean 'colour'?"),
        ("side: azerbaijani}\n  apa", "sid: azerbaijani}\n  apa", 5, "did you mean 'side'?"),
        ("{name: Trend, side: azerbaijani}", "{name: Trend}", 5, "outlet 'trend' has no 'side'"),
        (
            "{name: Trend, side: azerbaijani}",
            "{name: 1234, side: azerbaijani}",
            5,
            'quotes: "1234"',
        ),
        ("lang: en", "lang: no", 6, "read as true/false"),
        ("{name: Trend, side", "{name: [Trend, T], side", 5, "it is a list; write a single value"),
        (
            "{name: Trend, side",
            '{name: "Tr\\x1b[2Jend", side',
            5,
            "'Tr\\x1b[2Jend' contains a control",
        ),
        ("lang: en", "lang: english-language", 6, "not a language code"),
        ('homepage: "https://apa.az"', "homepage: apa.az", 6, "write https://"),
        (
            "{name: Trend, side: azerbaijani}",
            "{name: Trend, side: azeri}",
            5,
            "side 'azeri' of outlet 'trend' is not defined under sides: — did you mean "
            "'azerbaijani'? (defined: armenian, azerbaijani)",
        ),
        (
            "{outlet: trend, url",
            "{outlet: trnd, url",
            13,
            "outlet 'trnd' in event 'ganja-2020-10-11' is not defined under outlets: — did you "
            "mean 'trend'? (defined: trend, apa, armenpress)",
        ),
        (
            "date: 2020-10-11",
            "date: 2020-13-45",
            11,
            "'2020-13-45', not a real date — write it as YYYY-MM-DD",
        ),
        ("date: 2020-10-11", "date: 11/10/2020", 11, "YYYY-MM-DD"),
        ("date: 2020-10-11", "date:", 11, "is empty, not a real date"),
        ("title: Ganja shelled", "title:", 10, "is empty — write a value"),
        (
            'url: "https://en.trend.az/a.html"}',
            'url: "https://en.trend.az/a.html", path: a.html}',
            13,
            "has both url and path",
        ),
        (
            'url: "https://en.trend.az/a.html"}',
            "}",
            13,
            "has neither url nor path — give exactly one",
        ),
        (
            "https://en.trend.az/a.html",
            "ftp://en.trend.az/a.html",
            13,
            "http://, https:// or file://",
        ),
        ("https://en.trend.az/a.html", "en.trend.az/a.html", 13, "start it with https://"),
        ("https://en.trend.az/a.html", "https:///a.html", 13, "write the full address"),
        ("path: articles/armenpress.html", "path: https://x.am/a", 14, "use url:"),
        ('colour: "#e69f00"', "colour: orange", 2, 'not a hex colour — write it as "#rrggbb"'),
        ('colour: "#e69f00"', "colour: #e69f00", 2, '" #" starts a comment'),
        (
            'armenian: {label: Armenian, colour: "#e69f00"}',
            "armenian:\n    label: Armenian\n    colour: #e69f00",
            4,
            "'#' starts a YAML comment",
        ),
        (
            "armenian: {label",
            "Armenian Side: {label",
            2,
            "side id 'Armenian Side' is not a valid id",
        ),
        (
            "{armenian: [Stepanakert]",
            "{armenia: [Stepanakert]",
            17,
            "side 'armenia' in lexicon name group 'stepanakert' is not defined under sides:"
            " — did you mean 'armenian'?",
        ),
        (
            "    azerbaijani: [occupant",
            "    azeri: [occupant",
            19,
            "side 'azeri' in lexicon framing is not defined",
        ),
        (
            "azerbaijani: [Khankendi, Xankendi]",
            "azerbaijani: [Khankendi, Stepanakert]",
            17,
            "already in group 'stepanakert'",
        ),
        ('[occupant, "separatist regime"]', "[occupant, Occupant]", 19, "listed twice"),
        ("framing:", "framing: [occupant]\n  x:", 18, "lexicon framing must be a mapping"),
        ("    articles:\n", "    articles: []\n    x:\n", 12, "at least one article"),
    ],
)
def test_each_mistake_names_its_line_and_fix(
    tmp_path: Path, old: str, new: str, line: int, expected: str
) -> None:
    problems = problems_of(tmp_path, edit(old, new))
    assert any(
        p.startswith(f"sources.yaml:{line}: ") and expected in p and " — " in p for p in problems
    ), problems


def test_duplicate_outlet_id_points_at_both_lines(tmp_path: Path) -> None:
    text = edit(
        "  apa: {name: APA", "  trend: {name: Trend again, side: azerbaijani}\n  apa: {name: APA"
    )
    message = only_problem(tmp_path, text)
    assert message.startswith("sources.yaml:6: 'trend' appears twice in outlets (first on line 5)")


def test_duplicate_key_inside_an_entry(tmp_path: Path) -> None:
    text = edit("    title: Ganja shelled\n", "    title: Ganja shelled\n    title: Again\n")
    message = only_problem(tmp_path, text)
    assert message.startswith("sources.yaml:11: 'title' appears twice in event 'ganja-2020-10-11'")


def test_same_article_twice_in_an_event(tmp_path: Path) -> None:
    line = '      - {outlet: trend, url: "https://en.trend.az/a.html"}\n'
    message = only_problem(tmp_path, edit(line, line + line))
    assert message.startswith(
        "sources.yaml:14: article 2 of event 'ganja-2020-10-11' repeats article 1"
    )


def test_missing_required_sections(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, "lexicon:\n  denial: [lie]\n")
    assert problems == tuple(
        f"sources.yaml:1: the top level has no '{key}' — add a '{key}:' line"
        for key in ("sides", "outlets", "events")
    )


def test_all_problems_are_reported_in_one_pass(tmp_path: Path) -> None:
    text = edit("side: azerbaijani}\n  apa", "side: azeri}\n  apa")
    text = text.replace("date: 2020-10-11", "date: yesterday").replace(
        'colour: "#56b4e9"', "colour: blue"
    )
    problems = problems_of(tmp_path, text)
    assert [p.split(":")[1] for p in problems] == ["3", "5", "11"]
    assert all(MESSAGE_RE.match(p) for p in problems)


def test_a_broken_outlet_is_still_known_to_events(tmp_path: Path) -> None:
    """One mistake must not cascade into 'undefined outlet' errors for every article."""
    message = only_problem(
        tmp_path, edit("{name: Trend, side: azerbaijani}", "{side: azerbaijani}")
    )
    assert "has no 'name'" in message


def test_merge_keys_are_refused_clearly(tmp_path: Path) -> None:
    text = edit(
        "  trend: {name: Trend, side: azerbaijani}", "  trend: {<<: {side: armenian}, name: Trend}"
    )
    problems = problems_of(tmp_path, text)
    assert any("merge key" in p and p.startswith("sources.yaml:5:") for p in problems), problems


# --- non-fatal problems ------------------------------------------------------------------------


def test_find_problems_reports_a_missing_article_file_with_its_line(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, VALID))
    assert find_problems(config) == (
        "sources.yaml:14: article file 'articles/armenpress.html' for outlet 'armenpress' does"
        " not exist — fix the path (relative to sources.yaml)",
    )
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "armenpress.html").write_text("<p>text</p>", encoding="utf-8")
    assert find_problems(config) == ()


def test_find_problems_checks_file_urls_and_directories(tmp_path: Path) -> None:
    (tmp_path / "articles" / "armenpress.html").mkdir(parents=True)
    missing = tmp_path / "gone.html"
    text = edit('url: "https://en.trend.az/a.html"', f'url: "file://{missing}"')
    problems = find_problems(load_config(write(tmp_path, text)))
    assert problems[0].startswith("sources.yaml:13: article file 'gone.html' for outlet 'trend'")
    assert problems[1].startswith("sources.yaml:14: article path 'articles/armenpress.html'")
    assert "is not a file" in problems[1]


def test_find_problems_warns_about_a_one_sided_event(tmp_path: Path) -> None:
    text = edit(
        "{outlet: armenpress, path: articles/armenpress.html}",
        '{outlet: apa, url: "https://apa.az/1"}',
    )
    (problem,) = find_problems(load_config(write(tmp_path, text)))
    assert "only has articles from side 'azerbaijani'" in problem


@pytest.mark.parametrize("lang", ["en", "en-GB", "en-us"])
def test_an_english_outlet_needs_no_warning(tmp_path: Path, lang: str) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "armenpress.html").write_text("<p>text</p>", encoding="utf-8")
    text = edit("lang: en}", f'lang: "{lang}"}}')
    assert find_problems(load_config(write(tmp_path, text))) == ()


@pytest.mark.parametrize("lang", ["az", "ru", "hy-Latn"])
def test_an_outlet_in_another_language_is_warned_about_once(tmp_path: Path, lang: str) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "armenpress.html").write_text("<p>text</p>", encoding="utf-8")
    text = edit("lang: en}", f'lang: "{lang}"}}')
    (problem,) = find_problems(load_config(write(tmp_path, text)))
    assert problem == (
        f"sources.yaml: outlet 'apa' is lang: {lang}, but the analysis reads English only, so"
        " its findings for this outlet will be unreliable — use the outlet's English edition"
        " (lang: en) or leave the outlet out"
    )


# --- summary -----------------------------------------------------------------------------------


def test_summarise_counts_what_the_file_holds(tmp_path: Path) -> None:
    summary = summarise(load_config(write(tmp_path, VALID)))
    lines = summary.splitlines()
    assert lines[0] == "sources.yaml: OK"
    assert "  armenian     Armenian (#e69f00), 1 outlet" in lines
    assert "  azerbaijani  Azerbaijani (#56b4e9), 2 outlets" in lines
    assert "  ganja-2020-10-11  2020-10-11  2 articles (1 url, 1 local file)" in lines
    assert "    Ganja shelled" in lines
    assert lines[-1] == ("Lexicon: 1 name group (3 names), 2 framing terms, 2 denial phrases")


def test_summarise_the_shipped_config() -> None:
    summary = summarise(load_config(bundled_config_path()))
    assert f"{DEMO_EVENT}  2020-10-11  4 articles (0 urls, 4 local files)" in summary
    assert "ganja-2020-10-11  2020-10-11  12 articles (12 urls, 0 local files)" in summary


# --- robustness --------------------------------------------------------------------------------

YAML_PIECES = st.sampled_from(
    [
        "sides:",
        "outlets:",
        "events:",
        "lexicon:",
        "names:",
        "framing:",
        "denial:",
        "  ",
        "    ",
        "- ",
        ": ",
        "{",
        "}",
        "[",
        "]",
        ", ",
        "\n",
        "\t",
        "#",
        '"',
        "'",
        "armenian",
        "trend",
        "label: A",
        'colour: "#fff"',
        "side: armenian",
        "name: T",
        "url: https://x.am/a",
        "path: a.html",
        "outlet: trend",
        "date: 2020-10-11",
        "title: T",
        "articles:",
        "&a",
        "*a",
        "<<: ",
        "!!python/object:os.system",
        "~",
        "null",
        "yes",
        "12",
        "1e3",
        "2020-02-30",
        "\x00",
        "\ufeff",
        "é",
        "---",
        "...",
    ]
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(YAML_PIECES, max_size=40).map("".join))
def test_any_text_loads_or_fails_with_config_error(tmp_path: Path, text: str) -> None:
    """Whatever an editor types, the answer is a Config or a ConfigError, never a traceback."""
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        config = load_config(path)
    except ConfigError as exc:
        assert exc.problems
        assert all(p.startswith("sources.yaml") and " — " in p for p in exc.problems), exc.problems
    else:
        summarise(config)
        find_problems(config)


def test_valid_structure_with_random_values_never_crashes(tmp_path: Path) -> None:
    """Every scalar of the valid file replaced by awkward values, one at a time."""
    awkward = [
        "",
        "~",
        "[]",
        "{}",
        "[a, b]",
        "{a: 1}",
        "12",
        "-1.5",
        "yes",
        "2020-10-11",
        '"\\x07"',
    ]
    scalars = list(re.finditer(r"(?<=: )[^{}\[\],\n]+", VALID))
    for match in scalars:
        for value in awkward:
            text = VALID[: match.start()] + value + VALID[match.end() :]
            write(tmp_path, text)
            try:
                load_config(tmp_path / "sources.yaml")
            except ConfigError as exc:
                assert all(MESSAGE_RE.match(p) for p in exc.problems), (text, exc.problems)


def test_a_side_may_be_marked_neutral(tmp_path: Path) -> None:
    text = edit("armenian: {label: Armenian,", "armenian: {neutral: true, label: Armenian,")
    config = load_config(write(tmp_path, text))
    assert [s.id for s in config.sides if s.neutral] == ["armenian"]


def test_neutral_must_be_true_or_false(tmp_path: Path) -> None:
    text = edit("armenian: {label: Armenian,", "armenian: {neutral: maybe, label: Armenian,")
    with pytest.raises(ConfigError) as error:
        load_config(write(tmp_path, text))
    assert "'neutral' of side 'armenian' is 'maybe', not true or false" in str(error.value)
    assert "write true or false" in str(error.value)


# --- hostile files -------------------------------------------------------------------------------


def _alias_bomb(levels: int, fan_out: int = 10) -> str:
    """Each level a list of `fan_out` aliases of the one before: fan_out ** levels entries."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels + 1):
        aliases = ", ".join([f"*a{level - 1}"] * fan_out)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "\n".join([*lines, f"sides: *a{levels}", "outlets: *a1", "events: *a1", ""])


def test_aliases_that_expand_past_the_budget_are_refused_in_one_line(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, _alias_bomb(9))  # a billion entries from 700 bytes
    assert "aliases (*name) expand to more than 200,000 entries" in problem


def test_a_few_aliases_are_walked_as_usual(tmp_path: Path) -> None:
    text = VALID.replace(
        "  azerbaijani: {label: Azerbaijani", "  azerbaijani: &az {label: Azerbaijani"
    )
    assert load_config(write(tmp_path, text)).side("azerbaijani").label == "Azerbaijani"


@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_nesting_past_the_depth_limit_is_one_message(tmp_path: Path, opening: str) -> None:
    closing = "]" if opening == "[" else "}"
    problem = only_problem(tmp_path, "sides: " + opening * 600 + "1" + closing * 600 + "\n")
    assert "nested more than 64 levels deep" in problem


def test_a_file_with_thousands_of_problems_lists_the_first_hundred(tmp_path: Path) -> None:
    outlets = "".join(f"  o{i}: {{name: O, side: nowhere}}\n" for i in range(300))
    problems = problems_of(tmp_path, VALID.replace("outlets:\n", "outlets:\n" + outlets))
    assert len(problems) == 101
    assert problems[-1].startswith("sources.yaml: … and ")
    assert problems[-1].endswith("more problems — fix the ones above first")


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.dictionaries(st.sampled_from(["sides", "outlets", "events", "lexicon", "x"]), YAML_VALUES),
    st.integers(min_value=0, max_value=3),
)
def test_any_yaml_document_gives_a_config_or_one_message_per_problem(
    tmp_path: Path, document: dict[str, object], reuse: int
) -> None:
    """YAML documents of any shape, with objects reused so that the dump holds anchors and
    aliases: a Config or a ConfigError of one-line `file:line: what — fix` messages."""
    shared = list(document.values())[:1] * reuse  # the same object again: an alias in YAML
    text = yaml.safe_dump({**document, "again": shared} if shared else document)
    path = write(tmp_path, text)
    try:
        config = load_config(path)
    except ConfigError as exc:
        assert exc.problems
        assert all("\n" not in p and p.startswith("sources.yaml") for p in exc.problems)
        assert all(" — " in p for p in exc.problems), exc.problems
    else:
        summarise(config)
        find_problems(config)


# --- local paths ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["../outside.html", "/etc/hostname", "~/notes.html", "link/outside.html"]
)
def test_check_warns_about_article_files_outside_the_folder(tmp_path: Path, path: str) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    (tmp_path / "outside.html").write_text("<p>private</p>", encoding="utf-8")
    (folder / "link").symlink_to(tmp_path)
    text = VALID.replace("path: articles/armenpress.html", f"path: {path}")
    config = load_config(write(folder, text))
    [warning] = [p for p in find_problems(config) if "armenpress" in p]
    assert warning.startswith("shared/sources.yaml:14: article file ")
    assert "is outside the folder of sources.yaml — it is read only with --allow-outside" in warning


@pytest.mark.parametrize("location", ["path: /proc/self/status", 'url: "file:///dev/zero"'])
def test_check_says_system_files_are_never_read(tmp_path: Path, location: str) -> None:
    text = VALID.replace("path: articles/armenpress.html", location)
    [warning] = [p for p in find_problems(load_config(write(tmp_path, text))) if "armenpress" in p]
    assert "is a system file, not an article — it is never read" in warning


# --- lexicon: actors and term families ----------------------------------------------------------


def test_actor_words_and_term_families(tmp_path: Path) -> None:
    text = edit(
        '    azerbaijani: [occupant, "separatist regime"]\n',
        '    azerbaijani: [[occupation, occupied, occupier], "separatist regime"]\n'
        "  actors:\n"
        "    azerbaijani: [Baku]\n"
        "    armenian: [Yerevan, Stepanakert authorities]\n",
    )
    lexicon = load_config(write(tmp_path, text)).lexicon
    assert lexicon.actors == (
        ("azerbaijani", ("Baku",)),
        ("armenian", ("Yerevan", "Stepanakert authorities")),
    )
    families = {t.term: t.family for t in lexicon.framing}
    assert families == {
        "occupation": "occupation",
        "occupied": "occupation",
        "occupier": "occupation",
        "separatist regime": "",
    }


def test_actor_words_of_an_unknown_side_are_located(tmp_path: Path) -> None:
    text = VALID + "  actors:\n    azerbaijan: [Baku]\n"
    problem = only_problem(tmp_path, text)
    assert problem.startswith("sources.yaml:22: side 'azerbaijan' in lexicon actors is not defined")
    assert "did you mean 'azerbaijani'?" in problem


def test_an_actor_word_listed_under_two_sides_is_located(tmp_path: Path) -> None:
    text = VALID + "  actors:\n    azerbaijani: [Baku]\n    armenian: [baku]\n"
    problem = only_problem(tmp_path, text)
    assert problem.startswith("sources.yaml:23: actor word 'baku' is listed twice")


def test_a_term_in_two_families_is_located(tmp_path: Path) -> None:
    text = edit(
        '    azerbaijani: [occupant, "separatist regime"]\n',
        "    azerbaijani: [[occupation, occupied], [occupied, occupier]]\n",
    )
    problem = only_problem(tmp_path, text)
    assert problem.startswith("sources.yaml:19: framing term 'occupied' is listed twice")


def test_shipped_lexicon_holds_actors_and_families_not_code() -> None:
    lexicon = load_config(bundled_config_path()).lexicon
    actors = dict(lexicon.actors)
    assert "Baku" in actors["azerbaijani"] and "Yerevan" in actors["armenian"]
    families = {t.term: t.family for t in lexicon.framing}
    assert families["occupied"] == families["occupier"] == "occupation"
    assert families["liberated"] == "liberation"
