"""Text extraction equals XML extraction, on every field the text shows.

Each fixture in tests/fixtures/forms/ is one ownership XML of ours, rendered like
EDGAR's page and turned through real converters.  For every (fixture, converter)
the record read from the converter's text must agree with the record read from
the XML on every field the page prints (bench/accuracy.py's rules).  Pairs known
to differ are strict xfails naming why, so a fix shows up as an XPASS.
Per-field agreement for every converter is reported by ``python bench/accuracy.py``.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import FIXTURES, ROOT

spec = importlib.util.spec_from_file_location("accuracy", ROOT / "bench" / "accuracy.py")
accuracy = importlib.util.module_from_spec(spec)
sys.modules.setdefault("accuracy", accuracy)
spec.loader.exec_module(accuracy)

FORMS = FIXTURES / "forms"
CONVERTERS = ("form.html", "form_old.html", "lynx.txt", "lynx80.txt", "w3m.txt", "pandoc_plain.txt",
              "pandoc_markdown.txt", "gfm.txt", "html2text.txt", "markdownify.txt", "pdftotext_layout.txt",
              "pdftotext.txt")

# (fixture, converter output) -> why the text cannot give the XML's answer (yet).
KNOWN_GAPS: dict[tuple[str, str], str] = {}

# Section floors: the whole set of fixtures through one converter.
FLOORS = {name: 0.97 for name in CONVERTERS}


def _pairs():
    for folder in sorted(p for p in FORMS.iterdir() if (p / "source.xml").exists()):
        for name in CONVERTERS:
            if (folder / name).exists():
                marks = []
                if (folder.name, name) in KNOWN_GAPS:
                    marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[(folder.name, name)]))
                yield pytest.param(folder, name, marks=marks, id=f"{folder.name}-{name}")


def _mismatches(folder, name):
    truth = accuracy._xml_truth(folder / "source.xml")
    pred, error = accuracy._predict(folder / name)
    assert error is None, error
    tally = accuracy.Tally()
    skips = accuracy.PAGE_SKIPS | accuracy.FIXTURE_SKIPS
    accuracy.score(truth, pred, skips, set(accuracy.flatten(truth)) and {accuracy.field_name(k) for k in accuracy.flatten(truth)}, tally, name)
    return tally


@pytest.mark.parametrize("folder, name", list(_pairs()))
def test_text_agrees_with_xml(folder, name):
    tally = _mismatches(folder, name)
    wrong = [f"{key}: xml {t!r}, text {p!r}" for _, key, t, p in tally.mismatches]
    assert not wrong, "\n".join(wrong[:15])


@pytest.mark.parametrize("name", CONVERTERS)
def test_converter_floor(name):
    total = accuracy.Tally()
    for folder in sorted(p for p in FORMS.iterdir() if (p / "source.xml").exists()):
        if (folder / name).exists():
            tally = _mismatches(folder, name)
            total.tp += tally.tp
            total.fp += tally.fp
            total.fn += tally.fn
    f1 = total.scores()["f1"]
    assert f1 >= FLOORS[name], f"{name}: F1 {f1:.4f} below {FLOORS[name]}"
