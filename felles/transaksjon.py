"""Transactions of the services: one savepoint per service call from outside, none for the
services it calls in turn, and work that must wait until the transaction has committed."""

import threading
from contextlib import contextmanager

from django.db import transaction

_local = threading.local()


@contextmanager
def tjeneste():
    """The transaction of a service. Called from a view, a task or a flow node, it is a
    savepoint (or a transaction) of its own, so a refusal leaves the caller's transaction
    usable. Called from inside another service, it joins that one's: the outer service rolls
    back as a whole, and the database is spared a savepoint per inner call."""
    depth = getattr(_local, "depth", 0)
    with transaction.atomic(savepoint=depth == 0):
        _local.depth = depth + 1
        try:
            yield
        finally:
            _local.depth = depth


def etter_commit(func) -> None:
    """Run `func` once the current transaction commits; at once when there is none.
    Nothing runs if the transaction rolls back."""
    func._etter_commit = True
    transaction.on_commit(func)
