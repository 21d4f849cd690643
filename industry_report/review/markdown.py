"""Chapters as stable, line-oriented Markdown: one sentence per line, paragraphs separated by a blank
line, tables, divs, equations and code untouched, so that `git diff --word-diff` between two builds and
the bundle's own word diff (review/word_diff.py) read well."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"(\[]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])")
_LIST_ITEM = re.compile(r"^\s*([-*+]|\d+[.)])\s+")
_VERBATIM_START = ("|", ":::", "#", "$$", "!", ": ", "```", "~~~", "<!--", "    ", "\t")


def _blocks(text: str) -> list[list[str]]:
    blocks, cur, fence = [], [], None
    for line in text.split("\n"):
        stripped = line.strip()
        if fence:
            cur.append(line)
            if stripped.startswith(fence):
                fence = None
            continue
        if stripped.startswith(("```", "~~~", "$$")) and not (
            stripped.startswith("$$") and stripped.count("$$") >= 2
        ):
            fence = stripped[:3] if not stripped.startswith("$$") else "$$"
            cur.append(line)
            continue
        if not stripped:
            if cur:
                blocks.append(cur)
            cur = []
        else:
            cur.append(line.rstrip())
    if cur:
        blocks.append(cur)
    return blocks


def stable_markdown(text: str) -> str:
    """One sentence per line for prose; list items one per line; everything else verbatim."""
    out = []
    for block in _blocks(text):
        first = block[0].lstrip()
        if first.startswith(_VERBATIM_START) or block[0].startswith(("    ", "\t")):
            out.append("\n".join(block))
        elif _LIST_ITEM.match(first):
            items = []
            for line in block:
                if _LIST_ITEM.match(line) or not items:
                    items.append(line.strip())
                else:
                    items[-1] += " " + line.strip()
            out.append("\n".join(items))
        else:
            para = " ".join(line.strip() for line in block)
            out.append("\n".join(_SENTENCE_END.split(para)))
    return "\n\n".join(out) + "\n"


def paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks of stable Markdown (each table or div counts as one block)."""
    return ["\n".join(b) for b in _blocks(text)]
