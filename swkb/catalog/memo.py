"""Values worked out from one entry, kept while the loads hand out the same entry.

`LoadCache` gives the same model object for a file that did not change since the last load, so
during `mkdocs serve` a save leaves all but one region's models as they were. What the views
work out from one entry alone (its facts, its data completeness) is kept here by the model's
identity: the next catalog's views take it for every unchanged entry and work it out only for
the edited one. At 3,000 regions that was over 5 s of each save (the facts citing each
document and the data-completeness page, both over every region).

The models are frozen (StrictModel), so a value worked out from one can only go stale through
what else it reads: the caller passes that as `depends` (the names of the roles a region's
staffing rules name, say), and a value is taken only when it is equal too.

Only the values used since the previous load are kept, so the memo never holds more than two
catalogs' worth (the one being built, and the one a background thread may still be reading).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class EntryMemo:
    """Values by (name, model object, what else they read)."""

    def __init__(self) -> None:
        self._previous: dict[tuple[str, int], tuple[Any, Hashable, Any]] = {}
        self._current: dict[tuple[str, int], tuple[Any, Hashable, Any]] = {}
        self._versions: dict[str, tuple[Hashable, int]] = {}
        self.hits = 0
        self.misses = 0
        self.made: Counter[str] = Counter()
        """Values made afresh, by name (the tests read it)."""

    def get(self, name: str, model: Any, make: Callable[[], T], depends: Hashable = ()) -> T:
        """`make()`, or the value it gave for this very `model` object with equal `depends`."""
        key = (name, id(model))
        kept = self._current.get(key) or self._previous.get(key)
        # `is`, not ==: the id of a model that is gone can be taken by a new object.
        if kept is not None and kept[0] is model and kept[1] == depends:
            self._current[key] = kept
            self.hits += 1
            return kept[2]
        value = make()
        self._current[key] = (model, depends, value)
        self.misses += 1
        self.made[name.partition(":")[0]] += 1
        return value

    def version(self, name: str, value: Hashable) -> int:
        """A number that stays the same for as long as `value` stays equal from one load to the
        next: a short `depends` for what many entries read (every entry's name, say), compared
        once per load instead of once per entry."""
        kept = self._versions.get(name)
        if kept is not None and kept[0] == value:
            return kept[1]
        number = 0 if kept is None else kept[1] + 1
        self._versions[name] = (value, number)
        return number

    def next_load(self) -> None:
        """A new catalog is loaded: what the last one did not use is dropped."""
        self._previous, self._current = self._current, {}
