"""Submitting and withdrawing an application, and the PDF of what was submitted.

`soknad_submit` is the one way an application is sent. The case-handling flow starts
from it: an app registers a receiver with `on_submitted`, and the receiver is called
inside the submit transaction, after the case number and the snapshot are stored, so a
failing receiver undoes the submission instead of leaving a case without its flow.
"""

import hashlib
import logging
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import F, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from felles.errors import DomainError
from felles.pdf import render_pdf
from felles.publisering import task_publish
from felles.transaksjon import tjeneste
from handlingsplan.services import bagatell_satser

from .. import epost
from ..models import InnsendtSoknad, InnsendtSoknadPdf, Saksnummerteller, Soknad, Soknadslogg
from ..rules import Problem, bagatell_status, soknad_problems, soknadsbelop
from ..snapshot import soknad_as_dict
from .tilstand import require_draft, soknad_lock, status_move

logger = logging.getLogger(__name__)

_submitted_receivers: list[Callable[[Soknad], None]] = []


def on_submitted(receiver: Callable[[Soknad], None]) -> Callable[[Soknad], None]:
    """Register `receiver(soknad)` to run inside soknad_submit's transaction (e.g. a flow start).

    Call it from an AppConfig.ready(); registering the same function twice has no effect.
    """
    if receiver not in _submitted_receivers:
        _submitted_receivers.append(receiver)
    return receiver


class SoknadIncomplete(DomainError):
    """Submission refused; `problems` names each missing or wrong thing by step and field."""

    def __init__(self, problems: list[Problem]):
        super().__init__(
            ngettext(
                "Søknaden kan ikke sendes: %(n)d ting må rettes.",
                "Søknaden kan ikke sendes: %(n)d ting må rettes.",
                len(problems),
            )
            % {"n": len(problems)},
            code="incomplete",
        )
        self.problems = problems


def _next_saksnummer(year: int) -> str:
    # Insert the year's counter if it is missing (no error when another transaction
    # just did), then lock it: concurrent submissions queue here for a few milliseconds.
    Saksnummerteller.objects.bulk_create([Saksnummerteller(ar=year)], ignore_conflicts=True)
    teller = Saksnummerteller.objects.select_for_update().get(ar=year)
    Saksnummerteller.objects.filter(ar=year).update(siste=F("siste") + 1)
    return f"{year}-{teller.siste + 1:04d}"


def soknad_submit(*, soknad: Soknad, by=None) -> Soknad:
    """Send a complete draft: case number, frozen snapshot, receipt, and the flow's start."""
    with tjeneste():
        locked = soknad_lock(soknad)
        require_draft(locked)
        # Read once: the checks and the snapshot below use the same lines.
        prefetch_related_objects(
            [locked], "aktiviteter", "kostnader", "finansiering", "offentlig_stotte", "vedlegg"
        )
        kostnader = list(locked.kostnader.all())
        finansiering = list(locked.finansiering.all())
        problems = soknad_problems(locked, kostnader=kostnader, finansiering=finansiering)
        if problems:
            raise SoknadIncomplete(problems)
        status_move(locked, "submit")
        now = timezone.now()
        locked.innsendt = now
        locked.saksnummer = _next_saksnummer(timezone.localdate(now).year)
        regime, kurs = bagatell_satser(locked.program, timezone.localdate(now))
        bagatell = bagatell_status(
            stotte=locked.offentlig_stotte.all(),
            belop=soknadsbelop(finansiering),
            program=locked.program,
            today=timezone.localdate(now),
            regime=regime,
            kurs=kurs,
        )
        locked.bagatell_over_tak = bagatell.over_tak
        locked.save(
            update_fields=["status", "innsendt", "saksnummer", "bagatell_over_tak", "endret"]
        )
        innsendt = InnsendtSoknad.objects.create(
            soknad=locked, data=soknad_as_dict(locked), innsendt=now
        )
        transaction.on_commit(lambda: _innsendt_pdf_enqueue(innsendt.pk))
        by_user = by if getattr(by, "is_authenticated", False) else None
        Soknadslogg.objects.create(soknad=locked, type=Soknadslogg.Type.SENDT, utfort_av=by_user)
        if bagatell.over_tak:
            Soknadslogg.objects.create(
                soknad=locked,
                type=Soknadslogg.Type.BAGATELL_OVER_TAK,
                tekst=_(
                    "Oppgitt bagatellmessig støtte siste tre år og dette beløpet er "
                    "%(sum)s EUR; taket er %(tak)s EUR."
                )
                % {"sum": bagatell.sum_eur, "tak": bagatell.tak_eur},
            )
        epost.mottaksbrev_send(locked)
        for receiver in _submitted_receivers:
            receiver(locked)
    return locked


def _innsendt_pdf_enqueue(innsendt_id: int) -> None:
    from ..tasks import innsendt_pdf_task

    # When the broker does not take it, the PDF is made when it is first read.
    task_publish(task=innsendt_pdf_task, args=[innsendt_id], what=f"PDF {innsendt_id}")


def innsendt_pdf_ensure(*, innsendt: InnsendtSoknad) -> InnsendtSoknadPdf:
    """The PDF of exactly what was submitted, in the applicant's language; made once.

    Rendered from the frozen snapshot, never from the live application, and outside any
    transaction (WeasyPrint takes a while): two callers at once both render, one stores.
    """
    existing = InnsendtSoknadPdf.objects.filter(innsendt_soknad=innsendt).first()
    if existing is not None:
        return existing
    language = innsendt.data.get("sprak") or "nb"
    content = render_pdf(
        "soknader/pdf/innsendt.html",
        {"data": innsendt.data, "innsendt": innsendt},
        language=language,
    )
    try:
        with transaction.atomic():
            return InnsendtSoknadPdf.objects.create(
                innsendt_soknad=innsendt,
                filnavn=f"soknad-{innsendt.data['saksnummer']}.pdf",
                sprak=language,
                innhold=content,
                sha256=hashlib.sha256(content).hexdigest(),
            )
    except IntegrityError:
        return InnsendtSoknadPdf.objects.get(innsendt_soknad=innsendt)


def soknad_withdraw(*, soknad: Soknad, by=None) -> Soknad:
    """The applicant withdraws a submitted application before it is decided."""
    with transaction.atomic():
        locked = soknad_lock(soknad)
        status_move(locked, "withdraw")
        locked.save(update_fields=["status", "endret"])
        by_user = by if getattr(by, "is_authenticated", False) else None
        Soknadslogg.objects.create(soknad=locked, type=Soknadslogg.Type.TRUKKET, utfort_av=by_user)
    return locked
