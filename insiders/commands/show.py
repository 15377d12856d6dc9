"""STUB: `insiders show` (issue 8)."""


def run(path, *, source=False, color=None, width=None) -> int:
    raise NotImplementedError
