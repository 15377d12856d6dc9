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
HEAD = _HEAD  # (what ``lowered_head`` holds)

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


@lru_cache(maxsize=4)
def lowered_head(text: str) -> str:
    """``ascii_lower`` of the head of ``text`` (its first HEAD characters: what
    ``form_type``, ``ascii_form.looks_like`` and ``power_of_attorney`` read), lowered
    once for the stages of one document."""
    return ascii_lower(text[:_HEAD])


_SUBMISSION_WORDS = ("<SEC-DOCUMENT>", "<SEC-HEADER>", "<SUBMISSION>", "<IMS-HEADER>", "PRIVACY-ENHANCED",
                     "<DOCUMENT>", "ACCESSION NUMBER:")
# The same words, tested cheaply: the tags only where a "<" stands at all (most texts
# hold none), in one scan from "<" to "<" (a regex led by a literal skips ahead); a word
# with a blank only after its first word (a blank is everywhere, so a needle holding one
# makes ``str.find`` crawl).
_SUBMISSION_TAGS = re.compile("|".join(re.escape(word) for word in _SUBMISSION_WORDS if word.startswith("<")))
_SUBMISSION_PHRASES = tuple((word.split()[0], word) for word in _SUBMISSION_WORDS if not word.startswith("<"))


def _may_be_submission(head: str) -> bool:
    """Whether one of _SUBMISSION_WORDS is in ``head``."""
    if "<" in head and _SUBMISSION_TAGS.search(head):
        return True
    return any(first in head and word in head for first, word in _SUBMISSION_PHRASES)


def input_format(text: str) -> str:
    """``xml``, ``edgar_submission``, ``html`` or ``text``."""
    head = text[:_HEAD]
    if _XML_START.match(head):
        return "xml"
    # Before the loose XML test: a submission starting "<SEC-DOCUMENT>" holds "<ownershipDocument" too.
    # Substring tests first: the regex then runs only on the few texts that could match.
    if _may_be_submission(head) and _SUBMISSION.search(head):
        return "edgar_submission"
    if "<" in head and "<ownershipDocument" in head and head.lstrip().startswith("<"):
        return "xml"
    if _HTML.match(head):
        return "html"
    # HTML without a doctype: mostly tags, many table cells.
    if head.lstrip().startswith("<") and len(_HTML_TAGS.findall(head)) > 20:
        return "html"
    return "text"


# ---------------------------------------------------------------- document kinds

_FORM_TITLES = (
    # (form type, a word the title must hold, the word it begins with, the title).  Form 5's
    # title contains Form 4's, so it is tried first.  The words are cheap substring tests
    # on the lower-cased head: a title's regex only runs where it could match.
    ("5", "annual", "annual",
     re.compile(r"ANNUAL\s+STATEMENT\s+OF\s+(?:CHANGES\s+IN\s+)?BENEFICIAL\s+OWNERSHIP", re.I)),
    ("3", "initial", "initial", re.compile(r"INITIAL\s+STATEMENT\s+OF\s+BENEFICIAL\s+OWNERSHIP", re.I)),
    ("4", "changes", "statement", re.compile(r"STATEMENT\s+OF\s+CHANGES\s+IN\s+BENEFICIAL\s+OWNERSHIP", re.I)),
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
    lower = lowered_head(text)  # for substring tests of ASCII words only
    if "beneficial" not in lower:
        return _form_by_number(head, lower)
    for kind, word, first, title in _FORM_TITLES:
        if word in lower and _match_at_words(title, head, lower, (first,)):
            return kind
    return _form_by_number(head, lower)


def _form_by_number(head: str, lower: str) -> str | None:
    if _match_at_words(_TABLE_MARKERS, head, lower, _TABLE_MARKER_WORDS):
        match = _match_at_words(_FORM_NUMBER, head, lower, ("form",))
        if match:
            return match.group(1)
    return None


_TABLE_MARKER_WORDS = ("table", "non-derivative", "reporting", "relationship")  # how _TABLE_MARKERS' branches begin
# Non-ASCII letters a case-blind regex reads as ASCII ones ("ſ" as "s", "K" as "k"):
# only where one stands may a case-blind match hide from a search of the lowered text.
# (Tested with ``in``: a single character is found at memchr speed; a character class is
# a regex scan, forty times slower.)
_ODD_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")


def _match_at_words(pattern: re.Pattern, head: str, lower: str, words: tuple[str, ...]) -> re.Match | None:
    """``pattern.search(head)`` for a case-blind pattern whose every match begins with
    one of ``words``: tried only where ``lower`` (``ascii_lower(head)``) holds one.  The
    same match; where a letter the regex reads as ASCII ("ſ") stands in the text, a
    match (what is asked of the patterns whose words hold such letters).

    A case-blind regex scan stops at every character; ``str.find`` of a word does not.
    Where the lowered text cannot stand for the text (its length changed, or a letter
    the regex reads as ASCII stands in it), the plain search answers.
    """
    if len(lower) != len(head):
        return pattern.search(head)
    best = None
    for word in words:
        at = lower.find(word)
        while at != -1 and (best is None or at < best.start()):
            match = pattern.match(head, at)
            if match:
                best = match  # this word's first match; an earlier word's may stand before it
                break
            at = lower.find(word, at + 1)
    if best is None and not head.isascii() and any(char in head for char in _ODD_FOLDS):
        return pattern.search(head)
    return best


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
