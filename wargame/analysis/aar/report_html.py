"""A small Markdown-to-HTML converter for the after-action report, and the HTML page around it.

It reads only the Markdown that :mod:`wargame.analysis.aar.markdown` writes — headings, bullet
lists (two levels), pipe tables, paragraphs, ``**bold**``, ``*italic*``, ```code``` and images —
so the report needs no Markdown library. Images are embedded as base64 PNG data, so the page is
one self-contained file that can be mailed or archived with the journal.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Mapping

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 0.85rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
img { max-width: 100%; }
code { background: #f4f4f4; padding: 0 0.2rem; }
"""

_IMAGE = re.compile(r"^!\[([^\]]*)\]\(([^)]+)\)$")


def inline(text: str) -> str:
    """Escape ``text`` and apply bold, italic and code spans."""
    out = html.escape(text, quote=False).replace("\\|", "|")
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    out = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", out)
    return re.sub(r"(?<![*\w])\*([^*]+)\*(?![*\w])", r"<em>\1</em>", out)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def to_html(
    markdown: str, images: Mapping[str, bytes] | None = None, title: str = "After-action review"
) -> str:
    """The Markdown as a complete HTML page; ``images`` (name -> PNG bytes) replace ``![name](...)``."""
    images = images or {}
    body: list[str] = []
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            body.append(f"<h{level}>{inline(line[level:].strip())}</h{level}>")
        elif line.startswith("| "):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                if not set(lines[i]) <= set("|-: "):
                    rows.append(_cells(lines[i]))
                i += 1
            head, *rest = rows
            body.append("<table><tr>" + "".join(f"<th>{inline(c)}</th>" for c in head) + "</tr>")
            body += ["<tr>" + "".join(f"<td>{inline(c)}</td>" for c in r) + "</tr>" for r in rest]
            body.append("</table>")
            continue
        elif line.startswith("- "):
            body.append("<ul>")
            while i < len(lines) and lines[i].startswith(("- ", "  - ")):
                if lines[i].startswith("  - "):
                    body.append(f"<ul><li>{inline(lines[i][4:])}</li></ul>")
                else:
                    body.append(f"<li>{inline(lines[i][2:])}</li>")
                i += 1
            body.append("</ul>")
            continue
        elif m := _IMAGE.match(line):
            name = m.group(1)
            if name in images:
                data = base64.b64encode(images[name]).decode("ascii")
                body.append(f'<p><img alt="{html.escape(name)}" src="data:image/png;base64,{data}"></p>')
        elif line.strip():
            body.append(f"<p>{inline(line)}</p>")
        i += 1
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
