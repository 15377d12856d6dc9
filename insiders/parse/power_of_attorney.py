"""Powers of attorney: who appoints whom to sign Section 16 forms, for which company, when.

Called by ``insiders.pipeline.parse_text`` on a standalone power of attorney and
on every form (POAs are often appended to a Form 3/4 or sent as its EX-24
exhibit in a submission).  ``find_all(text, record)`` returns one
``insiders.model.PowerOfAttorney`` per appointment clause ("constitutes and
appoints ...") found, with grantor, attorneys-in-fact, date executed, company
and the forms covered, each with evidence (offsets into ``text``).  Names are
parsed with ``insiders.names``; dates with ``insiders.normalize``.
"""

from __future__ import annotations

import re

from .. import detect, names
from ..model import Evidence, PowerOfAttorney, Record
from ..normalize import DATE_DAY_FIRST_WORDS, DATE_NUMERIC, DATE_WORDS, parse_date

# ---------------------------------------------------------------- vocabularies

# Where a POA begins: its heading or its opening formula.
POA_START = re.compile(
    r"(?im)^[ \t*_#>]*(?:LIMITED[ ]+|SPECIAL[ ]+|CONFIRMING[ ]+STATEMENT|SECTION[ ]16[ ]+)?"
    r"(?:POWER[ ]+OF[ ]+AT+ORNEY|CONFIRMING[ ]+STATEMENT)\b"
    r"|KNOW[ ]+ALL[ ]+(?:MEN[ ]+|PERSONS[ ]+)?BY[ ]+THESE[ ]+PRESENTS"
)

# The appointment clause; the attorneys follow it.
APPOINTS = re.compile(
    r"""(?ix)
    (?:constitutes?|designates?|authorizes?|names?)\s*,?\s*(?:and\s+)?(?:designates?\s*,?\s*(?:and\s+)?)?appoints?\b
    | \bhereby\s+(?:appoints?|designates?|authorizes?)(?:\s*,?\s*(?:and\s+)?(?:appoints?|designates?))?\b
    | \bdo(?:es)?\s+hereby\s+appoint\b
    """
)
# Where the list of attorneys ends.
ATTORNEYS_END = re.compile(
    r"""(?ix)
    ,?\s*(?:as\s+)?(?:the\s+undersigned'?s?|his|her|its|my|our|their)\s+(?:true\s+and\s+lawful\s+)?(?:attorneys?|agents?)
    | ,?\s*(?:as\s+)?(?:true\s+and\s+lawful\s+)?attorneys?[- ]in[- ]fact
    | ,?\s*(?:or\s+)?(?:each|either|any)\s+of\s+them\b
    | ,?\s*(?:each\s+)?(?:acting|signing)\s+(?:singly|individually|alone|severally)
    | ,?\s*with\s+full\s+power
    | \bto\s*:|:\s
    """
)
# Words that make a chunk of the attorney list not a name.
NOT_A_NAME = re.compile(
    r"(?i)\b(?:undersigned|attorney|fact|power|substitution|singly|company|corporation|officer|"
    r"counsel|secretary|treasurer|president|director|employee|each|either|any|them|lawful|true|"
    r"full|behalf|capacity|general|chief|agent|agents|following|persons?|individuals?)\b"
)
LIST_SPLIT = re.compile(r"\s*(?:;|,\s*(?:and|or)\s+|,|\band/or\b|\s+and\s+|\s+or\s+)\s*")
LEADING = re.compile(r"(?i)^(?:each\s+of|any\s+of|both\s+of|all\s+of|the\s+following)\s+|^(?:and|or)\s+")

WITNESS = re.compile(r"(?i)IN\s+WITNESS\s+WHEREOF|(?:executed|signed)\s+(?:this\s+)?(?:Limited\s+)?Power\s+of\s+Attorney|Dated?\s*:")
SIGNED_LINE = re.compile(r"(?im)^[ \t*_>-]*(?:By:\s*)?(?:/s/|s/)\s*(?P<name>[^\n]{2,120}?)[ \t]*$")
LABELLED_NAME = re.compile(r"(?im)^[ \t*_>-]*(?:Print(?:ed)?\s+)?Name\s*:\s*(?P<name>[^\n]{2,80}?)[ \t*_]*$")
UNDERSIGNED_NAMED = re.compile(
    r"(?i)(?:the\s+undersigned|\bI)\s*,\s*(?P<name>[A-Z][\w.'’\- ]{2,60}?)\s*,\s*(?:an?\s+|the\s+)?(?:hereby|does|do|individual|officer|director|resident)")
_NAME_WORDS = re.compile(r"^(?:[A-Z][\w'’\-]*\.?|[A-Z]\.|van|de|von|der|la|du)(?:\s+(?:[A-Z][\w'’\-]*\.?|[A-Z]\.|van|de|von|der|la|du)){1,5}$")
TITLE_TAIL = re.compile(
    r"(?i)\s*,?\s*\b(?:co-?ceo|ceo|cfo|coo|president|chief\b.*|director\b.*|officer\b.*|chairman\b.*|"
    r"secretary\b.*|treasurer\b.*|vice\s+president.*|general\s+counsel.*|trustee\b.*|member\b.*|manager\b.*)$"
)

COMPANY = re.compile(
    r"""(?ix)
    \b(?:of|in|by|issued\s+by)\s+(?P<org>[A-Z][\w&.,'’\- ]{1,80}?)\s*,?\s*
    \(\s*(?:the|a|hereinafter)?\s*[\"“”*_]*\s*(?:Company|Issuer|Corporation|Partnership|Trust)\b
    """
)
COMPANY_CAPACITY = re.compile(
    r"(?i)(?:officer|director|shareholder|stockholder|holder|insider|affiliate)\w*(?:\s+(?:and/or|or|and)\s+\w+)*"
    r"(?:\s+or\s+both)?\s+of\s+(?P<org>[A-Z][\w&.,'’\- ]{1,80}?)(?=\s*(?:\(|,\s*(?:a|an)\s|,?\s+\(|\)|;|\s+\(|,?\s+Forms?\b|\.\s|,\s+to\b))"
)
LEGAL_ABBREVIATION = re.compile(r"(?i)\b(?:Inc|Corp|Co|Ltd|L\.P|N\.V|S\.A|P\.C|L\.L\.C)$")
FORMS = re.compile(
    r"""(?ix)
    \b(?:Forms?|Schedules?)\s+
    (?P<list>(?:3|4|5|ID|144|13D|13G|13[DG]/A)(?:\s*(?:,\s*)?(?:and/or|and|or|&)?\s*(?:Forms?\s+|Schedules?\s+)?(?:3|4|5|ID|144|13D|13G)\b)*)
    """
)
FORM_ITEM = re.compile(r"(?i)\b(3|4|5|ID|144|13D|13G)\b")

_SEARCH_BACK = 2_500  # how far before an appointment clause its heading may be


# ---------------------------------------------------------------- entry point

def find_all(text: str, record: Record) -> list[PowerOfAttorney]:
    """Every power of attorney in ``text`` (standalone, appended, or an exhibit)."""
    clauses = _clauses(text)
    if not clauses:
        return []
    sections: list[tuple[int, int, re.Match]] = []
    for clause in clauses:
        if sections and clause.start() < sections[-1][1] + 400 and not _new_section(text, sections[-1], clause):
            continue  # a second "appoints" inside the same POA
        start = _section_start(text, clause)
        sections.append((start, clause.end(), clause))
    out: list[PowerOfAttorney] = []
    for index, (start, _, clause) in enumerate(sections):
        end = sections[index + 1][0] if index + 1 < len(sections) else len(text)
        poa = _read(text, start, end, clause, record, len(record.powers_of_attorney) + len(out))
        if poa is not None:
            out.append(poa)
    return out


_KEYWORDS = ("appoint", "designat")  # sought in the lowercased text: no IGNORECASE scan


def _clauses(text: str) -> list[re.Match]:
    """Appointment clauses, found by looking only around the words "appoint" / "designat"."""
    lowered = _lowered(text)  # the words are ASCII: same hits and offsets
    found: list[re.Match] = []
    for start, end in _keyword_hits(lowered):
        if found and start < found[-1].end():
            continue
        match = APPOINTS.search(text, max(0, start - 60), end + 40)
        if match and (not found or match.start() >= found[-1].end()):
            found.append(match)
    return found


def _lowered(text: str) -> str:
    """``detect.ascii_lower(text)`` as far as ASCII words without a "k" go (all the same
    there, whichever way a non-ASCII character is lowered): its head is the one ``detect``
    lowered for this document already, so only the rest is lowered here.  Where a
    character changed length when lowered, offsets would not line up: the whole text."""
    head = detect.lowered_head(text)
    cut = min(len(text), detect.HEAD)
    if len(head) != cut:
        return detect.ascii_lower(text)
    if cut == len(text):
        return head
    tail = detect.ascii_lower(text[cut:])
    return head + tail if len(tail) == len(text) - cut else detect.ascii_lower(text)


def _keyword_hits(lowered: str) -> list[tuple[int, int]]:
    """(start, end) of each of _KEYWORDS in ``lowered``, in order (``str.find`` is far
    cheaper than a regex scan; the words cannot overlap one another)."""
    hits = []
    for word in _KEYWORDS:
        at = lowered.find(word)
        while at != -1:
            hits.append((at, at + len(word)))
            at = lowered.find(word, at + len(word))
    hits.sort()
    return hits


def _new_section(text: str, previous: tuple[int, int, re.Match], clause: re.Match) -> bool:
    return bool(POA_START.search(text, previous[1], clause.start()))


def _section_start(text: str, clause: re.Match) -> int:
    starts = list(POA_START.finditer(text, max(0, clause.start() - _SEARCH_BACK), clause.start()))
    if starts:
        return starts[-1].start()
    line_start = text.rfind("\n\n", 0, clause.start())
    return line_start + 1 if line_start >= 0 else 0


def _read(text: str, start: int, end: int, clause: re.Match, record: Record, index: int) -> PowerOfAttorney | None:
    attorneys = _attorneys(text, clause.end(), end)
    if not attorneys:
        return None
    poa = PowerOfAttorney()
    for name, ev in attorneys:
        poa.attorneys_in_fact.append(name)
        poa.evidence.setdefault("attorneys_in_fact", ev)
    _date(text, clause.end(), end, poa)
    _grantor(text, start, end, clause, poa, record, index)
    _company(text, clause.end(), end, poa)
    _forms(text, clause.end(), end, poa)
    if poa.date is None:
        record.warn(f"Power of attorney {index + 1}: no date of execution found.")
    return poa


# ---------------------------------------------------------------- parts

def _attorneys(text: str, start: int, end: int) -> list[tuple[str, Evidence]]:
    """The names after "appoints", up to "... true and lawful attorney-in-fact"."""
    window_end = min(end, start + 600)
    stop = ATTORNEYS_END.search(text, start, window_end)
    span_end = stop.start() if stop else min(window_end, start + 200)
    span = text[start:span_end]
    # Parentheticals ("(the Company's General Counsel)") and titles after a name go.
    cleaned = re.sub(r"\([^)]*\)", lambda m: " " * len(m.group(0)), span)
    found: list[tuple[str, Evidence]] = []
    cursor = 0
    for piece in LIST_SPLIT.split(cleaned):
        at = cleaned.find(piece, cursor) if piece else -1
        if at >= 0:
            cursor = at + len(piece)
        chunk = LEADING.sub("", piece.strip(" \t\n*_\"“”")).strip()
        chunk = names.clean_spaces(chunk)
        if not chunk or NOT_A_NAME.search(chunk) or not _NAME_WORDS.match(chunk):
            continue
        if names.is_entity_name(chunk) and not re.search(r"(?i)\b(?:LLP|LLC|P\.?C\.?)\b", chunk):
            continue
        offset = start + (at if at >= 0 else 0) + piece.find(chunk[:5]) if at >= 0 else start
        found.append((chunk, Evidence(text=chunk, start=offset, end=offset + len(chunk))))
    return found


def _date(text: str, start: int, end: int, poa: PowerOfAttorney) -> None:
    witness = WITNESS.search(text, start, end)
    areas = [(witness.start(), min(end, witness.start() + 600))] if witness else []
    areas.append((start, end))
    for area_start, area_end in areas:
        for pattern in (DATE_DAY_FIRST_WORDS, DATE_WORDS, DATE_NUMERIC):
            match = pattern.search(text, area_start, area_end)
            if match:
                value = parse_date(match.group(0))
                if value is not None:
                    poa.put("date", value, Evidence(text=match.group(0), start=match.start(), end=match.end()))
                    return


def _clean_signed(raw: str) -> str:
    """A signature line reduced to the name: "/s/ Jane Roe, CFO" -> "Jane Roe"; a line
    that carries the name twice ("Maria Lopez Maria K. Lopez Co-CEO") -> the fuller one."""
    text = names.strip_signature(raw)
    text = re.sub(r"(?i)^(?:Signature|Signed|By)\s*:\s*", "", text)
    text = re.sub(r"\s{2,}|\t", " ", text)
    text = re.sub(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b.*$", "", text)
    text = TITLE_TAIL.sub("", text).strip(" ,_*")
    tokens = text.split()
    for split in range(2, len(tokens) - 1):
        left, right = " ".join(tokens[:split]), " ".join(tokens[split:])
        if names.same_person(left, right):
            return right if len(right) >= len(left) else left
    return text


def _grantor(text: str, start: int, end: int, clause: re.Match, poa: PowerOfAttorney, record: Record, index: int) -> None:
    named = UNDERSIGNED_NAMED.search(text, start, clause.end() + 5)
    if named and _NAME_WORDS.match(named.group("name").strip()):
        name = named.group("name").strip()
        poa.put("grantor", name, Evidence(text=name, start=named.start("name"), end=named.start("name") + len(name)))
        return
    witness = WITNESS.search(text, clause.end(), end)
    tail_start = witness.start() if witness else clause.end()
    tail_end = min(end, tail_start + 1500)
    candidates: list[tuple[str, Evidence]] = []
    for pattern in (LABELLED_NAME, SIGNED_LINE):
        for match in pattern.finditer(text, tail_start, tail_end):
            name = _clean_signed(match.group("name"))
            if name and _NAME_WORDS.match(name) and not NOT_A_NAME.search(name):
                candidates.append((name, Evidence(text=match.group("name"), start=match.start("name"), end=match.end("name"))))
        if candidates:
            break
    if candidates:
        # A typed name under the signature ("/s/ R. Roe" then "Richard Roe") is fuller.
        name, ev = candidates[0]
        typed = _typed_line_after(text, ev.end or 0, tail_end)
        if typed and names.same_person(typed[0], name) and len(typed[0]) > len(name):
            name, ev = typed
        poa.put("grantor", name, ev)
        return
    if len(record.reporting_owners) == 1 and record.reporting_owners[0].name:
        owner = record.reporting_owners[0]
        poa.grantor = owner.display_name or names.parse_filed(owner.name).display
        record.infer(f"powers_of_attorney/{index}/grantor")


def _typed_line_after(text: str, start: int, end: int) -> tuple[str, Evidence] | None:
    match = re.compile(r"[ \t]*\n[ \t*_]*(?P<name>[^\n]{3,60}?)[ \t*_]*(?:\n|$)").match(text, start, end)
    if match:
        name = match.group("name").strip()
        if _NAME_WORDS.match(name) and not NOT_A_NAME.search(name):
            return name, Evidence(text=name, start=match.start("name"), end=match.start("name") + len(name))
    return None


def _company(text: str, start: int, end: int, poa: PowerOfAttorney) -> None:
    window_end = min(end, start + 3000)
    for pattern in (COMPANY_CAPACITY, COMPANY):
        match = pattern.search(text, start, window_end)
        if match:
            org = match.group("org").strip(" ,*_\"“”")
            org = re.sub(r"^(?:the\s+)?", "", org)
            org = re.split(r"(?i)\s+of\s+(?=[A-Z])", org)[-1]
            org = re.split(r",\s+(?:a|an)\s", org)[0].strip(" ,")
            if org and not re.match(r"(?i)^(?:the\s+)?(?:company|undersigned)\b", org):
                at = text.find(org, match.start("org"))
                if LEGAL_ABBREVIATION.search(org) and text.startswith(".", at + len(org)):
                    org += "."
                poa.put("company", org, Evidence(text=org, start=at, end=at + len(org)))
                return


def _forms(text: str, start: int, end: int, poa: PowerOfAttorney) -> None:
    for match in FORMS.finditer(text, start, min(end, start + 4000)):
        for item in FORM_ITEM.findall(match.group("list")):
            item = item.upper()
            if item not in poa.forms:
                poa.forms.append(item)
    if poa.forms:
        first = FORMS.search(text, start, min(end, start + 4000))
        if first:
            poa.evidence["forms"] = Evidence(text=first.group(0), start=first.start(), end=first.end())
