"""Method details computed only when someone reads them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any


class LazyDetails(Mapping[str, Any]):
    """A mapping whose values are computed on first access and kept.

    A method called on ten thousand options should not pay for intermediates
    (normalised tables, contributions) that only an explanation or a report
    reads.
    """

    def __init__(self, **factories: Callable[[], Any]) -> None:
        self._factories = factories
        self._values: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        if key not in self._values:
            self._values[key] = self._factories[key]()
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._factories)

    def __len__(self) -> int:
        return len(self._factories)
