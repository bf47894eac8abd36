"""Answer -> Assessment: the offline rubric engine behind one grader interface."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hireloop.assess.models import Grader


@cache
def default_grader() -> Grader:
    """The offline rubric engine, built once per process."""
    from hireloop.assess.engine import RubricGrader

    return RubricGrader()
