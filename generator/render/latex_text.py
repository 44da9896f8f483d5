"""Text for BibTeX values: LaTeX prints it as written, and a BibTeX parser gives it back (citation_formats.py)."""

from __future__ import annotations

# LaTeX reads these as commands; biblatex's url field is verbatim and is never escaped.
# "@" is braced because '@word{' inside a value reads as the start of an entry to bibtexparser and JabRef.
LATEX_SPECIALS = {"\\": r"{\textbackslash}", "~": r"{\textasciitilde}", "^": r"{\textasciicircum}", "@": "{@}"}
LATEX_SPECIALS |= {char: "\\" + char for char in "#$%&_"}
# Classic BibTeX counts every brace, escaped or not, so a brace without its pair gets an invisible partner
# (\vphantom), as Zotero writes it; braces that pair up are plain \{ and \}.
LONE_BRACES = {"{": r"\{\vphantom{\}}", "}": r"\vphantom{\{}\}"}
# Pairs of these make LaTeX ligatures ("--" a dash, "''" a quote, "<<" a guillemet): an empty group keeps them apart.
LIGATURE_CHARS = frozenset("-'`,<>?!")


def latex_text(text: str) -> str:
    """Text that LaTeX prints as written and that a BibTeX parser gives back."""
    lone = _lone_braces(text)
    written = []
    for at, char in enumerate(text):
        if at and char in LIGATURE_CHARS and text[at - 1] in LIGATURE_CHARS:
            written.append("{}")
        if char in "{}":
            written.append(LONE_BRACES[char] if at in lone else "\\" + char)
        else:
            written.append(LATEX_SPECIALS.get(char, char))
    return "".join(written)


def _lone_braces(text: str) -> set[int]:
    """Where the braces of text are that have no partner."""
    opened: list[int] = []
    lone = set()
    for at, char in enumerate(text):
        if char == "{":
            opened.append(at)
        elif char == "}" and opened:
            opened.pop()
        elif char == "}":
            lone.add(at)
    return lone | set(opened)


def protected(latex: str) -> str:
    """A title in braces, so that classic styles (plain.bst) do not lowercase "Russia". A group that starts with a
    backslash would be one "special character" to BibTeX, whose letters it does change: "{}" comes first then."""
    return "{" + ("{}" if latex.startswith("\\") else "") + latex + "}" if latex else ""
