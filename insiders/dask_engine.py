"""Dask engine: the batch mapped over a Dask bag of paths on a ``distributed`` cluster.

An alternative to ``insiders.batch``'s local process pool, for when one machine
is not enough (``insiders extract DIR --engine dask --scheduler tcp://HOST:8786``).
The walk happens here, in the client, lazily; paths are cut into blocks, each
block a Dask bag whose partitions run ``insiders.batch.process_paths`` on the
workers.  What comes back are the same ``Outcome`` objects as the local engine
gives, in input order (or as they finish), so every sink works unchanged.  At
most two blocks are in flight, so memory stays flat however many files there are.

Workers must see the same paths (a shared file system) and have ``insiders``
installed.  Without ``--scheduler``, a local cluster with one worker process per
core is started for the run.  Optional: ``pip install insiders[dask]``.
"""

from __future__ import annotations

import logging
from collections import deque
from typing import Callable, Iterable, Iterator

from .batch import CHUNK, Options, Outcome, _stdin_outcomes, default_jobs, process_paths, tasks
from .errors import ReadError
from .read import display_path

PARTITION_FILES = CHUNK * 4  # files per bag partition (one task on a worker)


def _require_dask():
    try:
        import dask.bag as bag
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "the dask engine needs dask and distributed: pip install 'insiders[dask]'"
        ) from exc
    return bag, Client, LocalCluster, as_completed


def _partition(chunks: Iterable[list[str]], options: Options) -> list[Outcome]:
    """One bag partition (one chunk of paths): the outcomes of its files (runs on a worker)."""
    return [outcome for chunk in chunks for outcome in process_paths(chunk, options)]


def run(paths: Iterable[str], *, scheduler: str | None = None, options: Options | None = None,
        skip: Callable[[str], bool] | None = None, unordered: bool = False, client=None,
        partition_files: int = PARTITION_FILES, cluster_kwargs: dict | None = None) -> Iterator[Outcome]:
    """Outcomes for every document under ``paths``, computed on a Dask cluster.

    ``client``: an existing ``distributed.Client`` (tests, notebooks); else one is
    made for ``scheduler`` (an address), or for a local cluster started here.
    """
    _, Client, LocalCluster, _ = _require_dask()
    options = options or Options()
    own_client = own_cluster = None
    if client is None:
        if scheduler:
            client = own_client = Client(scheduler)
        else:
            kwargs = dict(n_workers=default_jobs(), threads_per_worker=1, processes=True,
                          dashboard_address=None, silence_logs=logging.ERROR)
            kwargs.update(cluster_kwargs or {})
            own_cluster = LocalCluster(**kwargs)
            client = own_client = Client(own_cluster)
    try:
        yield from _stream(client, list(paths), options, skip, unordered, partition_files)
    finally:
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()


def _workers(client) -> int:
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:  # pragma: no cover - scheduler not answering yet
        return 1


def _stream(client, paths: list[str], options: Options, skip, unordered: bool,
            partition_files: int) -> Iterator[Outcome]:
    block_size = max(2, 2 * _workers(client))  # partitions per bag
    source = tasks(paths, skip, size=partition_files)
    blocks: deque[list] = deque()

    def submit_block() -> bool:
        """Cut the next block from the walk and send it off; False when the walk is done."""
        items: list = []
        chunks = 0
        for task in source:
            items.append(task)
            if _is_chunk(task):
                chunks += 1
                if chunks >= block_size:
                    break
        if not items:
            return False
        blocks.append(_submit(client, items, options))
        return True

    more = submit_block() and submit_block()
    while blocks:
        block = blocks.popleft()
        if more:
            more = submit_block()  # keep the cluster busy while this block is read
        yield from _block_outcomes(block, options, unordered)


def _submit(client, items: list, options: Options) -> list:
    """One bag whose partitions are the block's chunks of paths; chunks become futures, in place."""
    bag = _require_dask()[0]
    chunks = [task for task in items if _is_chunk(task)]
    if not chunks:
        return items
    partitions = bag.from_sequence(chunks, partition_size=1).map_partitions(_partition, options)
    futures = iter(client.compute(partitions.to_delayed()))
    return [_Part(next(futures), task) if _is_chunk(task) else task for task in items]


def _is_chunk(task) -> bool:
    return not isinstance(task, Outcome) and task != ["-"]


class _Part:
    __slots__ = ("future", "files")

    def __init__(self, future, files: list[str]):
        self.future = future
        self.files = files


def _block_outcomes(block: list, options: Options, unordered: bool) -> Iterator[Outcome]:
    if unordered:
        _, _, _, as_completed = _require_dask()
        parts = {item.future: item for item in block if isinstance(item, _Part)}
        for item in block:
            if isinstance(item, Outcome):
                yield item
            elif item == ["-"]:
                yield from _stdin_outcomes(options)
        for future in as_completed(list(parts)):
            yield from _part_outcomes(parts[future])
        return
    for item in block:
        if isinstance(item, Outcome):
            yield item
        elif isinstance(item, _Part):
            yield from _part_outcomes(item)
        else:
            yield from _stdin_outcomes(options)


def _part_outcomes(part: _Part) -> list[Outcome]:
    try:
        return list(part.future.result())
    except Exception as exc:  # the worker died (KilledWorker) or the task could not run
        reason = f"the Dask task reading this file failed ({type(exc).__name__}: {exc})"
        return [Outcome(display_path(p), error=ReadError(display_path(p), " ".join(reason.split())).to_dict())
                for p in part.files]
    finally:
        part.future.release()
