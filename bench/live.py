"""A real gunicorn on loopback, a plain HTTP client for it, and texts built from the seeds.

Shared by the benchmark (bench/run.py) and the live serving tests (tests/test_serving.py).
"""

from __future__ import annotations

import contextlib
import http.client
import itertools
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent

# --- texts ---------------------------------------------------------------------------------------


def seed_paragraphs(seeds: Sequence[str], longer_than: int = 0) -> list[str]:
    """The seeds' stripped paragraphs (one a line) of more than ``longer_than`` characters."""
    return [p.strip() for seed in seeds for p in seed.split("\n") if len(p.strip()) > longer_than]


def article_text(paragraphs: Sequence[str], chars: int, *, at_most: bool = False) -> str:
    """``paragraphs`` repeated in order, joined by blank lines, to about ``chars`` code points.

    It stops at the first paragraph that reaches ``chars``, or, with ``at_most``, before the one
    that would pass it.
    """
    out: list[str] = []
    size = 0
    for paragraph in itertools.cycle(paragraphs):
        if size >= chars or (at_most and size + len(paragraph) + 2 > chars):
            break
        out.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(out)


def hostile_texts(chars: int) -> dict[str, str]:
    """Token-dense texts of ``chars`` code points: many tokens (or facts) per character."""
    units = {
        "hyphenated-numbers": "1-2-3-4-5-6-7-8-9 ",
        "dollar-runs": "$1 ",
        "quoted-words": "\u201ca\u201d ",
        "he-said-fragments": "he said, ",
        "spaced-digits": "7 ",
        # Just under the default density limit (0.4 tokens a character), two numbers in three tokens.
        "digits-and-words": "7 8 abc ",
    }
    return {name: (unit * (chars // len(unit) + 1))[:chars] for name, unit in units.items()}


# --- /proc ---------------------------------------------------------------------------------------


def rss_bytes(pid: int) -> int:
    """Resident set size of ``pid`` (0 once it is gone)."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return 0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children(pid: int) -> list[int]:
    found: set[int] = set()
    with contextlib.suppress(FileNotFoundError, ProcessLookupError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(FileNotFoundError, ProcessLookupError):
                found.update(int(child) for child in (task / "children").read_text().split())
    return sorted(found)


_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: Sequence[int]) -> float:
    """User + system CPU seconds used so far by ``pids`` (from /proc/<pid>/stat)."""
    total = 0
    for pid in pids:
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
            total += int(fields[11]) + int(fields[12])
    return total / _CLOCK_TICKS


# --- HTTP client ---------------------------------------------------------------------------------


class Reply(NamedTuple):
    status: int
    content_type: str
    body: bytes
    headers: http.client.HTTPMessage


def request(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    content_type: str | None = None,
    *,
    headers: Mapping[str, str] | None = None,
    timeout: float = 60.0,
) -> Reply:
    """One request to 127.0.0.1:``port`` on a connection of its own."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        all_headers = dict(headers or {})
        if content_type:
            all_headers["Content-Type"] = content_type
        conn.request(method, path, body=body, headers=all_headers)
        response = conn.getresponse()
        data = response.read()
        return Reply(response.status, response.getheader("Content-Type", ""), data, response.headers)
    finally:
        conn.close()


# --- gunicorn ------------------------------------------------------------------------------------


class GunicornError(RuntimeError):
    """The master exited early, or it or its workers did not come up in time."""


class Gunicorn:
    """One gunicorn master on a free loopback port; its stdout and stderr go to a log file."""

    def __init__(
        self,
        name: str,
        workers: int,
        env: Mapping[str, str] | None = None,
        *,
        base_env: Mapping[str, str] | None = None,
        config: str = "gunicorn.conf.py",
        address_space_cap: int | None = None,
        extra_args: Sequence[str] = (),
        cwd: Path = ROOT,
    ) -> None:
        """``env`` goes over ``base_env`` (default: this process's environment); ``cwd`` is the tree served.

        ``address_space_cap`` (bytes) caps the master's and each worker's virtual memory, so an
        attack that makes a worker grow fails inside it rather than taking the machine's memory.
        """
        self.name = name
        self.workers = workers
        self.port = free_port()
        fd, log_path = tempfile.mkstemp(prefix=f"newsfacts-{name}-", suffix=".log")
        self.log_path = Path(log_path)
        environment = dict(os.environ if base_env is None else base_env)
        environment.update(PORT=str(self.port), WEB_CONCURRENCY=str(workers))
        environment.update(env or {})
        # -b on the command line overrides gunicorn.conf.py's 0.0.0.0 bind: loopback only.
        command = [sys.executable, "-m", "gunicorn", "-c", config, "-b", f"127.0.0.1:{self.port}", *extra_args]

        def cap_memory() -> None:
            if address_space_cap is not None:
                resource.setrlimit(resource.RLIMIT_AS, (address_space_cap, address_space_cap))

        self.started = time.perf_counter()
        with os.fdopen(fd, "wb") as log:
            self.proc = subprocess.Popen(
                command,
                cwd=cwd,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                preexec_fn=cap_memory if address_space_cap is not None else None,
            )

    def wait_ready(self, deadline_s: float = 120.0) -> float:
        """Seconds from spawning the master to the first 200 from /readyz; returns once every worker is up."""
        give_up = self.started + deadline_s
        while time.perf_counter() < give_up:
            if self.proc.poll() is not None:
                raise GunicornError(f"gunicorn {self.name} exited with {self.proc.returncode}:\n{self.log_tail()}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                if request(self.port, "GET", "/readyz", timeout=2).status == 200:
                    ready_s = time.perf_counter() - self.started
                    self.wait_workers()
                    return ready_s
            time.sleep(0.05)
        raise GunicornError(f"gunicorn {self.name} not ready within {deadline_s} s:\n{self.log_tail()}")

    def worker_pids(self) -> list[int]:
        return children(self.proc.pid)

    def wait_workers(
        self, count: int | None = None, *, without: int | None = None, deadline_s: float = 30.0
    ) -> list[int]:
        """The worker pids once there are ``count`` (default: as many as started) and ``without`` is not one."""
        count = self.workers if count is None else count
        give_up = time.perf_counter() + deadline_s
        while time.perf_counter() < give_up:
            pids = self.worker_pids()
            if len(pids) == count and without not in pids:
                return pids
            time.sleep(0.05)
        raise GunicornError(f"{self.name}: expected {count} workers (not {without}), have {self.worker_pids()}")

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def stop(self) -> int | None:
        """SIGTERM and wait for the graceful exit; the whole process group is killed if it hangs."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        return self.proc.returncode

    def cleanup(self) -> None:
        self.stop()
        with contextlib.suppress(FileNotFoundError):
            self.log_path.unlink()
