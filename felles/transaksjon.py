"""Work that must wait until the current transaction has committed: rendering and sending a
document once the money's rows are no longer locked."""

from django.db import transaction


def etter_commit(func) -> None:
    """Run `func` once the current transaction commits; at once when there is none.
    Nothing runs if the transaction rolls back."""
    func._etter_commit = True
    transaction.on_commit(func)
