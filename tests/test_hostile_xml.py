"""Hostile and broken XML: each refused with the right error, fast, and without leaking content.

Entity bombs, external entities and DTDs are ``UnsafeInput``; nesting deeper than
``xml_form.MAX_DEPTH`` is ``NestingTooDeep`` (a ``LimitExceeded`` and an
``UnsafeInput``); truncated or non-XML text is ``ParseError``.  The same holds
through the pipeline and inside an EDGAR submission.
"""

from __future__ import annotations

import time
import traceback

import pytest

from insiders import extract_text
from insiders.errors import InsidersError, LimitExceeded, ParseError, UnsafeInput
from insiders.model import Record
from insiders.parse import xml_form

SECRET = "TOPSECRET-7f3a9c-do-not-leak"

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE ownershipDocument [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<ownershipDocument><documentType>4</documentType><remarks>&lol9;</remarks></ownershipDocument>
"""

QUADRATIC = (
    '<?xml version="1.0"?>\n<!DOCTYPE ownershipDocument [<!ENTITY a "' + "x" * 50_000 + '">]>\n'
    "<ownershipDocument><remarks>" + "&a;" * 50_000 + "</remarks></ownershipDocument>"
)


def external_entity(path: str) -> str:
    return (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE ownershipDocument [<!ENTITY secret SYSTEM "file://{path}">]>\n'
        "<ownershipDocument><documentType>4</documentType><remarks>&secret;</remarks></ownershipDocument>"
    )


def parameter_entity(path: str) -> str:
    return (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE ownershipDocument [<!ENTITY % p SYSTEM "file://{path}"> %p;]>\n'
        "<ownershipDocument><documentType>4</documentType></ownershipDocument>"
    )


EXTERNAL_DTD = (
    '<?xml version="1.0"?>\n<!DOCTYPE ownershipDocument SYSTEM "http://127.0.0.1:9/own.dtd">\n'
    "<ownershipDocument><documentType>4</documentType></ownershipDocument>"
)
PLAIN_DTD = (
    '<?xml version="1.0"?>\n<!DOCTYPE ownershipDocument>\n'
    "<ownershipDocument><documentType>4</documentType></ownershipDocument>"
)
DEEP = "<ownershipDocument>" + "<a>" * 10_000 + "</a>" * 10_000 + "</ownershipDocument>"
TRUNCATED = (
    '<?xml version="1.0"?>\n<ownershipDocument><documentType>4</documentType>'
    f"<issuer><issuerName>{SECRET}</issuerName></issuer><nonDerivativeTable><nonDerivativeTrans"
)
NOT_XML = f"Dear reader, <ownershipDocument> is mentioned here & so is {SECRET} < 5 but this is prose."
UNDEFINED_ENTITY = f"<ownershipDocument><remarks>&undefined; {SECRET}</remarks></ownershipDocument>"
WRONG_ROOT = f"<?xml version='1.0'?><edgarSubmission><x>{SECRET}</x></edgarSubmission>"
# "<!DOCTYPE ..." spelled in UTF-7, declared as such: a parser that honoured the declared
# encoding would see a DTD the scan for "<!DOCTYPE" (xml_form._parser_for) did not
UTF7_DTD = ('<?xml version="1.0" encoding="UTF-7"?>+ADw-!DOCTYPE ownershipDocument +AFs-'
            '+ADw-!ENTITY x SYSTEM +ACI-file:///etc/passwd+ACI-+AD4-+AF0-+AD4-'
            f"<ownershipDocument><remarks>&x; {SECRET}</remarks></ownershipDocument>")


@pytest.fixture()
def secret_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return str(path)


def _cases(secret_path: str) -> list[tuple[str, str, type]]:
    return [
        ("billion_laughs", BILLION_LAUGHS, UnsafeInput),
        ("quadratic_blowup", QUADRATIC, UnsafeInput),
        ("external_entity_file", external_entity(secret_path), UnsafeInput),
        ("parameter_entity_file", parameter_entity(secret_path), UnsafeInput),
        ("external_dtd", EXTERNAL_DTD, UnsafeInput),
        ("plain_dtd", PLAIN_DTD, UnsafeInput),
        ("deep_nesting_10k", DEEP, LimitExceeded),
        ("truncated", TRUNCATED, ParseError),
        ("not_xml_with_tag", NOT_XML, ParseError),
        ("undefined_entity", UNDEFINED_ENTITY, ParseError),
        ("wrong_root", WRONG_ROOT, ParseError),
        ("utf7_dtd", UTF7_DTD, ParseError),
    ]


CASE_NAMES = [name for name, _, _ in _cases("/x")]


def _check(exc: InsidersError, expected: type, source: str) -> None:
    assert isinstance(exc, expected), f"{type(exc).__name__}: {exc}"
    message = str(exc)
    assert "\n" not in message and message.startswith(f"{source}: ")
    assert SECRET not in message
    assert exc.__cause__ is None and (exc.__context__ is None or exc.__suppress_context__)  # nothing chained
    assert SECRET not in "".join(traceback.format_exception(exc))


@pytest.mark.parametrize("case", CASE_NAMES)
def test_parser_refuses(case, secret_file):
    _, text, expected = next(c for c in _cases(secret_file) if c[0] == case)
    record = Record(source=f"{case}.xml")
    started = time.perf_counter()
    with pytest.raises(InsidersError) as info:
        xml_form.parse(text, record)
    assert time.perf_counter() - started < 1.0
    _check(info.value, expected, f"{case}.xml")
    assert all(SECRET not in str(v) for v in record.to_dict().values())


@pytest.mark.parametrize("case", ["billion_laughs", "external_entity_file", "deep_nesting_10k", "truncated"])
def test_pipeline_refuses(case, secret_file):
    _, text, expected = next(c for c in _cases(secret_file) if c[0] == case)
    with pytest.raises(InsidersError) as info:
        extract_text(text, source="in.xml")
    _check(info.value, expected, "in.xml")


def test_dtd_words_in_a_comment_go_to_the_guarded_parser_and_read():
    """Text holding "<!DOCTYPE" anywhere is parsed by defusedxml; in a comment it is harmless."""
    text = ('<?xml version="1.0"?><!-- no <!DOCTYPE here, nor <!ENTITY --><ownershipDocument>'
            "<documentType>4</documentType></ownershipDocument>")
    assert isinstance(xml_form._parser_for(text), xml_form._SafeParser)
    record = Record(source="c.xml")
    xml_form.parse(text, record)
    assert record.document_type == "4"


def test_deep_nesting_is_both_limit_and_unsafe():
    with pytest.raises(xml_form.NestingTooDeep) as info:
        xml_form.parse(DEEP, Record(source="deep.xml"))
    assert isinstance(info.value, LimitExceeded) and isinstance(info.value, UnsafeInput)
    assert info.value.kind == "limit_exceeded"


def test_depth_just_inside_the_bound_is_read():
    depth = xml_form.MAX_DEPTH - 1  # the root is level 1
    text = "<ownershipDocument><documentType>4</documentType>" + "<a>" * (depth - 1) + "</a>" * (depth - 1) + "</ownershipDocument>"
    record = Record(source="ok.xml")
    xml_form.parse(text, record)
    assert record.document_type == "4"


def test_large_input_uses_the_counting_parser():
    # Above the size threshold the depth is counted while parsing, stopping early.
    text = "<ownershipDocument>" + "<a>" * 400_000 + "</a>" * 400_000 + "</ownershipDocument>"
    assert len(text) > xml_form._COUNTED_ABOVE
    started = time.perf_counter()
    with pytest.raises(LimitExceeded):
        xml_form.parse(text, Record(source="big.xml"))
    assert time.perf_counter() - started < 1.0


def test_hostile_xml_inside_a_submission(secret_file):
    body = external_entity(secret_file)
    submission = (
        "<SEC-DOCUMENT>0009999999-20-000001.txt : 20200101\n<SEC-HEADER>\n"
        "ACCESSION NUMBER:\t\t0009999999-20-000001\nCONFORMED SUBMISSION TYPE:\t4\n</SEC-HEADER>\n"
        f"<DOCUMENT>\n<TYPE>4\n<SEQUENCE>1\n<TEXT>\n<XML>\n{body}\n</XML>\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    )
    with pytest.raises(UnsafeInput) as info:
        extract_text(submission, source="sub.txt")
    _check(info.value, UnsafeInput, "sub.txt")
