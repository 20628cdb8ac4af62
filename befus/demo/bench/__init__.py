"""The benchmark's synthetic platform (``befus bench-data``): see ``generate``."""

from befus.demo.bench._common import (
    BATCH,
    BENCH_DOMAIN,
    ENDINGS,
    FIRST,
    JOBS,
    LAST,
    NETWORK_NAMES,
    ROOTS,
    SENTENCE,
    TARGETS,
    Corpus,
    World,
)
from befus.demo.bench.generate import (
    counts,
    generate,
    scaled,
)

__all__ = [
    "BATCH",
    "BENCH_DOMAIN",
    "ENDINGS",
    "FIRST",
    "JOBS",
    "LAST",
    "NETWORK_NAMES",
    "ROOTS",
    "SENTENCE",
    "TARGETS",
    "Corpus",
    "World",
    "counts",
    "generate",
    "scaled",
]
