"""STUB: to be written."""
from ..model import Record


def looks_like(text: str) -> bool:
    return False


def parse(text: str, record: Record) -> None:
    record.warn("parser not written yet")
