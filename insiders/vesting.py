"""STUB: to be written."""
from .model import Record


def attach(record: Record) -> None:
    return None


def parse_vesting(text, *, grant_date=None, shares=None):
    return None
