"""Processes that left their name ("host:pid") on work they held: is that process still running?

A worker killed while it builds a document, or an RQ scheduler killed while it holds its lock, leaves
that work to someone else; a heartbeat's age tells it in the end, but a process of this host that is
gone is known at once.
"""

import os
import socket


def this_process() -> str:
    """This host and process, as work is labelled with them."""
    return f"{socket.gethostname()}:{os.getpid()}"


def is_gone(host: str, pid: int) -> bool:
    """True when `pid` was a process of this host (`host`) that no longer runs. A process of another
    host, this process, or a process id in use again (by us or another user) is not known to be gone."""
    if host != socket.gethostname() or pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)  # signal 0: no signal, only the check that the process exists
    except ProcessLookupError:
        return True
    except PermissionError:  # a process of another user holds that id now
        return False
    return False


def label_is_gone(label: str) -> bool:
    """`is_gone` for a "host:pid" label; False for a label not written that way."""
    host, _sep, pid = label.rpartition(":")
    return pid.isdigit() and is_gone(host, int(pid))
