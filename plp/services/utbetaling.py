"""Payout requests: the applicant sends one (or sends it again after it was returned), the
programleder approves it in full, reduces it with reasons, or returns it with reasons.

Approval locks the commitment (pot first, then the commitment, the ledger's lock order),
checks the rules again against the locked amounts and posts the payout in the same
transaction: two approvals on one commitment at once are made one after the other, and the
second sees what the first paid (docs/money.md)."""

from datetime import timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.no import kontonr

from felles.errors import DomainError
from felles.transaksjon import tjeneste
from handlingsplan.services import forpliktelse_lock, forpliktelse_pay
from notifications.services import deadline_close, deadline_open
from plp import frister
from plp.models import Fase, Utbetaling, UtbetalingKostnad, UtbetalingVedlegg
from soknader.services import vedlegg_filtype_check
from workflow import regler
from workflow.deadline_kinds import Frist
from workflow.models import Hendelse, Sak
from workflow.services.grunnlag import hendelse_record, programleder_take, required_text

from . import utbetaling_regler as rules
from .rapporter import statusrapport_create
from .saksflyt import prosjektsak_start, prosjektsak_videre
from .utbetaling_tilstand import utbetaling_move
from .utbetaling_varsel import utbetaling_varsel_send

H = Hendelse.Type
S = Utbetaling.Status
V = UtbetalingVedlegg.Type
AAPNE_FASER = (Fase.Status.LOPENDE, Fase.Status.SLUTTRAPPORT, Fase.Status.AVSLUTTET)


def behandlingsfrist_dager() -> int:
    return getattr(settings, "PLP_UTBETALING_BEHANDLINGSFRIST_DAGER", 14)


def kontonummer_clean(value: str) -> str:
    """An 11-digit Norwegian account number with a valid mod-11 check digit."""
    digits = "".join(ch for ch in (value or "") if not ch.isspace() and ch != ".")
    try:
        return kontonr.validate(digits)
    except stdnum_exceptions.ValidationError:
        raise DomainError(
            _("Kontonummeret «%(nr)s» er ikke gyldig. Oppgi 11 siffer, for eksempel 1234.56.78903.")
            % {"nr": value},
            field="kontonummer",
            code="bad_account",
        ) from None


def sluttrapport_godkjent(fase: Fase) -> bool:
    """The phase's final report is approved once the phase is closed."""
    return fase.status == Fase.Status.AVSLUTTET


def utbetaling_ramme(*, fase: Fase, kostnader: int, forpliktelse=None):
    """The limits of a request on `fase` with `kostnader` documented so far, read from the
    commitment as given (locked when approving)."""
    forpliktelse = forpliktelse or fase.forpliktelse
    return rules.ramme_for(
        fase=fase,
        kostnader=kostnader,
        allerede_utbetalt=forpliktelse.netto_utbetalt,
        gjenstaende=forpliktelse.gjenstaende,
        sluttrapport_godkjent=sluttrapport_godkjent(fase),
    )


def _lock_fase(fase: Fase) -> Fase:
    return (
        Fase.objects.select_for_update(of=("self",))
        .select_related("prosjekt__program", "forpliktelse", "sak")
        .get(pk=fase.pk)
    )


def _check_files(vedlegg) -> list[tuple[str, object, object]]:
    checked = []
    for type_, upload in vedlegg:
        if type_ not in V.values:
            raise DomainError(_("Ukjent type vedlegg."), field="vedlegg")
        checked.append((type_, upload, vedlegg_filtype_check(upload)))
    return checked


def _check_request(fase, *, belop, kostnader, typer: set[str], idag) -> dict[str, int]:
    if fase.status not in AAPNE_FASER:
        raise DomainError(
            _("Fasen er ikke i gang (status: %(status)s), så det kan ikke søkes om utbetaling.")
            % {"status": fase.get_status_display()},
            code="wrong_state",
        )
    rules.frist_check(utbetalingsfrist=fase.utbetalingsfrist, idag=idag)
    kategorier = set(fase.budsjett.values_list("kategori", flat=True))
    kostnader = rules.kostnader_check(kostnader, kategorier)
    if not typer & {V.FAKTURA, V.TIMELISTE}:
        raise DomainError(
            _("Legg ved fakturaer eller timelister som dokumenterer kostnadene."),
            field="vedlegg",
            code="no_documentation",
        )
    total = sum(kostnader.values())
    rules.revisor_check(
        kostnader=total,
        revisorgrense=fase.prosjekt.program.revisorgrense,
        har_bekreftelse=V.REVISOR in typer,
    )
    rules.belop_check(belop, utbetaling_ramme(fase=fase, kostnader=total))
    return kostnader


def _store_files(utbetaling: Utbetaling, checked) -> None:
    stored = []
    try:
        for type_, upload, kind in checked:
            vedlegg = UtbetalingVedlegg(
                utbetaling=utbetaling,
                type=type_,
                filnavn=PurePosixPath(upload.name).name[:255],
                innholdstype=kind.innholdstype,
                storrelse=upload.size,
            )
            name = f"plp/{utbetaling.pk}/{timezone.now():%Y%m%d%H%M%S%f}{kind.endelser[0]}"
            vedlegg.fil.save(name, upload, save=False)
            stored.append(vedlegg.fil.name)
            vedlegg.save()
    except Exception:
        storage = UtbetalingVedlegg._meta.get_field("fil").storage
        for name in stored:
            storage.delete(name)
        raise


def _save_costs(utbetaling: Utbetaling, kostnader: dict[str, int]) -> None:
    utbetaling.kostnader.all().delete()
    UtbetalingKostnad.objects.bulk_create(
        UtbetalingKostnad(utbetaling=utbetaling, kategori=k, belop=b)
        for k, b in sorted(kostnader.items())
    )


def _open_deadline(utbetaling: Utbetaling, sak: Sak) -> None:
    if sak.programleder_id is None:
        return
    deadline_open(
        kind=Frist.UTBETALING,
        title=f"{Frist.UTBETALING.label}: {sak.saksnummer} {utbetaling.fase.prosjekt.navn}",
        due_at=timezone.now() + timedelta(days=behandlingsfrist_dager()),
        user=sak.programleder,
        case=sak,
        link=settings.SITE_URL + reverse("utbetaling:behandle", args=[utbetaling.pk]),
        key=f"plp-utbetaling:{utbetaling.pk}:{utbetaling.innsendt.isoformat()}",
    )


def utbetaling_submit(
    *,
    fase: Fase,
    by,
    type: str,  # noqa: A002
    belop: int,
    kontonummer: str,
    kostnader: dict[str, int],
    fremdrift: str,
    avvik: str = "",
    vedlegg=(),
    idag=None,
) -> Utbetaling:
    """A new payout request with its costs so far, its status report and its attachments;
    it becomes a case for the programleder. Refused as a whole when a rule is broken."""
    if type not in Utbetaling.Type.values:
        raise DomainError(_("Velg delutbetaling eller sluttutbetaling."), field="type")
    fremdrift = required_text(fremdrift, "fremdrift", _("Beskriv fremdriften mot milepælene."))
    konto = kontonummer_clean(kontonummer)
    checked = _check_files(vedlegg)
    idag = idag or timezone.localdate()
    with tjeneste():
        fase = _lock_fase(fase)
        if fase.utbetalinger.filter(status__in=[S.INNSENDT, S.RETURNERT]).exists():
            raise DomainError(
                _(
                    "Fasen har allerede en utbetalingsanmodning som ikke er ferdig behandlet. "
                    "Rett og send inn den, eller vent til den er behandlet."
                ),
                code="open_request",
            )
        kostnader = _check_request(
            fase, belop=belop, kostnader=kostnader, typer={t for t, *_ in checked}, idag=idag
        )
        nummer = (fase.utbetalinger.aggregate(n=Max("nummer"))["n"] or 0) + 1
        utbetaling = Utbetaling.objects.create(
            fase=fase,
            nummer=nummer,
            type=type,
            belop_sokt=belop,
            kontonummer=konto,
            fremdrift=fremdrift,
            avvik=(avvik or "").strip(),
            innsendt=timezone.now(),
            innsendt_av=by if getattr(by, "is_authenticated", False) else None,
        )
        _save_costs(utbetaling, kostnader)
        _store_files(utbetaling, checked)
        if fase.status == Fase.Status.LOPENDE:  # the request's progress is a status report
            statusrapport_create(
                fase,
                per_dato=idag,
                fremdrift=fremdrift,
                kostnader=kostnader,
                avvik=utbetaling.avvik,
                innsendt_av=getattr(by, "email", "") or "",
            )
        sak = Sak.objects.create(
            plp_utbetaling=utbetaling,
            saksnummer=f"{fase.sak.saksnummer}-U{nummer}",
            status=Sak.Status.VURDERING,
            programleder=fase.prosjekt.programleder or regler.programledere().first(),
        )
        hendelse_record(sak, H.STARTET, by)
        _open_deadline(utbetaling, sak)
        prosjektsak_start(sak)
    return utbetaling


def utbetaling_resubmit(
    *,
    utbetaling: Utbetaling,
    by,
    belop: int,
    kontonummer: str,
    kostnader: dict[str, int],
    fremdrift: str,
    avvik: str = "",
    vedlegg=(),
    idag=None,
) -> Utbetaling:
    """The returned request, corrected and sent again (earlier attachments are kept)."""
    fremdrift = required_text(fremdrift, "fremdrift", _("Beskriv fremdriften mot milepælene."))
    konto = kontonummer_clean(kontonummer)
    checked = _check_files(vedlegg)
    idag = idag or timezone.localdate()
    with tjeneste():
        fase = _lock_fase(utbetaling.fase)
        utbetaling = Utbetaling.objects.select_for_update().get(pk=utbetaling.pk)
        utbetaling_move(utbetaling, "send_igjen")
        typer = {t for t, *_ in checked} | set(utbetaling.vedlegg.values_list("type", flat=True))
        kostnader = _check_request(fase, belop=belop, kostnader=kostnader, typer=typer, idag=idag)
        utbetaling.belop_sokt, utbetaling.kontonummer = belop, konto
        utbetaling.fremdrift, utbetaling.avvik = fremdrift, (avvik or "").strip()
        utbetaling.innsendt = timezone.now()
        utbetaling.save()
        _save_costs(utbetaling, kostnader)
        _store_files(utbetaling, checked)
        sak = Sak.objects.get(plp_utbetaling=utbetaling)
        hendelse_record(sak, H.SVAR_MOTTATT, by)
        _open_deadline(utbetaling, sak)
        prosjektsak_videre(sak)
    return utbetaling


def utbetaling_decide(
    *, utbetaling: Utbetaling, by, utfall: str, belop: int | None = None, begrunnelse: str = ""
) -> Utbetaling:
    """`utfall` is "godkjenn" (the amount asked for), "reduser" (a lower `belop`, with
    reasons: an individual decision with a letter) or "returner" (with reasons)."""
    if utfall not in ("godkjenn", "reduser", "returner"):
        raise DomainError(_("Velg hva som skal skje med anmodningen."), field="utfall")
    begrunnelse = (begrunnelse or "").strip()
    if utfall != "godkjenn" and not begrunnelse:
        raise DomainError(
            _("Skriv en begrunnelse: søkeren skal vite hvorfor."), field="begrunnelse"
        )
    now = timezone.now()
    with tjeneste():
        locked = (
            Utbetaling.objects.select_for_update(of=("self",))
            .select_related("fase__prosjekt__program", "fase__forpliktelse")
            .get(pk=utbetaling.pk)
        )
        sak = Sak.objects.select_for_update(of=("self",)).get(plp_utbetaling=locked)
        if utfall == "returner":
            utbetaling_move(locked, "returner")
        else:
            utbetaling_move(locked, "godkjenn")
            _approve(locked, sak, by, utfall, belop, begrunnelse)
        locked.begrunnelse = begrunnelse
        locked.behandlet, locked.behandlet_av = now, by
        locked.save()
        programleder_take(sak, by)
        sak.avsluttet = now if utfall != "returner" else None
        sak.save(update_fields=["programleder", "avsluttet"])
        deadline_close(case=sak, kind=Frist.UTBETALING)
        hendelse_record(
            sak, H.OPPLYSNINGER_BEDT if utfall == "returner" else H.VEDTAK, by, begrunnelse
        )
        prosjektsak_videre(sak, by)
    utbetaling_varsel_send(utbetaling=locked, by=by)
    return locked


def _approve(utbetaling: Utbetaling, sak: Sak, by, utfall: str, belop, begrunnelse) -> None:
    if utfall == "reduser":
        if belop is None or not 0 < belop < utbetaling.belop_sokt:
            raise DomainError(
                _("Et redusert beløp må være mellom 0 kr og beløpet det er søkt om."),
                field="belop",
            )
    else:
        belop = utbetaling.belop_sokt
    fase = utbetaling.fase
    forpliktelse = forpliktelse_lock(fase.forpliktelse)
    kostnader = sum(utbetaling.kostnader.values_list("belop", flat=True))
    rules.belop_check(
        belop, utbetaling_ramme(fase=fase, kostnader=kostnader, forpliktelse=forpliktelse)
    )
    if forpliktelse.gjenstaende <= belop:  # nothing more to ask for: the deadline is met
        frister.close(fase, frister.PlpFrist.UTBETALINGSFRIST)
    utbetaling.postering = forpliktelse_pay(
        forpliktelse=forpliktelse, amount=belop, reference=sak.saksnummer, by=by
    )
    utbetaling.belop_godkjent = belop


__all__ = [
    "kontonummer_clean",
    "utbetaling_decide",
    "utbetaling_ramme",
    "utbetaling_resubmit",
    "utbetaling_submit",
]
