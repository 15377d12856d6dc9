"""STUB: to be written."""


def run(paths, opts, **kwargs) -> int:
    raise NotImplementedError
