"""`insiders show` and `show --source` on every sample: golden text, colour off.

Rewrite with INSIDERS_UPDATE_GOLDEN=1 after a deliberate change, and read the
diff as a person would read the screen.
"""

from __future__ import annotations

import os

import pytest

from conftest import GOLDEN, SAMPLES

UPDATE = os.environ.get("INSIDERS_UPDATE_GOLDEN") == "1"
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.is_file())
SHOW = GOLDEN / "show"


def _show(cli, sample, *extra):
    code, out, err = cli(["show", f"samples/{sample.name}", "--no-color", "--width", "100", *extra])
    assert code in (0, 1), err
    return out


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch):
    monkeypatch.chdir(SAMPLES.parent)


@pytest.mark.parametrize("mode", ["show", "source"])
@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_show_matches_golden(cli, sample, mode):
    out = _show(cli, sample, *(["--source"] if mode == "source" else []))
    assert "\x1b[" not in out  # colour off means no escape codes
    golden = SHOW / f"{sample.name}.{mode}.txt"
    if UPDATE or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(out)
        if not UPDATE:
            pytest.fail(f"golden {golden.name} was missing; written now, review it")
    assert out == golden.read_text()


def test_show_fits_the_width(cli):
    for sample in SAMPLE_FILES:
        out = _show(cli, sample)
        too_wide = [line for line in out.splitlines() if len(line) > 100]
        assert not too_wide, f"{sample.name}: {too_wide[:1]}"


def test_show_source_labels_the_fields(cli):
    out = _show(cli, SAMPLES / "form4_tecogen_locke_option_pdf_scrambled.txt", "--source")
    lines = out.splitlines()
    row = next(i for i, l in enumerate(lines) if l.startswith("Stock Option (Right to Buy)"))
    label = next(l for l in lines[row + 1:] if l.lstrip().startswith("↳"))
    assert "derivative/0: security_title, exercise_price" in " ".join(lines[row + 1:row + 4])
    assert label.lstrip().startswith("↳ derivative/0:")
