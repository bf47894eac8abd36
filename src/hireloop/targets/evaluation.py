"""Measure extraction on labeled job descriptions: per-field precision, recall and F1 (micro-averaged
over description x value pairs), level and AI-role accuracy, and every miss."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from hireloop.targets.extract import extract_target
from hireloop.vocab import LEVELS, ROUNDS, TARGET_DOMAINS


class LabelError(ValueError):
    """A labeled set that cannot be read: says which file, item and field."""


class Labels(BaseModel):
    model_config = ConfigDict(extra="forbid")

    domains: list[str] = Field(default_factory=list)
    level: str
    rounds: list[str] = Field(default_factory=list)
    ai_role: bool = True


class LabeledJD(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    company: str = ""
    text: str = Field(min_length=20)
    labels: Labels


def load_labeled(path: Path) -> list[LabeledJD]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LabelError(f"cannot read {path}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise LabelError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(raw, list):
        raise LabelError(f"{path}: expected a list of labeled job descriptions")
    items = []
    for n, entry in enumerate(raw, 1):
        try:
            item = LabeledJD.model_validate(entry)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            raise LabelError(f"{path}: item {n}: {where}: {err['msg']}") from None
        for d in item.labels.domains:
            if d not in TARGET_DOMAINS:
                raise LabelError(f"{path}: item {n} ({item.id}): labels.domains: unknown domain '{d}'")
        for r in item.labels.rounds:
            if r not in ROUNDS:
                raise LabelError(f"{path}: item {n} ({item.id}): labels.rounds: unknown round '{r}'")
        if item.labels.level not in LEVELS:
            raise LabelError(
                f"{path}: item {n} ({item.id}): labels.level: unknown level '{item.labels.level}'"
            )
        items.append(item)
    return items


class FieldScore(BaseModel):
    precision: float
    recall: float
    f1: float
    true_positives: int
    false_positives: int
    false_negatives: int


def _prf(tp: int, fp: int, fn: int) -> FieldScore:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return FieldScore(
        precision=round(p, 3),
        recall=round(r, 3),
        f1=round(f, 3),
        true_positives=tp,
        false_positives=fp,
        false_negatives=fn,
    )


def evaluate(items: list[LabeledJD]) -> dict:
    counts = {"domains": [0, 0, 0], "rounds": [0, 0, 0]}
    level_right = ai_right = 0
    misses = []
    for item in items:
        profile = extract_target(item.text)
        miss: dict = {"id": item.id}
        for field in counts:
            got, want = set(profile.ids(field)), set(getattr(item.labels, field))
            counts[field][0] += len(got & want)
            counts[field][1] += len(got - want)
            counts[field][2] += len(want - got)
            if got != want:
                miss[field] = {"extra": sorted(got - want), "missing": sorted(want - got)}
        level = profile.level.id if profile.level else None
        level_right += level == item.labels.level
        if level != item.labels.level:
            miss["level"] = {"got": level, "expected": item.labels.level}
        ai_right += profile.ai_role == item.labels.ai_role
        if profile.ai_role != item.labels.ai_role:
            miss["ai_role"] = {"got": profile.ai_role, "expected": item.labels.ai_role}
        if len(miss) > 1:
            misses.append(miss)
    n = len(items) or 1
    return {
        "items": len(items),
        "domains": _prf(*counts["domains"]).model_dump(),
        "rounds": _prf(*counts["rounds"]).model_dump(),
        "level_accuracy": round(level_right / n, 3),
        "ai_role_accuracy": round(ai_right / n, 3),
        "misses": misses,
    }
