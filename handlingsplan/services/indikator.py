"""Impact indicators: the programleder records each indicator's value per year, and may add
indicators of the program's own beside the ones the action plan lists."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from felles.errors import DomainError
from handlingsplan.models import Indikator, Indikatorverdi, Program
from handlingsplan.models.indikator import VERDI_GRENSE

NAVN_MAKS = Indikator._meta.get_field("navn").max_length


def _tekst(verdi: str, felt: str) -> str:
    tekst = (verdi or "").strip()
    grense = Indikatorverdi._meta.get_field(felt).max_length
    if len(tekst) > grense:
        raise DomainError(
            _("Teksten kan være høyst %(antall)s tegn.") % {"antall": grense}, field=felt
        )
    return tekst


@transaction.atomic
def indikatorverdi_record(
    *,
    indikator: Indikator,
    ar: int,
    verdi,
    enhet: str = "",
    kilde: str = "",
    merknad: str = "",
    by=None,
) -> Indikatorverdi:
    """Record (or change) the indicator's value for one year of its program."""
    program = indikator.program
    if ar is None or not program.start_ar <= ar <= program.slutt_ar:
        raise DomainError(
            _("Året må være et av programmets år, %(fra)s–%(til)s.")
            % {"fra": program.start_ar, "til": program.slutt_ar},
            field="ar",
        )
    try:
        verdi = Decimal(str(verdi)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise DomainError(
            _("Skriv verdien som et tall, f.eks. 5 812 eller 1,5."), field="verdi"
        ) from None
    if not -VERDI_GRENSE <= verdi <= VERDI_GRENSE:
        raise DomainError(
            _("Verdien må ligge mellom −999 999 999,99 og 999 999 999,99."), field="verdi"
        )
    felter = {
        "verdi": verdi,
        "enhet": _tekst(enhet, "enhet"),
        "kilde": _tekst(kilde, "kilde"),
        "merknad": _tekst(merknad, "merknad"),
        "registrert_av": by,
    }
    # Locks the indicator so that two people saving the same year do not collide.
    Indikator.objects.select_for_update().filter(pk=indikator.pk).first()
    rad, _opprettet = Indikatorverdi.objects.update_or_create(
        indikator=indikator, ar=ar, defaults=felter
    )
    return rad


@transaction.atomic
def indikator_add(*, program: Program, navn: str) -> Indikator:
    """An indicator the program follows besides the plan's own; it comes last in the list."""
    navn = " ".join((navn or "").split())
    if not navn:
        raise DomainError(_("Skriv navnet på indikatoren."), field="navn")
    if len(navn) > NAVN_MAKS:
        raise DomainError(
            _("Navnet kan være høyst %(antall)s tegn.") % {"antall": NAVN_MAKS}, field="navn"
        )
    Program.objects.select_for_update().filter(pk=program.pk).first()
    if Indikator.objects.filter(program=program, navn__iexact=navn).exists():
        raise DomainError(_("Programmet følger allerede denne indikatoren."), field="navn")
    siste = Indikator.objects.filter(program=program).aggregate(m=Max("rekkefolge"))["m"] or 0
    return Indikator.objects.create(program=program, navn=navn, rekkefolge=siste + 1)
