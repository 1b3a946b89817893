"""When and how work is handed to another process, how that process ends with ours, and when
Python's cyclic garbage collector runs: the one owner of both.

* Forking: `can_fork`, `start_forked` (one piece of work in a forked process) and
  `map_forked` (a piece of work per item, side by side). Forked work inherits what it needs
  (copy-on-write): nothing is kept in module globals for it, and only results are pickled.
* Memory: `collection_paused` (no cyclic collection while long-lived objects are made),
  `frozen` (long-lived objects kept out of collections, and out of the pages a collection
  would copy in a forked process) and `settle` (between two live-preview runs).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from types import FrameType
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    """Linux (fork shares the parent's data, copy-on-write) and a second core to use."""
    return sys.platform == "linux" and (os.cpu_count() or 1) >= 2


# prctl(2) option: the signal a process receives when the thread that started it ends.
_PR_SET_PDEATHSIG = 1


def _find_prctl() -> Callable[..., int] | None:
    if sys.platform != "linux":
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    # Declared variadic in C; the kernel reads the arguments as unsigned longs.
    function.argtypes = [ctypes.c_int, *[ctypes.c_ulong] * 4]
    function.restype = ctypes.c_int
    found: Callable[..., int] = function
    return found


# Looked up once, here: the child calls it between fork and exec, where loading a library
# (which takes the loader's locks another thread of the parent may have held) is not safe.
_PRCTL = _find_prctl()


def die_with_parent(signal_number: int, parent: int) -> None:
    """In a child just started: have the kernel send `signal_number` to it when `parent`
    ends, however it ends (`kill -9` included), so that no child outlives the build or the
    preview that started it. Linux only; elsewhere the parent's own clean-up is all there is.

    The signal comes when the *thread* that started the child ends: children are started
    from the thread that waits for them."""
    if _PRCTL is None:
        return
    _PRCTL(_PR_SET_PDEATHSIG, signal_number, 0, 0, 0)
    if os.getppid() != parent:
        # The parent ended before the request was made: nobody is left to send the signal.
        os.kill(os.getpid(), signal_number)


def ending_with_us(signal_number: int = signal.SIGKILL) -> Callable[[], None]:
    """A `preexec_fn` for subprocess.Popen: the child gets `signal_number` when we end."""
    parent = os.getpid()
    return lambda: die_with_parent(signal_number, parent)


class ForkedProcessDied(Exception):
    """The forked process ended without sending a result (killed, out of memory)."""


def start_forked(work: Callable[[], T], name: str) -> Callable[[], T]:
    """Run `work` in a forked process; the returned function waits for its result, raises
    what `work` raised, or ForkedProcessDied. The fork inherits everything, so `work` and
    what it uses need no pickling; only its result (or exception) is sent back. The forked
    process is killed when we die, and when the wait for it is interrupted."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_run_and_send, args=(work, sender, os.getpid()), name=name)
    process.start()
    sender.close()  # the child's copy stays open: reading ends if the child dies

    def result() -> T:
        try:
            outcome, value = receiver.recv()
        except EOFError:
            outcome, value = "died", None
        except BaseException:
            # Interrupted (Ctrl-C, SIGTERM): its work is not wanted any more, and it may be
            # writing where the next build will write.
            process.kill()
            raise
        finally:
            receiver.close()
            process.join()
        if outcome == "ok":
            returned: T = value
            return returned
        if outcome == "raised":
            raise value
        raise ForkedProcessDied(f"the {name} process ended with exit code {process.exitcode}")

    return result


def _run_and_send(work: Callable[[], Any], sender: Connection, parent: int) -> None:
    die_with_parent(signal.SIGKILL, parent)
    try:
        try:
            sender.send(("ok", work()))
        except BaseException as error:
            try:
                sender.send(("raised", error))
            except (pickle.PicklingError, TypeError, AttributeError):
                sender.send(("raised", RuntimeError(traceback.format_exc())))
            if not isinstance(error, Exception):
                raise
    finally:
        sender.close()


def _interrupt(signal_number: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signal_number}")


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt, as Ctrl-C does, while this lasts: by default it
    ends Python at once, with no `finally` run, which leaves staging folders behind and child
    processes running. Only the main thread can handle signals; elsewhere this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    if previous is None:  # a handler set outside Python: the closest we can put back
        previous = signal.SIG_DFL
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


# Below this much work (pages to render, say), forking a process costs more than it saves.
FORK_MIN_WORK = 1000


def map_forked(
    work: Callable[[T], R], items: Sequence[T], *, size: int, name: str = "worker"
) -> list[R]:
    """`[work(item) for item in items]`, side by side when `size` (the work's size, in the
    unit FORK_MIN_WORK counts) is worth it: the first item here, each other in a forked
    process started before it (see `start_forked`). `work` and what it holds are inherited,
    not pickled; the long-lived objects are frozen (`frozen`) while the processes run."""
    if size < FORK_MIN_WORK or len(items) < 2 or not can_fork():
        return [work(item) for item in items]
    with frozen():
        waits = [
            start_forked(functools.partial(work, item), f"{name} {item}") for item in items[1:]
        ]
        try:
            results = [work(items[0])]
        finally:
            # Each waited for even when ours failed: none is left running behind us.
            outcomes: list[R | _Failed] = []
            for wait in waits:
                try:
                    outcomes.append(wait())
                except Exception as error:  # raised below, in order, when ours succeeded
                    outcomes.append(_Failed(error))
        for outcome in outcomes:
            if isinstance(outcome, _Failed):
                raise outcome.error
            results.append(outcome)
    return results


class _Failed:
    def __init__(self, error: Exception) -> None:
        self.error = error


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic garbage collection while this lasts: for making tens of thousands of objects
    that all stay (reading the data), which each collection would walk again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def frozen() -> Iterator[None]:
    """The objects alive now are left out of garbage collection while this lasts (in forked
    processes too: a collection there would write to, and so copy, every page they are on)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def settle() -> None:
    """Between two runs of a long-lived process (the live preview): collect the last run's
    garbage once, and keep what lives on (the data, the trees) out of later collections,
    which otherwise walk it all again during the next run."""
    gc.collect()
    gc.freeze()
