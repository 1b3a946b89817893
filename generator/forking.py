"""When and how work is handed to a forked process."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Linux (fork shares the parent's data, copy-on-write) and a second core to use."""
    return sys.platform == "linux" and (os.cpu_count() or 1) >= 2


class ForkedProcessDied(Exception):
    """The forked process ended without sending a result (killed, out of memory)."""


def start_forked(work: Callable[[], T], name: str) -> Callable[[], T]:
    """Run `work` in a forked process; the returned function waits for its result, raises
    what `work` raised, or ForkedProcessDied. The fork inherits everything, so `work` and
    what it uses need no pickling; only its result (or exception) is sent back."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_run_and_send, args=(work, sender), name=name)
    process.start()
    sender.close()  # the child's copy stays open: reading ends if the child dies

    def result() -> T:
        try:
            outcome, value = receiver.recv()
        except EOFError:
            outcome, value = "died", None
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


def _run_and_send(work: Callable[[], Any], sender: Connection) -> None:
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
