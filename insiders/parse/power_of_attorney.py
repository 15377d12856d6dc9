"""STUB: to be written."""
from ..model import PowerOfAttorney, Record


def find_all(text: str, record: Record) -> list[PowerOfAttorney]:
    return []
