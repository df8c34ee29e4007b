"""A tiny, safe Markdown renderer for OUTPUT_CHECK.md: headings, lists, tables, paragraphs.

Everything is escaped first; only the block structure becomes HTML, and inline
``code`` and **bold** are the only inline marks. Nothing the file says can become markup.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+(.*)$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")


def render(text: str) -> SafeString:
    blocks: list[str] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
        elif heading := _HEADING.match(line):
            # The page already has h1 and h2: the report's headings start at h2.
            level = min(len(heading.group(1)) + 1, 6)
            blocks.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
            i += 1
        elif line.lstrip().startswith("|"):
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                rows.append(lines[i])
                i += 1
            blocks.append(_table(rows))
        elif _LIST_ITEM.match(line):
            items = []
            while i < len(lines) and (item := _LIST_ITEM.match(lines[i])):
                items.append(f"<li>{_inline(item.group(1))}</li>")
                i += 1
            blocks.append("<ul>" + "".join(items) + "</ul>")
        elif line.startswith("```"):
            i += 1
            code = []
            while i < len(lines) and not lines[i].startswith("```"):
                code.append(lines[i])
                i += 1
            i += 1
            blocks.append("<pre>" + escape("\n".join(code)) + "</pre>")
        else:
            paragraph = []
            while i < len(lines) and lines[i].strip() and not _starts_block(lines[i]):
                paragraph.append(lines[i].strip())
                i += 1
            blocks.append(f"<p>{_inline(' '.join(paragraph))}</p>")
    return mark_safe("\n".join(blocks))


def _starts_block(line: str) -> bool:
    return bool(
        _HEADING.match(line) or _LIST_ITEM.match(line) or line.lstrip().startswith(("|", "```"))
    )


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def _table(rows: list[str]) -> str:
    if len(rows) >= 2 and _TABLE_RULE.match(rows[1].strip()):
        head, body = rows[0], rows[2:]
        header = "".join(f'<th scope="col">{_inline(c)}</th>' for c in _cells(head))
        thead = f"<thead><tr>{header}</tr></thead>"
    else:
        thead, body = "", rows
    tbody = "".join(
        "<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in _cells(row)) + "</tr>" for row in body
    )
    return f'<div class="table-scroll"><table>{thead}<tbody>{tbody}</tbody></table></div>'


def _inline(text: str) -> str:
    html: str = escape(text)
    html = re.sub(r"`([^`]+)`", r"<code>\1</code>", html)
    return re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", html)
