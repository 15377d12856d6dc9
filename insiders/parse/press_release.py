"""Press releases announcing stock sales: dateline, issuer, the offering, and the people named.

Called by ``insiders.pipeline.parse_text`` when ``insiders.detect`` finds a
release (PR Newswire, Business Wire, GlobeNewswire, ACCESSWIRE or a plain
"CITY, State, Month D, YYYY --" dateline; markdown conversions with ``\\$``
too).  Fills ``record.offering`` and ``record.people`` (``insiders.model``), and
``record.issuer`` with the name (and ticker when printed) of the company that
issued the release.  Every value keeps its evidence (offsets into the text).
A share count computed as amount / price is set and listed in ``inferred``.
Names are parsed by ``insiders.names``; numbers and dates by ``insiders.normalize``.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from .. import names
from ..model import Evidence, Offering, Person, Record
from ..normalize import parse_date, parse_number

_HEAD = 12_000  # where the dateline, headline and first paragraphs are

# ---------------------------------------------------------------- vocabularies

_DATE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ ]+\d{1,2}(?:st|nd|rd|th)?,?[ ]+\d{4}"
_DASH = r"(?:--|—|–|-)"

# The dateline that opens the body: "SPRINGFIELD, Ill., Dec. 2, 2011 /PRNewswire/ --",
# "BOSTON--(BUSINESS WIRE)--", "AUSTIN, Texas, March 3, 2020 (GLOBE NEWSWIRE) --",
# "DENVER, CO / ACCESSWIRE / May 4, 2021 /", "NEW YORK, NY – June 5, 2019 –".
DATELINE = re.compile(
    rf"""(?mx)
    ^[ \t*_#>]*
    (?P<place>[A-Z][A-Za-z.'’\-]*(?:[ ][A-Z][A-Za-z.'’\-]*){{0,4}}        # city, one to five words
       (?:,[ ]*[A-Z][A-Za-z.]*(?:[ ][A-Z][A-Za-z.]*)?)?)                # , state or country
    [ \t*_]*
    (?:
        ,[ ]*(?P<date1>{_DATE})[ ]*
            (?:/[ ]*(?P<wire1>[^/\n]{{2,30}}?)[ ]*/|\([ ]*(?P<wire2>[^)\n]{{2,30}}?)[ ]*\))?
            [ ]*{_DASH}                                                  # PR Newswire, GlobeNewswire, plain
      | [ ]*{_DASH}[ ]*\([ ]*(?P<wire3>[^)\n]{{2,30}}?)[ ]*\)[ ]*{_DASH}    # Business Wire
            (?:[ ]*(?P<date3>{_DATE})[ ]*{_DASH})?
      | [ ]*/[ ]*(?P<wire4>[^/\n]{{2,30}}?)[ ]*/[ ]*(?P<date4>{_DATE})[ ]*/ # ACCESSWIRE
      | [ ]*{_DASH}[ ]*(?P<date5>{_DATE})[ ]*{_DASH}                       # CITY – date –
      | [ ]*\([ ]*(?P<date6>{_DATE})[ ]*\)[ ]*{_DASH}                      # CITY (date) --
    )
    [ \t*_]*
    """
)
DATE_ANYWHERE = re.compile(rf"(?i)\b{_DATE}")

# The issuer opens the first sentence: "Globex Inc., a leading ...", "Acme Corp. (NASDAQ: ACME) today".
ISSUER = re.compile(
    r"""(?x)
    \**(?P<name>[A-Z0-9][\w&.,'’\- ]{1,80}?)\**
    (?=\s*\(|,\s+(?:a|an|the)\s|\s+(?:today|announced|has|have|is|closed|completed|entered|raised|sold)\b)
    """
)
TICKER = re.compile(r"\(\s*(?:NASDAQ|Nasdaq|NYSE|NYSE\s+American|NYSE\s+MKT|OTC(?:QB|QX|BB)?|AMEX|TSX(?:-V)?|CSE)"
                    r"[A-Za-z ]*:\s*(?P<ticker>[A-Z.]{1,6})\s*\)")
SOURCE_LINE = re.compile(r"(?m)^[ \t*_]*SOURCE:?[ \t]+(?P<name>[^\n]{2,80}?)[ \t*_]*$")

MONEY = re.compile(
    r"""(?ix)
    (?:US)?\\?\$[ ]?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)   # $3,349,700  \$0.80  $3.3
    (?:[ ]*(?P<scale>million|billion|thousand|mm|m|b)\b)?                 # ... million
    """
)
SCALES = {"million": Decimal(10) ** 6, "mm": Decimal(10) ** 6, "m": Decimal(10) ** 6,
          "billion": Decimal(10) ** 9, "b": Decimal(10) ** 9, "thousand": Decimal(1000)}
PER_SHARE = re.compile(r"(?i)^\s*(?:per|a|for\s+each|/)\s*(?:share|unit|ADS|common\s+share)")
EXERCISE_BEFORE = re.compile(r"(?i)(?:exercise|conversion|strike)\s+price\s+(?:of\s+)?$")
SHARES = re.compile(
    r"""(?ix)
    (?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?[ ]*million|\d+)[ ]+
    (?:newly[- ]issued[ ]+|restricted[ ]+|unregistered[ ]+)?
    (?:shares|units|ADSs|American[ ]Depositary[ ]Shares)\b
    """
)
WARRANT_BEFORE = re.compile(r"(?i)(?:warrants?|options?)\s+to\s+(?:purchase|buy|acquire)\s+(?:up\s+to\s+)?(?:an\s+aggregate\s+of\s+)?$")

# The security sold.  The prefix "shares of its" is not part of the name.
SECURITY = re.compile(
    r"""(?ix)
    (?P<adj>(?:restricted|unregistered|newly[- ]issued)[ ]+)?
    (?:shares[ ]+of[ ]+(?:its[ ]+|the[ ]+Company'?s[ ]+|our[ ]+)?)?
    (?P<core>
        (?:Series[ ][A-Z0-9-]{1,4}[ ]+)?(?:convertible[ ]+)?(?:redeemable[ ]+)?(?:common|preferred|ordinary)[ ]+(?:stock|shares)
      | American[ ]Depositary[ ]Shares
      | convertible[ ]+(?:senior[ ]+)?(?:promissory[ ]+)?notes
      | senior[ ]+(?:secured[ ]+)?notes
      | units
    )
    """
)

# Offering types, most specific first.
OFFERING_TYPES = (
    ("registered direct", re.compile(r"(?i)registered\s+direct")),
    ("rights offering", re.compile(r"(?i)rights\s+offering")),
    ("PIPE", re.compile(r"\bPIPE\b|(?i:private\s+investment\s+in\s+public\s+equity)")),
    ("private placement", re.compile(r"(?i)private(?:ly)?\s+(?:placement|placed|offering)|separate\s+transactions\s+of\s+restricted")),
    ("public offering", re.compile(r"(?i)(?:underwritten|follow-on|secondary|initial)\s+public\s+offering|\bpublic\s+offering\b|at-the-market\s+offering")),
    ("insider purchase", re.compile(
        r"(?i)\b(?:director|officer|chief\s+\w+\s+officer|CEO|CFO|insiders?|chairman|management|founder)s?\b"
        r"[^.\n]{0,100}\b(?:purchased|bought|acquired)\b[^.\n]{0,80}\bshares|open[- ]market\s+purchases?")),
)
OFFERING_WORDS = re.compile(
    r"(?i)aggregate|gross\s+proceeds|rais(?:e|ed|ing)|\bsold\b|\bsell\b|offering|placement|purchase|financing|investment|priced")

USE_OF_PROCEEDS = re.compile(
    r"""(?ix)
    proceeds[^.\n]{0,120}?\b(?:will|shall|would|are\s+expected\s+to|is\s+expected\s+to)?\s*be\s+used\s+(?:to|for)\s+(?P<a>[^.\n]{3,300})
    | (?:intends?|plans?|expects?|will)\s+to\s+use\s+the\s+(?:net\s+)?proceeds[^.\n]{0,100}?\b(?:for|to)\s+(?P<b>[^.\n]{3,300})
    | proceeds\s+(?:will|are\s+to)\s+(?P<c>(?:fund|support|finance)[^.\n]{3,300})
    """
)

# Titles: words that make a phrase a job title, and which kind.
EXECUTIVE_WORDS = re.compile(
    r"(?i)\b(?:chief|officer|president|ceo|cfo|coo|cto|cmo|evp|svp|vp|treasurer|secretary|"
    r"general\s+counsel|controller|founder|executive|head\s+of|senior\s+vice)\b")
DIRECTOR_WORDS = re.compile(r"(?i)\b(?:director|chairman|chairwoman|chair|board\s+member|trustee)\b")
OTHER_TITLE_WORDS = re.compile(r"(?i)\b(?:partner|principal|manager|analyst|managing|member|counsel|spokesperson|relations)\b")
BOARD_ORG = re.compile(r"(?i)^(?:the\s+)?board(?:\s+of\s+directors)?$")
COMPANY_SELF = re.compile(r"(?i)^(?:the\s+)?(?:company|corporation|firm)$")

_WORD = r"[A-Z](?:['’][A-Z])?[a-z]+(?:['’\-]?[A-Z][a-z]+|['’\-][a-z]+)*"  # Kowalczyk, O'Rourke, Ortega-Vance, McAllister
_NAME = rf"(?:(?:Dr|Mr|Mrs|Ms)\.?[ ]+)?{_WORD}(?:[ ]+(?:[A-Z]\.|{_WORD}|van|de|von|der|la|du)){{1,3}}(?:,?[ ]+(?:Jr|Sr|III|II|IV)\.?)?"
SAID = r"(?:said|says|added|commented|stated|noted|explained|continued|remarked)"
QUOTE_AFTER = re.compile(rf"\b{SAID}[ \t]+(?P<name>{_NAME}),[ \t]+(?P<tail>[^\"“”\n]{{3,200}})")
# A tail that stays inside one sentence ("Inc." and "Corp." do not end it).
_IN_SENTENCE = r"(?:[^\"“”\n.]|(?<=Inc)\.|(?<=Corp)\.|(?<=Ltd)\.|(?<=Co)\.|(?<=[A-Z])\.)"
QUOTE_BEFORE = re.compile(rf"(?P<name>{_NAME}),[ \t]+(?P<tail>{_IN_SENTENCE}{{3,200}}?),[ \t]+{SAID}\b")
ACCORDING = re.compile(rf"\baccording[ ]+to[ ]+(?P<name>{_NAME}),[ \t]+(?P<tail>[^\"“”\n]{{3,200}})")
# A tail ends at a sentence end that is not an abbreviation's dot.
_TAIL_END = re.compile(r"(?<!\bInc)(?<!\bCorp)(?<!\bCo)(?<!\bLtd)(?<!\bJr)(?<!\bSr)(?<!\bN\.A)(?<![A-Z])\.(?:\s|$)|[;:]|,\s+(?:who|which|adding|and\s+added)\b")

CONTACT_HEADING = re.compile(
    r"(?im)^[ \t*_#>]*(?:[A-Z][\w&.'’]*[ ]){0,3}?(?:Press|Media|Investors?|Company|IR|Public[ ]Relations|Analyst)?[ ]?(?:Relations[ ])?"
    r"Contacts?(?:[ ]Information)?[ \t*_]*:?[ \t*_]*(?P<inline>[^\n]*)$"
)
BLOCK_END = re.compile(r"(?im)^[ \t*_#]*(?:SOURCE\b|About[ ]|Forward[- ]Looking|FORWARD[- ]LOOKING|Safe[ ]Harbor|###|View[ ]original|Logo:)")
CONTACT_NOISE = re.compile(r"(?i)@|https?://|www\.|\d{3}[-.) ]\s?\d{3}[-. ]\d{4}|^\s*(?:ph|p|t|tel|phone|e|email|fax|m|mobile|c)\s*[.:]")
# Parts of a contact line: split on commas and bars, but not before a legal form (", Inc.").
CONTACT_PARTS = re.compile(r"(?:[^,|]|,(?=\s*(?:Inc|LLC|Ltd|L\.P|LP|Corp|Co|N\.A)\b))+")


# ---------------------------------------------------------------- entry point

def parse(text: str, record: Record) -> None:
    """Fill ``record`` from a press release's text."""
    record.document_type = "press_release"
    offering = Offering()
    record.offering = offering
    head = text[:_HEAD]
    body_start = _dateline(head, offering, record)
    _issuer(text, body_start, offering, record)
    _offering_terms(text, body_start, offering, record)
    record.people.extend(find_people(text, offering.issuer_name, record))
    if offering.date is None:
        record.warn("Press release: no dateline date found.")
    if offering.amount is None and offering.price_per_share is None:
        record.warn("Press release: no offering amount or price per share found.")


def _ev(match: re.Match, group: str | int = 0) -> Evidence:
    return Evidence(text=match.group(group), start=match.start(group), end=match.end(group))


def _dateline(head: str, offering: Offering, record: Record) -> int:
    """Read the dateline; return where the body (the first sentence) starts."""
    for match in DATELINE.finditer(head):
        date_group = next((g for g in ("date1", "date3", "date4", "date5", "date6") if match.group(g)), None)
        wire = next((match.group(g) for g in ("wire1", "wire2", "wire3", "wire4") if match.group(g)), None)
        if date_group is None and wire is None:
            continue
        offering.put("place", names.clean_spaces(match.group("place")), _ev(match, "place"))
        if date_group:
            offering.put("date", parse_date(match.group(date_group)), _ev(match, date_group))
        else:  # Business Wire prints the date on a line above
            before = list(DATE_ANYWHERE.finditer(head, 0, match.start()))
            if before:
                offering.put("date", parse_date(before[-1].group(0)), _ev(before[-1]))
        return match.end()
    found = DATE_ANYWHERE.search(head)
    if found:
        offering.put("date", parse_date(found.group(0)), _ev(found))
        return found.end()
    return 0


def _issuer(text: str, body_start: int, offering: Offering, record: Record) -> None:
    match = ISSUER.match(text, body_start) if body_start else None
    if match:
        name = match.group("name").strip(" ,*")
        ev = Evidence(text=name, start=match.start("name"), end=match.start("name") + len(name))
    else:
        sources = list(SOURCE_LINE.finditer(text))
        if not sources:
            record.warn("Press release: the issuing company could not be read.")
            return
        found = sources[-1]
        name, ev = found.group("name").strip(), _ev(found, "name")
    offering.put("issuer_name", name, ev)
    record.issuer.put("name", name, ev)
    ticker = TICKER.search(text, body_start, body_start + 400) if body_start else None
    if ticker:
        record.issuer.put("trading_symbol", ticker.group("ticker"), _ev(ticker, "ticker"))


# ---------------------------------------------------------------- the offering

def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Rough sentence spans: split on a dot/newline that ends a sentence."""
    spans = []
    cursor = start
    for match in re.finditer(r"(?<![A-Z])(?<!\bInc)(?<!\bCorp)(?<!\bCo)\.(?=\s)|\n\s*\n", text[start:end]):
        stop = start + match.end()
        if stop - cursor > 3:
            spans.append((cursor, stop))
        cursor = stop
    if end - cursor > 3:
        spans.append((cursor, end))
    return spans


def _offering_terms(text: str, body_start: int, offering: Offering, record: Record) -> None:
    end = min(len(text), body_start + 6000)
    spans = _sentences(text, body_start, end)
    key_spans = [s for s in spans if OFFERING_WORDS.search(text, s[0], s[1])][:6]
    headline = (0, body_start)
    amounts, prices = _money(text, key_spans + [headline])
    if prices:
        value, ev = prices[0]
        offering.put("price_per_share", value, ev)
    exact = [a for a in amounts if a[2]]
    rounded = [a for a in amounts if not a[2]]
    chosen = (exact or rounded or [None])[0]
    if chosen:
        offering.put("amount", chosen[0], chosen[1])
    _shares(text, key_spans, offering)
    _security(text, key_spans + [headline], offering)
    _offering_type(text, key_spans, body_start, offering)
    _use_of_proceeds(text, body_start, offering)
    if offering.shares is None and offering.amount is not None and offering.price_per_share:
        offering.shares = (offering.amount / offering.price_per_share).quantize(Decimal(1), ROUND_HALF_UP)
        record.infer("offering/shares")


def _money(text: str, spans: list[tuple[int, int]]) -> tuple[list, list]:
    """(amounts, prices): amounts as (value, evidence, exact), prices as (value, evidence)."""
    amounts, prices = [], []
    for start, end in spans:
        for match in MONEY.finditer(text, start, end):
            value = parse_number(match.group("num"))
            if value is None:
                continue
            after = text[match.end(): match.end() + 20]
            before = text[max(0, match.start() - 30): match.start()]
            scale = (match.group("scale") or "").lower()
            if PER_SHARE.match(after) and not scale:
                if not EXERCISE_BEFORE.search(before):
                    prices.append((value, _ev(match)))
                continue
            if scale:
                amounts.append((value * SCALES[scale], _ev(match), False))
            elif value >= 1000:
                amounts.append((value, _ev(match), True))
    return amounts, prices


def _shares(text: str, spans: list[tuple[int, int]], offering: Offering) -> None:
    for start, end in spans:
        for match in SHARES.finditer(text, start, end):
            if WARRANT_BEFORE.search(text[max(0, match.start() - 60): match.start()]):
                continue
            raw = match.group("num")
            if "million" in raw.lower():
                value = parse_number(raw.lower().replace("million", "").strip())
                value = value * SCALES["million"] if value is not None else None
            else:
                value = parse_number(raw)
            if value:
                offering.put("shares", value, _ev(match, "num"))
                return


def _security(text: str, spans: list[tuple[int, int]], offering: Offering) -> None:
    for start, end in spans:
        match = SECURITY.search(text, start, end)
        if match:
            value = ((match.group("adj") or "") + match.group("core")).strip()
            offering.put("security", names.clean_spaces(value), _ev(match))
            return


def _offering_type(text: str, spans: list[tuple[int, int]], body_start: int, offering: Offering) -> None:
    areas = [(0, body_start)] + spans + [(0, min(len(text), body_start + 8000))]
    for start, end in areas:
        for kind, pattern in OFFERING_TYPES:
            match = pattern.search(text, start, end)
            if match:
                offering.put("offering_type", kind, _ev(match))
                return


def _use_of_proceeds(text: str, body_start: int, offering: Offering) -> None:
    match = USE_OF_PROCEEDS.search(text, body_start) or USE_OF_PROCEEDS.search(text, 0, body_start)
    if match:
        group = next(g for g in ("a", "b", "c") if match.group(g))
        value = match.group(group).strip().rstrip(".,;")
        offering.put("use_of_proceeds", value, Evidence(text=value, start=match.start(group), end=match.start(group) + len(value)))


# ---------------------------------------------------------------- people

def _role(title: str | None, organization: str | None, issuer: str | None) -> str:
    if title is None:
        return "other"
    if organization and issuer and not COMPANY_SELF.match(organization) \
            and not _same_org(organization, issuer):
        return "other"
    if EXECUTIVE_WORDS.search(title):
        return "executive"
    if DIRECTOR_WORDS.search(title):
        return "director"
    return "other"


def _same_org(a: str, b: str) -> bool:
    ka, kb = names.org_key(a), names.org_key(b)
    return bool(ka and kb) and (ka == kb or ka.startswith(kb + " ") or kb.startswith(ka + " "))


def _title_org(tail: str) -> tuple[str | None, str | None, int]:
    """Split a quote's tail ("President and COO of Acme Inc.") into title and organization;
    also return the length of the tail used."""
    end = _TAIL_END.search(tail)
    used = tail[: end.start()] if end else tail
    used = used.rstrip(" ,")
    title, org = used, None
    for sep in (" of ", " at ", " with "):
        head, found, rest = used.rpartition(sep)
        if found and rest[:1].isupper() or found and rest.lower().startswith("the "):
            if BOARD_ORG.match(rest.strip()):
                continue
            title, org = head, rest.strip()
            break
    title = title.strip(" ,")
    if not (EXECUTIVE_WORDS.search(title) or DIRECTOR_WORDS.search(title) or OTHER_TITLE_WORDS.search(title)):
        return None, None, 0
    return title, org, len(used)


def find_people(text: str, issuer: str | None, record: Record | None = None) -> list[Person]:
    """People quoted with a title, then people in contact blocks, each once."""
    people: list[Person] = []
    keys: list[names.PersonKey] = []

    def add(person: Person) -> None:
        key = names.person_key(person.name)
        for index, other in enumerate(keys):
            if names.same_person(key, other):
                known = people[index]
                if person.role == "contact" and known.role != "contact":
                    return
                if known.title is None and person.title:
                    known.title, known.organization, known.role = person.title, person.organization, person.role
                return
        keys.append(key)
        people.append(person)

    for pattern in (QUOTE_AFTER, QUOTE_BEFORE, ACCORDING):
        for match in pattern.finditer(text):
            name = match.group("name")
            if names.is_entity_name(name):
                continue
            title, org, used = _title_org(match.group("tail"))
            if title is None:
                continue
            display = names.parse_natural(name).display
            if org and COMPANY_SELF.match(org) and issuer:
                org = issuer
            person = Person(name=display, title=title, organization=org, role=_role(title, org, issuer))
            person.put("name", display, _ev(match, "name"))
            start = match.start("tail")
            person.put("title", title, Evidence(text=title, start=start, end=start + len(title)))
            if org:
                org_start = text.find(org, start, start + used + 1)
                person.put("organization", org, Evidence(text=org, start=org_start, end=org_start + len(org)) if org_start >= 0 else None)
            add(person)
    for person in _contacts(text, issuer):
        add(person)
    return people


def _contacts(text: str, issuer: str | None) -> list[Person]:
    """People listed under "Press Contacts:", "Investor Contact:" ... headings."""
    found: list[Person] = []
    for heading in CONTACT_HEADING.finditer(text):
        block_start = heading.start("inline") if heading.group("inline").strip() else heading.end()
        stop = BLOCK_END.search(text, heading.end())
        next_heading = CONTACT_HEADING.search(text, heading.end())
        block_end = min(x.start() for x in (stop, next_heading) if x) if (stop or next_heading) else len(text)
        block_end = min(block_end, heading.end() + 1500)
        current: Person | None = None
        pending_org: str | None = None
        for line in re.finditer(r"[^\n]+", text[block_start:block_end]):
            offset = block_start + line.start()
            for part_match in CONTACT_PARTS.finditer(line.group(0)):
                part = part_match.group(0).strip(" \t*_")
                if not part or CONTACT_NOISE.search(part) or part.endswith(":"):
                    continue
                part_start = offset + part_match.start() + (len(part_match.group(0)) - len(part_match.group(0).lstrip(" \t*_")))
                if names.is_entity_name(part):
                    if current is not None and current.organization is None:
                        current.put("organization", part, Evidence(text=part, start=part_start, end=part_start + len(part)))
                    else:
                        pending_org = part
                    continue
                if EXECUTIVE_WORDS.search(part) or DIRECTOR_WORDS.search(part) or OTHER_TITLE_WORDS.search(part):
                    if current is not None and current.title is None:
                        current.put("title", part, Evidence(text=part, start=part_start, end=part_start + len(part)))
                    continue
                if _looks_like_person(part):
                    current = Person(name=names.parse_natural(part).display, organization=pending_org, role="contact")
                    current.put("name", current.name, Evidence(text=part, start=part_start, end=part_start + len(part)))
                    pending_org = None
                    found.append(current)
    return found


_PERSON_LINE = re.compile(rf"^{_NAME}$")


def _looks_like_person(text: str) -> bool:
    return bool(_PERSON_LINE.match(text)) and len(text) <= 60
