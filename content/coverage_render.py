"""Write a simple report (headings, paragraphs, lists, tables) as Markdown or HTML.

Cells and list items carry a mark (ok, fallback, gap) so gaps stand out in both: bold
in Markdown, coloured in HTML. The HTML page is self-contained: inline CSS, no
scripts, fonts, images or links to other files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

OK, FALLBACK, GAP = "ok", "fallback", "gap"


@dataclass(frozen=True)
class Cell:
    """A piece of text, marked when it is good news, a fallback or a gap."""

    text: str
    mark: str = ""


@dataclass(frozen=True)
class Heading:
    """A section title; level 1 is the page title."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class Para:
    """A paragraph of plain text."""

    text: str


@dataclass(frozen=True)
class Bullets:
    """A list of items."""

    items: list[Cell]


@dataclass(frozen=True)
class Table:
    """A table of cells under a row of headers."""

    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)


Block = Heading | Para | Bullets | Table


def to_markdown(blocks: list[Block]) -> str:
    """Return the report as Markdown; gaps are bold."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {block.text}")
        elif isinstance(block, Para):
            out.append(block.text)
        elif isinstance(block, Bullets):
            out.append("\n".join(f"- {_md(item)}" for item in block.items))
        else:
            lines = [
                _md_row([Cell(h) for h in block.headers]),
                _md_row([Cell("---")] * len(block.headers)),
            ]
            lines += [_md_row(row) for row in block.rows]
            out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def _md(cell: Cell) -> str:
    text = cell.text.replace("|", "\\|").replace("\n", " ")
    return f"**{text}**" if cell.mark == GAP and text else text


def _md_row(cells: list[Cell]) -> str:
    return "| " + " | ".join(_md(c) for c in cells) + " |"


_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #1a1a1a; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #d0d0d0; padding: 0.25em 0.6em; text-align: left; }
th { background: #f2f2f2; }
td.ok { background: #e3f4e1; }
td.fallback, li.fallback { background: #fff4cc; }
td.gap, li.gap { background: #f9d0d0; font-weight: bold; color: #7a0000; }
ul { padding-left: 1.2em; } li { margin: 0.15em 0; }
"""


def to_html(blocks: list[Block], title: str) -> str:
    """Return the report as one HTML page with its own style sheet."""
    body: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 6)
            body.append(f"<h{level}>{escape(block.text)}</h{level}>")
        elif isinstance(block, Para):
            body.append(f"<p>{escape(block.text)}</p>")
        elif isinstance(block, Bullets):
            items = "".join(
                f"<li{_class(i)}>{escape(i.text)}</li>" for i in block.items
            )
            body.append(f"<ul>{items}</ul>")
        else:
            head = "".join(f"<th>{escape(h)}</th>" for h in block.headers)
            rows = "".join(
                "<tr>"
                + "".join(f"<td{_class(c)}>{escape(c.text)}</td>" for c in row)
                + "</tr>"
                for row in block.rows
            )
            body.append(
                f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
            )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _class(cell: Cell) -> str:
    return f' class="{cell.mark}"' if cell.mark else ""
