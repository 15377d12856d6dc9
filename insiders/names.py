"""Names of people and entities: parse, display, and decide who is who.

Called by ``insiders.pipeline.finish`` (``fill_owner_names`` on every reporting
owner), by the press-release and power-of-attorney parsers (names written
First Middle Last) and by ``insiders.roster`` (``NameMatcher``: one person
written many ways is one person).

Filings print owners "Last First Middle" (``DOE JOHN A``); signatures,
press releases and powers of attorney print "First Middle Last"; a PDF copy may
scramble the order (``Maria Lopez K.``).  Entities (funds, trusts, LLCs ...)
are not people: they are kept as filed and matched only against entities.

Knowledge lives in the vocabularies below; the functions only ask them.
Nothing here raises on messy text: an unreadable name parses to what it can.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Owner

# ---------------------------------------------------------------- vocabularies

# Name suffixes: lowercase key without dots -> how it is displayed.
SUFFIXES = {
    "jr": "Jr.", "sr": "Sr.", "ii": "II", "iii": "III", "iv": "IV", "v": "V", "vi": "VI",
    "md": "M.D.", "phd": "Ph.D.", "esq": "Esq.", "cpa": "CPA", "jd": "J.D.", "dds": "D.D.S.",
    "cfa": "CFA", "mba": "MBA", "ret": "Ret.",
}
# Suffixes that are generational (part of who one is) rather than degrees.
GENERATIONAL = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "vi"})

# Honorifics dropped in front of a name.
PREFIXES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "hon", "sir", "dame", "rev", "lord", "lady", "messrs",
})

# Surname particles: "van", "de la" ... belong to the family name.
PARTICLES = frozenset({
    "de", "da", "das", "del", "della", "der", "di", "do", "dos", "du", "la", "le", "van", "von",
    "vander", "vanden", "ten", "ter", "bin", "binti", "al", "el", "st", "st.", "saint", "y",
})

# Words that make a name an entity, not a person (lowercase, dots removed).
ENTITY_WORDS = frozenset({
    "fund", "funds", "trust", "trustee", "trustees", "llc", "lllp", "lp", "llp", "pllc", "inc",
    "incorporated", "corp", "corporation", "co", "company", "partners", "partnership", "capital",
    "holdings", "holding", "management", "foundation", "ltd", "limited", "plc", "ag", "sa", "gmbh",
    "nv", "bv", "group", "ventures", "venture", "investments", "investment", "investors", "advisors",
    "advisers", "associates", "bank", "securities", "estate", "family", "revocable", "irrevocable",
    "trust", "gp", "l.p", "l.l.c", "spa", "sarl", "pte", "pty", "enterprises", "equity", "opportunity",
    "opportunities", "master", "offshore", "onshore", "endowment", "university", "college",
    "charitable", "society", "institute", "pension", "retirement", "plan", "account", "international",
    "industries", "technologies", "systems", "partnership", "lp.", "ulc", "kg", "oy", "ab", "as",
})
# Also entity markers, matched on the raw text.
ENTITY_MARKS = re.compile(r"&|\bL\.\s?P\.|\bL\.L\.C\.|\bu/a\b|\bu/d/t\b|\bdtd\b|\bFBO\b|\bc/o\b", re.I)

# Legal-form spellings -> one normal form, for entity and issuer keys.
LEGAL_FORMS = {
    "incorporated": "inc", "inc": "inc", "corporation": "corp", "corp": "corp", "company": "co",
    "co": "co", "limited": "ltd", "ltd": "ltd", "lp": "lp", "llc": "llc", "llp": "llp", "plc": "plc",
    "lllp": "lllp", "pllc": "pllc", "nv": "nv", "sa": "sa", "ag": "ag", "gmbh": "gmbh",
}

# Prefixes of surnames capitalised inside the word: McGuirk, MacDonald, O'Brien.
MAC_EXCEPTIONS = frozenset({
    "mack", "macey", "mace", "macon", "machado", "macias", "mackey", "mackie", "macedo", "machen",
    "machin", "macri", "macaulay", "macho", "mackay", "macklin", "macomber",
})

# Common given names (lowercase).  Used only to untangle scrambled order
# ("Maria Lopez K." -> given Maria) when a filed name reads First Last.
GIVEN_NAMES = frozenset("""
aaron adam adrian alan albert alex alexander alexandra alice alicia allen allison amanda amy andrea
andrew angela anita ann anna anne anthony arthur ashley barbara barry ben benjamin beth betty beverly
bill bob bonnie brad bradley brenda brent brian bruce bryan carl carla carol caroline carolyn catherine
charles charlotte cheryl chris christina christine christopher cindy claire craig cynthia dale dan
daniel danielle darla darren dave david dawn dean deborah debra denise dennis diana diane donald donna
doris dorothy douglas edward elaine elizabeth ellen emily emma eric erica erin eugene evelyn frances
francis frank fred frederick gary george gerald glenn gloria grace greg gregory hannah harold harry
heather helen henry howard ian jack jacob jacqueline james jane janet janice jason jean jeff jeffrey
jennifer jeremy jerry jessica jill joan joanne joe john jonathan jordan joseph joshua joyce judith
judy julia julie justin karen katherine kathleen kathryn kathy keith kelly kenneth kevin kim kimberly
kristin larry laura lauren lawrence linda lisa lori louis lynn margaret maria marie marilyn mark
martha martin mary matthew megan melanie melinda melissa michael michele michelle mike nancy natalie
nathan nicholas nicole noah norman olivia pamela pat patricia patrick paul paula peter philip phillip
rachel ralph randy raymond rebecca richard rick robert roger ronald rose roy russell ruth ryan samuel
sandra sara sarah scott sean sharon shirley stephanie stephen steven susan suzanne teresa terry
theresa thomas timothy todd tom tony tracy valerie victor victoria vincent virginia walter wayne
wendy william willie zachary
""".split())

# One token of a name: letters with inner apostrophes, hyphens and dots.
_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.\-])*", re.U)
_SIGNATURE_MARK = re.compile(r"^\s*(?:By:\s*)?(?:/s/|/S/|s/)\s*", re.I)
_PARENS = re.compile(r"\([^)]*\)")


# ---------------------------------------------------------------- parsed names

@dataclass(slots=True)
class ParsedName:
    """A name split into parts.  ``raw`` is the text it came from."""

    raw: str
    given: str | None = None
    middle: str | None = None
    family: str | None = None
    suffix: str | None = None
    is_entity: bool = False

    @property
    def display(self) -> str:
        if self.is_entity:
            return clean_spaces(self.raw)
        parts = [self.given, self.middle, self.family]
        text = " ".join(p for p in parts if p)
        if self.suffix:
            generational = _key(self.suffix) in GENERATIONAL
            text = f"{text}, {self.suffix}" if not generational or "," in self.raw else f"{text} {self.suffix}"
        return text or clean_spaces(self.raw)


def clean_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,;")


def _key(token: str) -> str:
    return token.lower().replace(".", "").replace("’", "'")


def is_entity_name(name: str | None) -> bool:
    """True when ``name`` names a fund, trust, company ... rather than a person."""
    if not name:
        return False
    if name.isascii():
        # The same tests, on the lowered name (an ASCII name lowers letter for letter):
        # ENTITY_MARKS only where one of its literals stands, the words as one set test.
        low = name.lower()
        if any(map(low.__contains__, _ENTITY_MARK_CUES)) and ENTITY_MARKS.search(name):
            return True
        return not ENTITY_WORDS.isdisjoint([tok.replace(".", "").strip("'") for tok in _TOKEN.findall(low)])
    if ENTITY_MARKS.search(name):
        return True
    return any(_key(tok).strip("'") in ENTITY_WORDS for tok in _TOKEN.findall(name))


# Every ENTITY_MARKS match holds one of these (lowered).
_ENTITY_MARK_CUES = ("&", ".", "/", "dtd", "fbo")


def _is_initial(token: str) -> bool:
    return len(token.rstrip(".")) == 1 and token[:1].isalpha()


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def strip_signature(text: str) -> str:
    """``"/s/ John A. Doe"`` -> ``"John A. Doe"``; also drops "By:"."""
    if "/" not in text:  # every mark holds one
        return text.strip()
    return _SIGNATURE_MARK.sub("", text).strip()


def _split_affixes(tokens: list[str]) -> tuple[list[str], str | None]:
    """Drop honorifics; take suffixes off (kept: the first generational/degree one)."""
    while tokens and _key(tokens[0]) in PREFIXES and len(tokens) > 2:
        tokens = tokens[1:]
    suffix = None
    kept = []
    for index, token in enumerate(tokens):
        key = _key(token)
        # "V" alone is an initial unless it is last after a full name of 3+ tokens.
        if key in SUFFIXES and (key != "v" or (index == len(tokens) - 1 and len(tokens) > 2)) and index > 0:
            if suffix is None:
                suffix = SUFFIXES[key]
            continue
        kept.append(token)
    return kept, suffix


def _join_particles(tokens: list[str], family_first: bool) -> list[str]:
    """Glue particles to the word they lead: ["van", "Dyke"] -> ["van Dyke"]."""
    out: list[str] = []
    pending: list[str] = []
    for token in tokens:
        if _key(token) in PARTICLES and len(tokens) > 2:
            pending.append(token)
            continue
        if pending:
            token = " ".join(pending + [token])
            pending = []
        out.append(token)
    if pending:  # trailing particle: keep it as its own word
        out.extend(pending)
    return out


def parse_filed(name: str) -> ParsedName:
    """A name as filings print it: "Last First Middle", "Last, First M., Jr."."""
    raw = name
    if is_entity_name(name):
        return ParsedName(raw=raw, is_entity=True)
    text = strip_signature(_PARENS.sub(" ", name) if "(" in name else name)
    if "," in text:
        head, _, rest = text.partition(",")
        head_tokens, suffix_a = _split_affixes(_tokens(head))
        rest_tokens, suffix_b = _split_affixes(_tokens(rest))
        if head_tokens and rest_tokens:
            return _assemble(raw, rest_tokens, " ".join(head_tokens), suffix_a or suffix_b)
        tokens = head_tokens + rest_tokens
        suffix = suffix_a or suffix_b
    else:
        tokens, suffix = _split_affixes(_tokens(text))
    if len(tokens) < 2:
        return ParsedName(raw=raw, family=_display_token(tokens[0]) if tokens else None, suffix=suffix)
    if _looks_scrambled(tokens):
        return parse_natural(name)
    # Family name: the first word, with its particles ("VAN DER BERG JAN").
    count = 1
    while count < len(tokens) - 1 and _key(tokens[count - 1]) in PARTICLES:
        count += 1
    return _assemble(raw, tokens[count:], " ".join(tokens[:count]), suffix)


def _looks_scrambled(tokens: list[str]) -> bool:
    """A filed name that reads First Last ("Maria Lopez K."): the first word is a
    common given name, the second is not, and it is not an initial."""
    first, second = _key(tokens[0]), _key(tokens[1])
    return (
        first in GIVEN_NAMES
        and second not in GIVEN_NAMES
        and not _is_initial(tokens[1])
        and not _is_initial(tokens[0])
        and (len(tokens) == 2 or _is_initial(tokens[-1]))
        and second not in PARTICLES
    )


def parse_natural(name: str) -> ParsedName:
    """A name written "First Middle Last" (signatures, press releases, POAs).

    A trailing lone initial ("Maria Lopez K.") is taken for a misplaced middle initial.
    """
    raw = name
    if is_entity_name(name):
        return ParsedName(raw=raw, is_entity=True)
    text = strip_signature(_PARENS.sub(" ", name))
    if "," in text:
        head, _, rest = text.partition(",")
        rest_tokens = _tokens(rest)
        if rest_tokens and all(_key(t) in SUFFIXES for t in rest_tokens):
            text = head + " " + rest
        elif rest_tokens and not _tokens(head):
            text = rest  # ", Maria Lopez": nothing before the comma (parse_filed would send it back here)
        elif rest_tokens:
            return parse_filed(text)  # "Doe, John A." is Last, First
    tokens, suffix = _split_affixes(_tokens(text))
    if not tokens:
        return ParsedName(raw=raw, suffix=suffix)
    if len(tokens) == 1:
        return ParsedName(raw=raw, family=_display_token(tokens[0]), suffix=suffix)
    if len(tokens) >= 3 and _is_initial(tokens[-1]) and not _is_initial(tokens[-2]):
        tokens = [tokens[0], tokens[-1]] + tokens[1:-1]
    # Family name: the last word with any particles before it.
    start = len(tokens) - 1
    while start > 1 and _key(tokens[start - 1]) in PARTICLES:
        start -= 1
    return _assemble(raw, tokens[:start], " ".join(tokens[start:]), suffix)


def _assemble(raw: str, given_tokens: list[str], family: str, suffix: str | None) -> ParsedName:
    shout = raw.isupper() or raw.islower()
    given_tokens = [t for t in given_tokens if t]
    given = _display_token(given_tokens[0], shout) if given_tokens else None
    middle = " ".join(_display_token(t, shout) for t in given_tokens[1:]) or None
    family_words = family.split()
    last = len(family_words) - 1
    family_text = " ".join(
        _display_token(t, shout, particle=index < last) for index, t in enumerate(family_words)
    )
    return ParsedName(raw=raw, given=given, middle=middle, family=family_text or None, suffix=suffix)


def _display_token(token: str, shout: bool = True, particle: bool = False) -> str:
    """One word as a person's name is written: initials get a dot; SHOUTED words get cased."""
    if _is_initial(token):
        return token[0].upper() + "."
    if shout or (token.isupper() and len(token) > 3):
        if particle and _key(token) in PARTICLES:
            return token.lower()
        return "-".join(_case_word(part) for part in token.split("-"))
    return token


def _case_word(word: str) -> str:
    lower = word.lower()
    if not lower:
        return word
    if lower[:2] in ("o'", "d'", "o’", "d’") and len(lower) > 2:
        return lower[0].upper() + lower[1] + lower[2:].capitalize()
    if lower.startswith("mc") and len(lower) > 3:
        return "Mc" + lower[2:].capitalize()
    if lower.startswith("mac") and len(lower) > 5 and lower not in MAC_EXCEPTIONS:
        return "Mac" + lower[3:].capitalize()
    return lower.capitalize()


def parse_name(name: str, order: str = "natural") -> ParsedName:
    """Parse ``name``; ``order`` is ``filed`` (Last First Middle) or ``natural``."""
    return parse_filed(name) if order == "filed" else parse_natural(name)


def display_name(name: str, order: str = "natural") -> str:
    return parse_name(name, order).display


# ---------------------------------------------------------------- owners

def fill_owner_names(owner: Owner) -> None:
    """Set display, given, middle and family names and ``is_entity`` from ``owner.name``."""
    if not owner.name:
        return
    parsed = parse_filed(owner.name)
    owner.is_entity = parsed.is_entity
    if owner.display_name is None:
        owner.display_name = parsed.display
    if parsed.is_entity:
        return
    if owner.given_name is None:
        owner.given_name = parsed.given
    if owner.middle_name is None:
        owner.middle_name = parsed.middle
    if owner.family_name is None:
        owner.family_name = parsed.family


# ---------------------------------------------------------------- signatures

_ATTORNEY = re.compile(
    r"""(?ix)
    ,?\s*(?:as\s+)?(?:attorney|atty\.?)[\s-]+in[\s-]+fact      # ", Attorney-in-Fact"
    | \s+by\s+power\s+of\s+attorney                             # "by Power of Attorney"
    | \s*\bpursuant\s+to\s+(?:a\s+)?power\s+of\s+attorney
    """
)
_FOR = re.compile(r"(?i)\b(?:for|on\s+behalf\s+of|For:)\s+(?P<whom>.+)$")
_BY = re.compile(r"(?i)^\s*By:\s*")


def signer(signature_line: str) -> tuple[str, str | None, bool]:
    """Who signed a signature line, for whom, and whether as attorney-in-fact.

    ``"/s/ Lora Blum, Attorney-In-Fact for Darla Smith"`` -> ("Lora Blum", "Darla Smith", True).
    """
    text = clean_spaces(strip_signature(signature_line))
    text = _BY.sub("", text)
    attorney = bool(_ATTORNEY.search(text))
    whom = None
    if attorney:
        match = _ATTORNEY.search(text)
        head, tail = text[: match.start()], text[match.end():]
        found = _FOR.search(tail)
        if found:
            whom = clean_spaces(found["whom"].replace("For:", ""))
        text = head
    text = re.sub(r"(?i)\s+For:\s+.*$", "", text)
    return clean_spaces(strip_signature(text)), whom, attorney


# ---------------------------------------------------------------- identity

def org_key(name: str | None) -> str:
    """An organisation's key: lowercase words without legal forms or punctuation.

    ``"ACME CORP."``, ``"Acme, Corp."`` and ``"Acme"`` share one key.
    """
    if not name:
        return ""
    words = [_key(w).strip("'") for w in re.findall(r"[\w.'’]+", name.replace("&", " and "))]
    words = [w for w in words if w and w != "the"]
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def entity_key(name: str) -> str:
    """An entity owner's key: words lowercased, legal forms in one spelling (kept)."""
    text = re.sub(r"\bL\.\s?P\.", "LP", name, flags=re.I)
    text = re.sub(r"\bL\.\s?L\.\s?C\.", "LLC", text, flags=re.I)
    words = [_key(w).strip("'") for w in re.findall(r"[\w.'’]+", text.replace("&", " and "))]
    words = [LEGAL_FORMS.get(w, w) for w in words if w and w != "the"]
    return " ".join(words)


@dataclass(slots=True, frozen=True)
class PersonKey:
    """What identity rests on: full name words, initials, family name, generational suffix."""

    entity: str | None
    family: str
    given: str
    words: frozenset[str]
    initials: tuple[str, ...]
    generation: str | None = None


def _fold(text: str) -> str:
    return _key(text).replace("'", "").replace("-", " ")


def person_key(name: str | ParsedName, order: str = "natural") -> PersonKey:
    """The key ``same_person`` compares; ``order`` as for ``parse_name``."""
    parsed = name if isinstance(name, ParsedName) else parse_name(name, order)
    if parsed.is_entity:
        return PersonKey(entity=entity_key(parsed.raw), family="", given="", words=frozenset(), initials=())
    words: set[str] = set()
    initials: list[str] = []
    for part in (parsed.given, parsed.middle, parsed.family):
        for token in (part or "").split():
            if _is_initial(token):
                initials.append(token[0].lower())
            else:
                words.update(_fold(token).split())
    generation = _key(parsed.suffix) if parsed.suffix and _key(parsed.suffix) in GENERATIONAL else None
    return PersonKey(
        entity=None,
        family=_fold(parsed.family or ""),
        given=_fold(parsed.given or ""),
        words=frozenset(words),
        initials=tuple(initials),
        generation=generation,
    )


def _compatible(small: PersonKey, big: PersonKey) -> bool:
    """Every word of ``small`` is a word of ``big`` or stands as an initial there, and the
    initials of ``small`` match words or initials of ``big`` one to one."""
    spare_words = set(big.words)
    spare_initials = list(big.initials)
    for word in small.words:
        if word in spare_words:
            spare_words.discard(word)
        elif word[0] in spare_initials:
            spare_initials.remove(word[0])
        else:
            return False
    for initial in small.initials:
        if initial in spare_initials:
            spare_initials.remove(initial)
            continue
        match = next((w for w in sorted(spare_words) if w[0] == initial), None)
        if match is None:
            return False
        spare_words.discard(match)
    # What is left unmatched on the bigger side may only be middle names / initials.
    return True


def same_person(a: str | PersonKey, b: str | PersonKey, order_a: str = "natural", order_b: str = "natural") -> bool:
    """Whether two names name the same person (or the same entity).

    Middle names/initials and suffixes may be missing on one side; order may be
    scrambled; the family name and the given name must agree.
    """
    ka = a if isinstance(a, PersonKey) else person_key(a, order_a)
    kb = b if isinstance(b, PersonKey) else person_key(b, order_b)
    if ka.entity is not None or kb.entity is not None:
        return ka.entity is not None and ka.entity == kb.entity
    if not ka.words or not kb.words:
        return False
    if ka.generation and kb.generation and ka.generation != kb.generation:
        return False
    # Both must share the family name and at least one more word or initial: a
    # bare family name alone never identifies a person.
    if len(ka.words) + len(ka.initials) < 2 or len(kb.words) + len(kb.initials) < 2:
        return False
    small, big = (ka, kb) if (len(ka.words), len(ka.initials)) <= (len(kb.words), len(kb.initials)) else (kb, ka)
    if not _compatible(small, big):
        return False
    # The given names must agree (as words or initials); with scrambled order the
    # family/given split can be wrong, so compare the first-word sets instead.
    if ka.family in kb.words and kb.family in ka.words:
        return _given_agree(ka, kb)
    return ka.words == kb.words


def _given_agree(ka: PersonKey, kb: PersonKey) -> bool:
    if not ka.given or not kb.given:
        return True
    if ka.given == kb.given:
        return True
    if ka.given in kb.words and kb.given in ka.words:
        return True  # order confusion between given and middle
    if len(ka.given) == 1 and kb.given in ka.words or len(kb.given) == 1 and ka.given in kb.words:
        return True  # "R. Stanton Dodge" goes by "Stanton Dodge"
    # An initial written as a given name ("J. Smith"): the other's first letter.
    return len(ka.given) == 1 and kb.given.startswith(ka.given) or len(kb.given) == 1 and ka.given.startswith(kb.given)


@dataclass(slots=True)
class _Cluster:
    key: PersonKey
    names: list[tuple[str, str]] = field(default_factory=list)  # (name, order)
    best: ParsedName | None = None
    best_order: str = "natural"


def _richness(parsed: ParsedName, order: str) -> tuple:
    """How good a name is for display: has a middle, mixed case, read from the filing."""
    return (
        bool(parsed.given),
        bool(parsed.middle),
        bool(parsed.suffix),
        order == "filed",
        not parsed.raw.isupper(),
    )


class NameMatcher:
    """Groups names into people: ``add(name, order)`` returns a stable person id.

    A new name joins the one known person it is compatible with; when it fits
    several (``John Smith`` beside ``John A. Smith`` and ``John B. Smith``) it
    stays apart rather than merge two people.
    """

    def __init__(self) -> None:
        self._clusters: list[_Cluster] = []
        self._by_word: dict[str, list[int]] = {}
        self._entities: dict[str, int] = {}

    def add(self, name: str, order: str = "natural") -> int:
        parsed = parse_name(name, order)
        key = person_key(parsed)
        if key.entity is not None:
            if key.entity not in self._entities:
                self._entities[key.entity] = self._new(key, name, order, parsed)
            return self._entities[key.entity]
        candidates = sorted({i for w in key.words for i in self._by_word.get(w, ())})
        matches = [i for i in candidates if same_person(key, self._clusters[i].key)]
        index = self._pick(key, matches)
        if index is not None:
            self._join(index, key, name, order, parsed)
            return index
        return self._new(key, name, order, parsed)

    def _pick(self, key: PersonKey, matches: list[int]) -> int | None:
        """The one cluster a key belongs to: the only match, or the only one as specific."""
        if len(matches) == 1:
            return matches[0]
        for same in (lambda k: k == key, lambda k: bool(key.initials) and k.initials == key.initials and k.words == key.words):
            exact = [i for i in matches if same(self._clusters[i].key)]
            if len(exact) == 1:
                return exact[0]
        return None

    def find(self, name: str, order: str = "natural") -> int | None:
        """The person ``name`` already belongs to, without adding it; None if unknown or ambiguous."""
        key = person_key(name, order)
        if key.entity is not None:
            return self._entities.get(key.entity)
        candidates = sorted({i for w in key.words for i in self._by_word.get(w, ())})
        matches = [i for i in candidates if same_person(key, self._clusters[i].key)]
        return self._pick(key, matches)

    def _new(self, key: PersonKey, name: str, order: str, parsed: ParsedName) -> int:
        index = len(self._clusters)
        self._clusters.append(_Cluster(key=key, names=[(name, order)], best=parsed, best_order=order))
        for word in key.words:
            self._by_word.setdefault(word, []).append(index)
        return index

    def _join(self, index: int, key: PersonKey, name: str, order: str, parsed: ParsedName) -> None:
        cluster = self._clusters[index]
        cluster.names.append((name, order))
        if (len(key.words), len(key.initials)) > (len(cluster.key.words), len(cluster.key.initials)):
            cluster.key = key
            for word in key.words:
                if index not in self._by_word.setdefault(word, []):
                    self._by_word[word].append(index)
        if cluster.best is None or _richness(parsed, order) > _richness(cluster.best, cluster.best_order):
            cluster.best, cluster.best_order = parsed, order

    def display(self, index: int) -> str:
        best = self._clusters[index].best
        return best.display if best else self._clusters[index].names[0][0]

    def names(self, index: int) -> list[str]:
        return [n for n, _ in self._clusters[index].names]

    def is_entity(self, index: int) -> bool:
        return self._clusters[index].key.entity is not None

    def __len__(self) -> int:
        return len(self._clusters)
