"""One record per measured figure, and one way to measure a rate.

A figure is recorded once, with its unit and its target if it has one; the report prints it when
recorded, lists the targets in the summary and writes every figure to JSON.
"""

from __future__ import annotations

import math
import operator
import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field

_COMPARE = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "==": operator.eq}


@dataclass(frozen=True)
class Target:
    op: str
    bound: float

    def met(self, value: float) -> bool:
        return not math.isnan(value) and _COMPARE[self.op](value, self.bound)

    def __str__(self) -> str:
        return f"{self.op} {self.bound:g}"


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    target: Target | None = None
    note: str = ""

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.target.met(self.value)

    @property
    def shown(self) -> str:
        if isinstance(self.value, int):
            value = str(self.value)
        else:
            value = f"{self.value:.2f}" if abs(self.value) < 100 else f"{self.value:.0f}"
        return f"{value} {self.unit}".rstrip()


@dataclass
class Report:
    figures: list[Figure] = field(default_factory=list)
    settings: dict[str, object] = field(default_factory=dict)

    @staticmethod
    def heading(title: str) -> None:
        print(f"\n== {title} " + "=" * max(0, 76 - len(title)), flush=True)

    @staticmethod
    def info(label: str, text: str) -> None:
        """Context that is not a figure: settings, pids, a note."""
        print(f"  {label:<52} {text}", flush=True)

    def add(self, name: str, value: float, unit: str, *, target: Target | None = None, note: str = "") -> float:
        figure = Figure(name, value, unit, target, note)
        self.figures.append(figure)
        verdict = "" if figure.met is None else f"  [{'PASS' if figure.met else 'MISS'} {target}]"
        print(f"  {name:<52} {figure.shown}{verdict}{'  ' + note if note else ''}", flush=True)
        return value

    def missed(self) -> list[Figure]:
        return [figure for figure in self.figures if figure.met is False]

    def print_summary(self) -> None:
        self.heading("summary")
        print(f"  {'target':<52}{'goal':<12}{'measured':<24}result", flush=True)
        for figure in self.figures:
            if figure.target is not None:
                result = "PASS" if figure.met else "MISS"
                print(f"  {figure.name:<52}{str(figure.target):<12}{figure.shown:<24}{result}", flush=True)

    def as_json(self) -> dict:
        return {
            "settings": self.settings,
            "figures": [asdict(figure) | {"met": figure.met} for figure in self.figures],
        }


@dataclass(frozen=True)
class Rate:
    """Items per second of wall time and per CPU second, medians over repetitions."""

    per_s: float
    per_cpu_s: float
    runs_s: tuple[float, ...]

    def runs(self) -> str:
        return "runs(s): " + ", ".join(f"{run:.2f}" for run in self.runs_s)


def measure_rates(
    cases: Mapping[str, tuple[Callable[[], object], int]],
    *,
    reps: int,
    cpu_clock: Callable[[], float] = time.process_time,
) -> dict[str, Rate]:
    """Rates of several ``name: (call, items per call)`` cases, interleaved over ``reps`` so that a
    burst of load from other processes on the machine hits every case alike."""
    walls: dict[str, list[float]] = {name: [] for name in cases}
    cpus: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(reps):
        for name, (call, _) in cases.items():
            started, cpu = time.perf_counter(), cpu_clock()
            call()
            walls[name].append(time.perf_counter() - started)
            cpus[name].append(cpu_clock() - cpu)
    return {
        name: Rate(
            per_s=count / statistics.median(walls[name]),
            per_cpu_s=count / max(statistics.median(cpus[name]), 1e-9),
            runs_s=tuple(walls[name]),
        )
        for name, (_, count) in cases.items()
    }
