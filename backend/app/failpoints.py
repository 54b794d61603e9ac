"""Named fault-injection points for the fault tests; inert unless PARLEY_FAILPOINTS names them.

A failpoint lets a test kill the process at an exact step (say, between the commit of a message
and its publication) instead of hoping a timed SIGKILL lands there.
"""

from __future__ import annotations

import os
import signal

_ACTIVE = frozenset(n for n in os.environ.get("PARLEY_FAILPOINTS", "").split(",") if n)


def crash_if(name: str) -> None:
    if name in _ACTIVE:
        os.kill(os.getpid(), signal.SIGKILL)
