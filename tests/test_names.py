"""Names: filed order to display order, entities, and identity (metamorphic: one person written many ways)."""

from __future__ import annotations

import itertools

import pytest

from insiders.model import Owner
from insiders.names import NameMatcher, fill_owner_names, org_key, parse_filed, parse_natural, same_person, signer

# (as filed, display, given, middle, family) -- REAL: shapes seen in filings; NEW: written by us.
FILED = [
    ("PANORA ROBERT A", "Robert A. Panora", "Robert", "A.", "Panora"),
    ("Levchin Max R", "Max R. Levchin", "Max", "R.", "Levchin"),
    ("Dodge R Stanton", "R. Stanton Dodge", "R.", "Stanton", "Dodge"),
    ("Singerman Brian Aaron", "Brian Aaron Singerman", "Brian", "Aaron", "Singerman"),
    ("MCGUIRK RICHARD L", "Richard L. McGuirk", "Richard", "L.", "McGuirk"),
    ("Wilson-Thompson Kathleen", "Kathleen Wilson-Thompson", "Kathleen", None, "Wilson-Thompson"),
    ("Smith, John A., Jr.", "John A. Smith, Jr.", "John", "A.", "Smith"),
    ("SMITH JOHN A JR", "John A. Smith Jr.", "John", "A.", "Smith"),
    ("JONES ROBERT III", "Robert Jones III", "Robert", None, "Jones"),
    ("O'BRIEN PATRICK J", "Patrick J. O'Brien", "Patrick", "J.", "O'Brien"),
    ("MACDONALD ANGUS", "Angus MacDonald", "Angus", None, "MacDonald"),
    ("VAN DYKE JOHN", "John van Dyke", "John", None, "van Dyke"),
    ("DE LA CRUZ MARIA", "Maria de la Cruz", "Maria", None, "de la Cruz"),
    ("Doe Jane M.D.", "Jane Doe, M.D.", "Jane", None, "Doe"),
    ("Benjamin Locke M.", "Benjamin M. Locke", "Benjamin", "M.", "Locke"),  # PDF-scrambled order
]

ENTITIES = [
    "Reid Hoffman & Michelle Yee Living Trust",
    "GOLDEN PROPERTIES LTD.",
    "Alder Creek Capital Partners, L.P.",
    "ACME VENTURES FUND II LLC",
    "Smith Family Foundation",
    "Northgate Holdings Corp",
]


@pytest.mark.parametrize("filed,display,given,middle,family", FILED, ids=[f[0] for f in FILED])
def test_filed_names(filed, display, given, middle, family):
    owner = Owner(name=filed)
    fill_owner_names(owner)
    assert (owner.display_name, owner.given_name, owner.middle_name, owner.family_name) == (display, given, middle, family)
    assert owner.is_entity is False


@pytest.mark.parametrize("name", ENTITIES)
def test_entities_kept_as_filed(name):
    owner = Owner(name=name)
    fill_owner_names(owner)
    assert owner.is_entity is True
    assert owner.display_name == name
    assert owner.given_name is None and owner.family_name is None


@pytest.mark.parametrize("text,display", [
    ("Robert A. Panora", "Robert A. Panora"),
    ("/s/ Robert A. Panora", "Robert A. Panora"),
    ("Panora, Robert A.", "Robert A. Panora"),
    ("Dr. Jane van der Berg", "Jane van der Berg"),
    ("John Smith, Jr.", "John Smith, Jr."),
    ("Benjamin Locke M.", "Benjamin M. Locke"),
])
def test_natural_names(text, display):
    assert parse_natural(text).display == display


# ---------------------------------------------------------------- identity (metamorphic)

SAME = [
    # (order, name) groups: every pair in a group is one person.
    [("filed", "PANORA ROBERT A"), ("natural", "Robert A. Panora"), ("natural", "Robert Panora"),
     ("natural", "/s/ Robert A. Panora"), ("natural", "Panora, Robert A.")],
    [("natural", "Benjamin M. Locke"), ("natural", "Benjamin Locke M."), ("filed", "Benjamin Locke M."),
     ("filed", "LOCKE BENJAMIN M"), ("natural", "Benjamin Locke")],
    [("filed", "Dodge R Stanton"), ("natural", "R. Stanton Dodge"), ("natural", "Stanton Dodge")],
    [("filed", "SMITH JOHN A JR"), ("natural", "John A. Smith, Jr."), ("natural", "John Smith")],
    [("filed", "Alder Creek Capital Partners, L.P."), ("filed", "ALDER CREEK CAPITAL PARTNERS LP")],
]

DIFFERENT = [
    (("natural", "John A. Smith"), ("natural", "Jane Smith")),
    (("natural", "John A. Smith"), ("natural", "John B. Smith")),
    (("natural", "John Smith Jr."), ("natural", "John Smith Sr.")),
    (("natural", "Robert Panora"), ("natural", "Panora")),
    (("filed", "Alder Creek Capital Partners LP"), ("filed", "Alder Creek Capital Partners LLC")),
    (("filed", "Smith Family Trust"), ("natural", "John Smith")),
]


@pytest.mark.parametrize("group", SAME, ids=[g[0][1] for g in SAME])
def test_same_person_every_pair_both_ways(group):
    for (oa, a), (ob, b) in itertools.permutations(group, 2):
        assert same_person(a, b, oa, ob), (a, b)


@pytest.mark.parametrize("pair", DIFFERENT, ids=[f"{a[1]}|{b[1]}" for a, b in DIFFERENT])
def test_different_people_stay_apart(pair):
    (oa, a), (ob, b) = pair
    assert not same_person(a, b, oa, ob)
    assert not same_person(b, a, ob, oa)


@pytest.mark.parametrize("group", SAME[:4], ids=[g[0][1] for g in SAME[:4]])
def test_matcher_one_person_whatever_the_order(group):
    displays = set()
    for permutation in itertools.permutations(group):
        matcher = NameMatcher()
        ids = {matcher.add(name, order) for order, name in permutation}
        assert len(ids) == 1
        displays.add(matcher.display(ids.pop()))
    assert len(displays) == 1  # the display name does not depend on the order seen


def test_matcher_keeps_namesakes_apart():
    matcher = NameMatcher()
    a = matcher.add("John A. Smith")
    b = matcher.add("John B. Smith")
    c = matcher.add("Jane Smith")
    assert len({a, b, c}) == 3
    assert matcher.add("John Smith") not in (a, b)  # ambiguous: joins neither
    assert matcher.find("Smith, John B.") == b


def test_signer():
    assert signer("/s/ Lora Blum, Attorney-In-Fact for Darla Smith") == ("Lora Blum", "Darla Smith", True)
    assert signer("David Garrison, attorney-in-fact") == ("David Garrison", None, True)
    assert signer("By: Jane Roe by Power of Attorney For: John Doe") == ("Jane Roe", "John Doe", True)
    assert signer("/s/ Robert A. Panora") == ("Robert A. Panora", None, False)


def test_org_key():
    assert org_key("TECOGEN INC.") == org_key("Tecogen, Inc.") == org_key("Tecogen")
    assert org_key("Acme Corp") != org_key("Acme Capital Corp")


@pytest.mark.parametrize("name", [", Maria Lopez", ",  MARIA LOPEZ"])
def test_nothing_before_the_comma_reads_without_recursion(name):
    """Found by a helper: parse_filed and parse_natural sent ", Maria Lopez" to each other forever."""
    for parse in (parse_filed, parse_natural):
        parsed = parse(name)
        assert {parsed.given, parsed.family} == {"Maria", "Lopez"}
