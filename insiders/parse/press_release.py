"""STUB: to be written."""
from ..model import Record


def parse(text: str, record: Record) -> None:
    record.document_type = "press_release"
