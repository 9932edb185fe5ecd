"""Reads of payout requests, and who may see them.

An applicant sees a phase's payouts when Min side lists the application that funded the
phase for them, or when their address is the project's prosjektleder or prosjektansvarlig.
Staff who read every case see them all; the programleder (and administrators) decide."""

from django.db.models import Q, Sum
from django.http import Http404

from felles.access import may_handle, may_read_all
from plp.models import Fase, Utbetaling
from soknader.selectors import soknader_for_user
from workflow.models import Brev


def _email(user) -> str:
    return (getattr(user, "email", "") or "").strip().lower()


def faser_for_soker(user):
    if not getattr(user, "is_authenticated", False):
        return Fase.objects.none()
    email = _email(user)
    mine = Q(sak__soknad__in=soknader_for_user(user).values("pk"))
    if email:
        mine |= Q(prosjekt__prosjektleder_epost__iexact=email)
        mine |= Q(prosjekt__prosjektansvarlig_epost__iexact=email)
    return Fase.objects.filter(mine)


def fase_for_soker(user, pk: int) -> Fase:
    fase = (
        faser_for_soker(user)
        .select_related("prosjekt__program", "forpliktelse", "sak")
        .filter(pk=pk)
        .first()
    )
    if fase is None:
        raise Http404
    return fase


def utbetaling_visible(user, utbetaling: Utbetaling) -> bool:
    """The one rule for a payout request's page, its attachments and its letter."""
    if may_read_all(user):
        return True
    return faser_for_soker(user).filter(pk=utbetaling.fase_id).exists()


def utbetaling_for(user, pk: int) -> Utbetaling:
    utbetaling = (
        Utbetaling.objects.select_related("fase__prosjekt__program", "fase__forpliktelse", "sak")
        .prefetch_related("kostnader", "vedlegg")
        .filter(pk=pk)
        .first()
    )
    if utbetaling is None or not utbetaling_visible(user, utbetaling):
        raise Http404
    return utbetaling


def utbetaling_brev(utbetaling: Utbetaling) -> Brev | None:
    return Brev.objects.filter(
        sak__plp_utbetaling=utbetaling, type=Brev.Type.UTBETALINGSBREV
    ).first()


def fase_utbetalinger(fase: Fase):
    return fase.utbetalinger.select_related("sak").order_by("-nummer")


def til_behandling():
    """Payout requests waiting for the programleder, oldest first, with their project."""
    return (
        Utbetaling.objects.filter(status=Utbetaling.Status.INNSENDT)
        .select_related("fase__prosjekt", "sak")
        .order_by("innsendt", "pk")
    )


def betalt_sum() -> int:
    return Utbetaling.objects.filter(status=Utbetaling.Status.BETALT).aggregate(
        s=Sum("belop_godkjent", default=0)
    )["s"]


__all__ = ["may_handle"]
