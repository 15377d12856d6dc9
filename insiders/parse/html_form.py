"""STUB: to be written."""
from ..model import Record


def parse(text: str, record: Record) -> None:
    record.warn("parser not written yet")
