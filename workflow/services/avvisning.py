"""Dismissal (avvisning): the programleder closes a case before any decision is made. It is
an enkeltvedtak of its own: recorded as a decision, with a letter giving the reasons and the
applicant's rights, sent by the same worker as every decision letter."""

from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.transaksjon import etter_commit, tjeneste
from notifications.services import deadline_close
from workflow.models import Hendelse, Sak, Vedtak

from .brev import brev_enqueue
from .grunnlag import hendelse_record, required_text, sak_lock
from .prosess import prosess_cancel
from .tilstand import AVSLUTTET, sak_move


def sak_dismiss(*, sak: Sak, by, grunn: str) -> Sak:
    grunn = required_text(grunn, "grunn", _("Oppgi en grunn."))
    with tjeneste():
        sak = sak_lock(sak)
        if sak.status in AVSLUTTET:
            raise DomainError(
                _("Saken er avsluttet (%(status)s).") % {"status": sak.get_status_display()},
                code="wrong_state",
            )
        if Vedtak.objects.filter(sak=sak).exists():
            raise DomainError(
                _(
                    "Saken har et vedtak. Et vedtak kan bare endres av organet som fattet det, "
                    "etter forhåndsvarsel til søkeren: bruk «Varsle oppheving av tilsagnet»."
                ),
                code="has_decision",
            )
        vedtak = Vedtak.objects.create(
            sak=sak,
            utfall=Vedtak.Utfall.AVVIST,
            organ=Sak.Organ.PROGRAMLEDER,
            vedtatt_av=by,
            begrunnelse=grunn,
            referanse=f"{sak.saksnummer}-V",
        )
        sak_move(sak, "avbryt")
        sak.avsluttet = timezone.now()
        sak.save(update_fields=["status", "avsluttet"])
        deadline_close(case=sak)
        hendelse_record(sak, Hendelse.Type.AVBRUTT, by, grunn)
        prosess_cancel(sak)
        vedtak_id, by_id = vedtak.pk, getattr(by, "pk", None)
        etter_commit(lambda: brev_enqueue(vedtak_id, by_id))
    return sak
