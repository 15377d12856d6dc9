"""STUB: to be written."""
from .model import Record


def run(record: Record) -> None:
    return None
