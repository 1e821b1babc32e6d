"""`make coverage`: gaps per topic, language and age band show in md and html."""

import re
from pathlib import Path

import pytest

from content.coverage_data import collect
from content.coverage_report import main, write_report
from safety.phrases import SECTIONS, SIGNS

ROOT = Path(__file__).resolve().parents[2]
BANDS = "      child: Hi kid.\n      young_teen: Hi.\n      older_teen: Hey.\n"
FULL = f"responses:\n  utter_signs:\n    text:\n{BANDS}      adult: Hello.\n"
NO_ADULT = f"responses:\n  utter_signs:\n    text:\n{BANDS}"
ONE_TEXT = "  utter_more:\n    text: More.\n"


def examples(intent: str, count: int) -> str:
    lines = "".join(f"    - example {i}\n" for i in range(count))
    return f"- intent: {intent}\n  examples: |\n{lines}"


def safety(skip: str = "") -> str:
    text = "".join(f"{s}:\n  - {s} words\n" for s in SECTIONS if s != skip)
    text += f"{skip}: []\n" if skip else ""
    return text + "signs:\n" + "".join(f"  {k}:\n    - {k} words\n" for k in SIGNS)


def write(root: Path, path: str, text: str) -> None:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(text, encoding="utf-8")


@pytest.fixture
def root(tmp_path):
    """en and nb complete; sv lacks an age band; nl lacks the topic; nb few examples."""
    for lang in ("en", "nb"):
        write(tmp_path, f"data/responses/{lang}/grooming.yml", FULL + ONE_TEXT)
    write(tmp_path, "data/responses/sv/grooming.yml", NO_ADULT + ONE_TEXT)
    write(
        tmp_path,
        "data/responses/nl/other.yml",
        "responses:\n  utter_other:\n    text: Anders.\n",
    )
    nlu = 'version: "3.1"\nnlu:\n'
    write(
        tmp_path,
        "data/nlu/en/grooming.yml",
        nlu + examples("ask_grooming_signs", 45) + examples("ask_more", 40),
    )
    write(tmp_path, "data/nlu/nb/grooming.yml", nlu + examples("ask_grooming_signs", 3))
    write(
        tmp_path,
        "data/nlu/sv/grooming.yml",
        nlu + examples("ask_grooming_signs", 41) + examples("ask_more", 41),
    )
    write(tmp_path, "data/safety/en.yml", safety())
    write(tmp_path, "data/safety/nb.yml", safety(skip="sextortion"))
    write(tmp_path, "data/safety/sv.yml", "danger: [oops\n")
    write(tmp_path, "data/responses/nb/broken.yml", "responses:\n  utter_x: [oops\n")
    return tmp_path


@pytest.fixture
def report(root):
    md, html = write_report(collect(root), root / "var")
    return md.read_text(encoding="utf-8"), html.read_text(encoding="utf-8")


def md_row(md: str, *cells: str) -> str:
    """Return the first Markdown table row that starts with these cells."""
    start = "| " + " | ".join(cells) + " |"
    return next(line for line in md.splitlines() if line.startswith(start))


def md_answer(md: str, topic: str, name: str) -> dict[str, str]:
    """Return an answer's rows in a topic's table, by language."""
    section = md.split(f"### {topic}\n")[1].split("\n### ")[0]
    lines = section.splitlines()
    first = lines.index(md_row(section, name, "en"))
    return {line.split(" | ")[1]: line for line in lines[first : first + 4]}


def html_answer(html: str, topic: str, name: str) -> dict[str, str]:
    section = html.split(f"<h3>{topic}</h3>")[1].split("<h3>")[0]
    rows = re.findall(r"<tr>.*?</tr>", section)
    first = rows.index(next(r for r in rows if r.startswith(f"<tr><td>{name}</td>")))
    return {re.findall(r"<td>(\w+)</td>", r)[-1]: r for r in rows[first : first + 4]}


def html_row(html: str, *cells: str) -> str:
    start = "<tr>" + "".join(f"<td>{c}</td>" for c in cells)
    return re.findall(re.escape(start) + r".*?</tr>", html)[0]


def test_a_missing_age_band_is_marked(report):
    md, html = report
    rows = md_answer(md, "grooming", "utter_signs")
    assert rows["sv"] == (
        "|  | sv | ✓ own text | ✓ own text | ✓ own text | **✗ missing** |"
    )
    assert rows["nb"].count("✓ own text") == 4
    row = html_answer(html, "grooming", "utter_signs")["sv"]
    assert row.endswith('<td class="gap">✗ missing</td></tr>')
    assert row.count('<td class="ok">✓ own text</td>') == 3
    assert "utter_signs (grooming): no sv text for adult" in md
    assert '<li class="gap">utter_signs (grooming): no sv text for adult</li>' in html


def test_a_missing_language_is_marked(report):
    md, html = report
    assert md_answer(md, "grooming", "utter_signs")["nl"] == (
        "|  | nl |" + " **✗ missing** |" * 4
    )
    row = html_answer(html, "grooming", "utter_signs")["nl"]
    assert row.count('<td class="gap">✗ missing</td>') == 4
    assert "utter_signs (grooming): missing in nl" in md
    assert "utter_other (other): only in nl, not in English" in md
    # one text for every band: shown as a fallback, not as a gap
    assert md_answer(md, "grooming", "utter_more")["sv"].count("○ all ages") == 4
    assert md_row(md, "en", "8 of 8 (100%)")
    assert md_row(md, "sv", "**7 of 8 (87%)**")
    assert md_row(md, "nl", "**0 of 8 (0%)**")


def test_missing_and_thin_intents_are_marked(report):
    md, html = report
    section = md.split("### grooming")[1]
    assert md_row(section, "ask_grooming_signs") == (
        "| ask_grooming_signs | 45 | **✗ 3** | 41 | **✗ none** |"
    )
    assert (
        md_row(section, "ask_more")
        == "| ask_more | 40 | **✗ none** | 41 | **✗ none** |"
    )
    row = html_row(html, "ask_more")
    assert row.count('<td class="gap">✗ none</td>') == 2


def test_safety_sections_missing_or_unreadable_are_marked(report):
    md, html = report
    assert md_row(md, "sextortion", "1", "**✗ none**", "**✗ file not usable**")
    assert "nl: " in md and "is missing" in md  # no nl file at all
    assert '<td class="gap">✗ file not usable</td>' in html


def test_unreadable_files_are_listed(report):
    md, html = report
    assert "## Files that could not be read" in md
    assert "data/responses/nb/broken.yml:3: file: not valid YAML" in md
    assert '<li class="gap">' in html.split("<h2>Files that could not be read</h2>")[1]


def test_html_is_one_file_without_outside_references(report):
    _, html = report
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    lowered = html.lower()
    for outside in (
        "http:",
        "https:",
        "//",
        "src=",
        "href=",
        "<link",
        "<script",
        "@import",
        "url(",
        "@font-face",
    ):
        assert outside not in lowered, outside


def test_main_writes_both_files_and_prints_a_summary(root, capsys):
    assert main(["--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert (root / "var" / "coverage.md").exists()
    assert (root / "var" / "coverage.html").exists()
    assert (
        "sv: age-band texts 7 of 8 (87%); 0 answer(s) missing, 1 missing an age band"
        in out
    )
    assert "nl: age-band texts 0 of 8 (0%); 2 answer(s) missing" in out
    assert "ask_grooming_signs (nb)" in out
    assert "not compared (no git)" in out


def test_english_changed_after_the_translation(root):
    times = {"en": 2_000_000_000, "nb": 1_900_000_000, "sv": 2_100_000_000}
    coverage = collect(root, change_times=lambda path: times[path.parent.name])
    [late] = coverage.outdated
    assert (late.topic, late.language) == ("grooming", "nb")
    assert late.answers == ["utter_signs", "utter_more"]
    md, html = write_report(coverage, root / "out")
    text = md.read_text(encoding="utf-8")
    assert "grooming: English changed 2033-05-18 03:33, nb 2030-03-17 17:46" in text
    assert md_row(text, "nb").endswith("| 1 topic file |")


def test_the_real_content_makes_a_report(tmp_path):
    coverage = collect(ROOT, change_times=lambda path: None)
    md, html = write_report(coverage, tmp_path)
    assert "### grooming" in md.read_text(encoding="utf-8")
    assert "utter_ask_grooming_signs" in html.read_text(encoding="utf-8")
