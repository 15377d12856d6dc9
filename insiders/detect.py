"""Detect stage: what a document is, from its content alone (never its file name).

Between ``insiders.read`` (bytes -> text) and ``insiders.parse`` (text -> record).
Two answers: the *input format* (``xml``, ``edgar_submission``, ``html``,
``text``) and, for text, the *document kind* (a Form 3/4/5, a press release, a
power of attorney, or unknown).  Both are cheap looks at the first part of the
text; the parsers refine the form type (e.g. ``4/A``) from what they read.
"""

from __future__ import annotations

import re
from functools import lru_cache

_HEAD = 20_000  # characters looked at; enough for any header, cheap for a huge file

_XML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!DOCTYPE[^>]*>\s*)?<ownershipDocument\b", re.S)
_SUBMISSION = re.compile(
    r"<SEC-DOCUMENT>|<SEC-HEADER>|<SUBMISSION>|<IMS-HEADER>|-----BEGIN PRIVACY-ENHANCED MESSAGE-----"
    r"|^\s*<DOCUMENT>\s*$|ACCESSION NUMBER:",
    re.M,
)
_HTML = re.compile(r"^\s*(?:<!DOCTYPE\s+html|<html\b|<\?xml[^>]*>\s*<html\b)", re.I)
_HTML_TAGS = re.compile(r"<(?:table|tr|td|th|div|p|body)\b", re.I)

# The only characters whose lower case holds ASCII or changes the length (U+0130 -> "i̇").
_LOWER_ODD = ("\u0130", "\u212a")


def ascii_lower(text: str) -> str:
    """``text.lower()`` for finding ASCII words and ASCII-only patterns: the same
    length and offsets, the same ASCII characters; other characters read as ``?``.

    Lowering non-ASCII text is slow (every character looked up); through bytes it
    is a fraction of that.  Only for searches that cannot match non-ASCII text.
    """
    if text.isascii():
        return text.lower()
    if _LOWER_ODD[0] in text or _LOWER_ODD[1] in text:
        return text.lower()
    return text.encode("ascii", "replace").lower().decode("ascii")


_SUBMISSION_WORDS = ("<SEC-DOCUMENT>", "<SEC-HEADER>", "<SUBMISSION>", "<IMS-HEADER>", "PRIVACY-ENHANCED",
                     "<DOCUMENT>", "ACCESSION NUMBER:")


def input_format(text: str) -> str:
    """``xml``, ``edgar_submission``, ``html`` or ``text``."""
    head = text[:_HEAD]
    if _XML_START.match(head):
        return "xml"
    # Before the loose XML test: a submission starting "<SEC-DOCUMENT>" holds "<ownershipDocument" too.
    # Substring tests first: the regex then runs only on the few texts that could match.
    if any(word in head for word in _SUBMISSION_WORDS) and _SUBMISSION.search(head):
        return "edgar_submission"
    if "<ownershipDocument" in head and head.lstrip().startswith("<"):
        return "xml"
    if _HTML.match(head):
        return "html"
    # HTML without a doctype: mostly tags, many table cells.
    if head.lstrip().startswith("<") and len(_HTML_TAGS.findall(head)) > 20:
        return "html"
    return "text"


# ---------------------------------------------------------------- document kinds

_FORM_TITLES = (
    # (form type, phrase).  Form 5's title contains Form 4's, so it is tried first.
    # (form type, a word the title must hold, the title).  The word is a cheap substring
    # test on the lower-cased head, so a title's regex only runs where it could match.
    ("5", "annual", re.compile(r"ANNUAL\s+STATEMENT\s+OF\s+(?:CHANGES\s+IN\s+)?BENEFICIAL\s+OWNERSHIP", re.I)),
    ("3", "initial", re.compile(r"INITIAL\s+STATEMENT\s+OF\s+BENEFICIAL\s+OWNERSHIP", re.I)),
    ("4", "changes", re.compile(r"STATEMENT\s+OF\s+CHANGES\s+IN\s+BENEFICIAL\s+OWNERSHIP", re.I)),
)
_FORM_NUMBER = re.compile(r"(?<![\w/])FORM\s+([345])(?:/A)?\b", re.I)
_TABLE_MARKERS = re.compile(
    r"Table\s+I\b|Non-Derivative\s+Securities|Reporting\s+Person|Relationship\s+of\s+Reporting", re.I
)
_PRESS = re.compile(
    r"/\s*PRNewswire|PR\s?Newswire|Business\s?Wire|GLOBE\s?NEWSWIRE|ACCESSWIRE|Marketwired|/CNW/"
    r"|\bannounced\s+(?:today|that)|today\s+announced|press\s+release|Investor\s+(?:Relations\s+)?Contact",
    re.I,
)
_DATELINE = re.compile(
    r"^[ \t*_#]*[A-Z][A-Za-z .'-]+,\s+[A-Z][A-Za-z.]*\.?(?:,)?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4})?"
    r"\s*(?:/[^/\n]{2,40}/)?\s*(?:--|—|–)",
    re.M,
)
_POA = re.compile(r"POWER\s+OF\s+AT+ORNEY", re.I)
_POA_BODY = re.compile(r"attorneys?[- ]in[- ]fact|constitutes?\s+and\s+appoints?", re.I)


@lru_cache(maxsize=16)
def form_type(text: str) -> str | None:
    """``3``, ``4`` or ``5`` when the text is an ownership form, else None.

    Cached: several stages ask of the same text (a str caches its own hash).
    """
    head = text[:_HEAD]
    lower = ascii_lower(head)  # for substring tests of ASCII words only
    if "beneficial" not in lower:
        return _form_by_number(head)
    for kind, word, title in _FORM_TITLES:
        if word in lower and title.search(head):
            return kind
    return _form_by_number(head)


def _form_by_number(head: str) -> str | None:
    if _TABLE_MARKERS.search(head):
        match = _FORM_NUMBER.search(head)
        if match:
            return match.group(1)
    return None


def document_kind(text: str) -> str:
    """``form``, ``press_release``, ``power_of_attorney`` or ``unknown``."""
    if form_type(text):
        return "form"
    head = text[:_HEAD]
    poa = _POA.search(head) and _POA_BODY.search(head)
    press = _PRESS.search(head) or _DATELINE.search(head)
    if poa and not press:
        return "power_of_attorney"
    if press:
        return "press_release"
    if poa:
        return "power_of_attorney"
    return "unknown"
