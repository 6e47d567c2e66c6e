"""Parsing untrusted uploads under a memory and time budget (issue 15 item 1).

`run(fn, *args, name=...)` calls `fn(*args)` in a forked child whose address space is capped
(`RLIMIT_AS`: what the process already maps plus the budget) and which is killed at a wall deadline.
The child is a fork of the caller, so it starts warm (every module already imported) and costs a few
milliseconds. The result (or the exception `fn` raised) comes back pickled; a child that ran out of
memory or time, or died, raises `BudgetError` with a Chinese message naming the file.

Settings (environment): `ASSISTANT_PARSE_MEMORY_MB` (default 768), `ASSISTANT_PARSE_SECONDS`
(default 15), `ASSISTANT_SANDBOX=0` to parse in process (where fork is unavailable it always is).
Files below `SMALL_BYTES` are parsed in process: they cannot hold a bomb the limits do not refuse.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
SMALL_BYTES = 4 * 1024
DEFAULT_MEMORY_MB = 768
DEFAULT_SECONDS = 15.0


class BudgetError(ValueError):
    """Parsing stopped: beyond the memory or time budget, or the parser died. Chinese message."""


def enabled() -> bool:
    return hasattr(os, "fork") and os.environ.get("ASSISTANT_SANDBOX", "1").strip() not in (
        "0",
        "false",
        "no",
    )


def budget() -> tuple[int, float]:
    """(memory in MB, seconds) from the environment."""
    return _number("ASSISTANT_PARSE_MEMORY_MB", DEFAULT_MEMORY_MB), _number(
        "ASSISTANT_PARSE_SECONDS", DEFAULT_SECONDS
    )


def _number(key: str, default: float) -> Any:
    try:
        value = float(os.environ.get(key, "") or default)
    except ValueError:
        return default
    return type(default)(value) if value > 0 else default


def stopped_message(name: str) -> str:
    return f"文件 {name} 过大或过于复杂，已停止读取"


def should_isolate(size: int) -> bool:
    return enabled() and size >= SMALL_BYTES


def run(fn: Callable[..., T], *args: Any, name: str, memory_mb: int = 0, seconds: float = 0) -> T:
    """`fn(*args)` in a budgeted child; its exception is re-raised here; BudgetError on overrun."""
    default_mb, default_s = budget()
    memory_mb, seconds = memory_mb or default_mb, seconds or default_s
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_fd)
        _child(write_fd, fn, args, memory_mb, seconds)
    os.close(write_fd)
    finished = False
    try:
        payload, finished = _collect(read_fd, time.monotonic() + seconds)
    finally:
        os.close(read_fd)
        _end(pid, kill=not finished)
    if not finished:
        raise BudgetError(f"{stopped_message(name)}（超过 {seconds:g} 秒）")
    return _unpack(payload, name, memory_mb)


def _child(fd: int, fn: Callable[..., Any], args: tuple, memory_mb: int, seconds: float) -> None:
    code = 0
    try:
        _limit_memory(memory_mb)
        _limit_cpu(seconds)
        try:
            out = ("ok", fn(*args))
        except MemoryError:
            out = ("memory", None)
        except BaseException as e:  # noqa: BLE001 - everything goes back to the parent
            out = ("raised", e)
        try:
            data = pickle.dumps(out)
        except Exception:  # noqa: BLE001 - an unpicklable exception still says what it was
            data = pickle.dumps(("raised", RuntimeError(type(out[1]).__name__)))
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except BaseException:  # noqa: BLE001 - the child must never run the parent's code on
        code = 1
    finally:
        os._exit(code)


def _limit_memory(memory_mb: int) -> None:
    import resource

    mapped = _vm_size()
    limit = mapped + memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _limit_cpu(seconds: float) -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    cap = int(seconds) + 2
    if hard == resource.RLIM_INFINITY or cap < hard:
        resource.setrlimit(resource.RLIMIT_CPU, (cap, hard))


def _vm_size() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 2 * 1024**3


def _collect(fd: int, deadline: float) -> tuple[bytes, bool]:
    """Everything the child wrote, and whether it finished (EOF) before the deadline."""
    chunks: list[bytes] = []
    poller = select.poll()  # not select(): a long-lived server may hold descriptors above 1024
    poller.register(fd, select.POLLIN | select.POLLHUP)
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return b"", False
        if not poller.poll(left * 1000):
            return b"", False
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks), True
        chunks.append(chunk)


def _end(pid: int, kill: bool) -> None:
    """Reap the child; one that overran is killed first (one that wrote everything is exiting)."""
    try:
        if kill:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _unpack(payload: bytes, name: str, memory_mb: int) -> Any:
    try:
        kind, value = pickle.loads(payload)  # noqa: S301 - written by our own child
    except Exception:  # noqa: BLE001 - the child died before writing (killed by a limit)
        raise BudgetError(stopped_message(name)) from None
    if kind == "ok":
        return value
    if kind == "memory":
        raise BudgetError(f"{stopped_message(name)}（读取所需内存超过 {memory_mb} MB）")
    raise value
