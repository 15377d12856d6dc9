"""STUB: to be written."""
from .model import Owner


def fill_owner_names(owner: Owner) -> None:
    if owner.display_name is None:
        owner.display_name = owner.name
