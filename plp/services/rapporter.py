"""Reports from a running phase: status reports, the final report and its approval, and the
follow-up job count a year after the end."""

import datetime
from collections.abc import Callable
from decimal import ROUND_DOWN, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.formatting import kr
from felles.transaksjon import tjeneste
from handlingsplan.models import Delmal, Forpliktelse
from handlingsplan.services import forpliktelse_release
from plp import frister
from plp.models import (
    DelmalTelling,
    Fase,
    Milepael,
    MilepaelStatus,
    Oppfolging,
    Sluttrapport,
    SluttrapportKostnad,
    Statusrapport,
    StatusrapportKostnad,
)
from workflow.models import Hendelse, Sak
from workflow.services.grunnlag import hendelse_record, programleder_take
from workflow.services.tilstand import sak_move

from .felles import add_months, flow_resume, not_closed, required_text, send_to_project
from .saksflyt import prosjektsak_start, prosjektsak_videre
from .tilstand import fase_lock, fase_move

JOB_FIELDS = ("nye_kvinner", "nye_menn", "sikrede_kvinner", "sikrede_menn")
MAKS_BELOP = 1_000_000_000
MAKS_ARBEIDSPLASSER = 10_000
_final_report_receivers: list[Callable] = []


def on_sluttrapport_godkjent(receiver: Callable) -> Callable:
    """Register `receiver(rapport=..., belop=..., by=...)`, called in the approval's transaction
    with what remains to pay of the phase's grant (the final payout). Payouts register here."""
    if receiver not in _final_report_receivers:
        _final_report_receivers.append(receiver)
    return receiver


def _kostnader(fase: Fase, kostnader: dict) -> dict[str, int]:
    """Costs by category: whole kroner, and only in the categories of the approved budget."""
    budsjett = {p.kategori: p for p in fase.budsjett.all()}
    result = {}
    for kategori, belop in (kostnader or {}).items():
        if belop in (None, "", 0, "0"):
            continue
        try:
            value = int(belop)
        except (TypeError, ValueError):
            raise DomainError(
                _("Skriv kostnadene som hele kroner."), field=f"kostnad_{kategori}"
            ) from None
        if value < 0 or value > MAKS_BELOP:
            raise DomainError(
                _("Kostnaden må være mellom 0 og %(max)s.") % {"max": kr(MAKS_BELOP)},
                field=f"kostnad_{kategori}",
            )
        if kategori not in budsjett:
            raise DomainError(
                _(
                    "Kategorien «%(k)s» er ikke i det godkjente budsjettet. Før kostnaden på en "
                    "kategori i budsjettet, eller søk om endring av budsjettet først."
                )
                % {"k": dict(_categories()).get(kategori, kategori)},
                field=f"kostnad_{kategori}",
                code="not_in_budget",
            )
        result[kategori] = value
    return result


def _categories():
    from plp.models import Kostnadskategori

    return Kostnadskategori.choices


def statusrapport_create(
    fase: Fase,
    *,
    per_dato: datetime.date | None = None,
    fremdrift: str,
    kostnader: dict | None = None,
    avvik: str = "",
    risiko: str = "",
    prognose: str = "",
    milepaeler: dict | None = None,
    innsendt_av: str = "",
) -> Statusrapport:
    """A status report on a running phase: progress against the milestones
    (`milepaeler`: {milestone id: MilepaelStatus.Status}), costs so far by category
    (`kostnader`: {category: kr}), deviations, risks and forecast. The report due closes and
    the next falls due by the grant's interval. Payout requests carry one."""
    per_dato = per_dato or timezone.localdate()
    fremdrift = required_text(fremdrift, "fremdrift", _("Beskriv fremdriften mot milepælene."))
    with tjeneste():
        fase = fase_lock(fase)
        not_closed(fase.prosjekt)
        if fase.status != Fase.Status.LOPENDE:
            raise DomainError(
                _("Statusrapporter sendes mens fasen pågår. Fasen er «%(s)s».")
                % {"s": fase.get_status_display()},
                code="wrong_state",
            )
        fase_move(fase, "rapporter")
        costs = _kostnader(fase, kostnader)
        rapport = Statusrapport.objects.create(
            fase=fase,
            per_dato=per_dato,
            fremdrift=fremdrift,
            avvik=(avvik or "").strip(),
            risiko=(risiko or "").strip(),
            prognose=(prognose or "").strip(),
            innsendt_av=innsendt_av[:200],
        )
        StatusrapportKostnad.objects.bulk_create(
            StatusrapportKostnad(rapport=rapport, kategori=k, belop=b) for k, b in costs.items()
        )
        if milepaeler:
            own = set(Milepael.objects.filter(fase=fase).values_list("pk", flat=True))
            valid = set(MilepaelStatus.Status.values)
            MilepaelStatus.objects.bulk_create(
                MilepaelStatus(rapport=rapport, milepael_id=int(pk), status=status)
                for pk, status in milepaeler.items()
                if int(pk) in own and status in valid
            )
        frister.close(fase, frister.STATUSRAPPORT)
        dokument = getattr(fase, "dokument", None)  # none yet: the default interval
        neste = add_months(per_dato, dokument.rapportintervall_maneder if dokument else 3)
        if fase.sluttdato is None or neste < fase.sluttdato:
            frister.statusrapport_open(fase, neste)
    return rapport


def _jobs(values: dict) -> dict[str, int]:
    result = {}
    for name in JOB_FIELDS:
        value = values.get(name)
        if value in (None, ""):
            raise DomainError(
                _(
                    "Fyll inn antall nye og sikrede arbeidsplasser, for kvinner og for menn. "
                    "Skriv 0 der det ikke er noen."
                ),
                field=name,
                code="jobs_missing",
            )
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise DomainError(
                _("Skriv antall arbeidsplasser som et helt tall."), field=name
            ) from None
        if not 0 <= number <= MAKS_ARBEIDSPLASSER:
            raise DomainError(
                _("Antall arbeidsplasser må være mellom 0 og %(max)d.")
                % {"max": MAKS_ARBEIDSPLASSER},
                field=name,
            )
        result[name] = number
    return result


def _whole(value, field: str) -> int:
    if value in (None, ""):
        return 0
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise DomainError(_("Skriv beløpet som hele kroner."), field=field) from None
    if not 0 <= number <= MAKS_BELOP:
        raise DomainError(
            _("Beløpet må være mellom 0 og %(max)s.") % {"max": kr(MAKS_BELOP)}, field=field
        )
    return number


def sluttrapport_submit(
    fase: Fase,
    *,
    resultater: str,
    malt_dato: datetime.date | None,
    kostnader: dict,
    delmal=(),
    egenfinansiering=0,
    annen_finansiering=0,
    utlost_kapital=0,
    neste_fase_plan: str = "",
    today: datetime.date | None = None,
    **jobs,
) -> Sluttrapport:
    """The phase's final report: results against the goals, jobs created and secured (women
    and men, with the date they were counted), sub-goals delivered, costs and financing as
    carried out, other money triggered. It goes to the programleder to check."""
    today = today or timezone.localdate()
    resultater = required_text(resultater, "resultater", _("Beskriv resultatene mot målene."))
    counts = _jobs(jobs)
    if malt_dato is None:
        raise DomainError(
            _("Oppgi datoen arbeidsplassene ble telt."), field="malt_dato", code="jobs_missing"
        )
    if malt_dato > today:
        raise DomainError(_("Datoen for tellingen kan ikke være fram i tid."), field="malt_dato")
    money = {
        "egenfinansiering": _whole(egenfinansiering, "egenfinansiering"),
        "annen_finansiering": _whole(annen_finansiering, "annen_finansiering"),
        "utlost_kapital": _whole(utlost_kapital, "utlost_kapital"),
    }
    with tjeneste():
        fase = fase_lock(fase)
        not_closed(fase.prosjekt)
        fase_move(fase, "send_sluttrapport")
        costs = _kostnader(fase, kostnader)
        if not costs:
            raise DomainError(
                _("Før opp de faktiske kostnadene per kategori i budsjettet."),
                field="kostnader",
                code="costs_missing",
            )
        fase.save(update_fields=["status"])
        rapport, _created = Sluttrapport.objects.update_or_create(
            fase=fase,
            defaults={
                "resultater": resultater,
                "malt_dato": malt_dato,
                "neste_fase_plan": (neste_fase_plan or "").strip(),
                "status": Sluttrapport.Status.INNSENDT,
                "merknad": "",
                "behandlet": None,
                "behandlet_av": None,
                **counts,
                **money,
            },
        )
        rapport.kostnader.all().delete()
        SluttrapportKostnad.objects.bulk_create(
            SluttrapportKostnad(rapport=rapport, kategori=k, belop=b) for k, b in costs.items()
        )
        rapport.delmal.set(list(delmal))
        _case_open(fase, rapport)
        frister.close(fase, frister.SLUTTRAPPORT)
        frister.close(fase, frister.STATUSRAPPORT)
        flow_resume(fase.prosjekt, "lopende")
    return rapport


def _case_open(fase: Fase, rapport: Sluttrapport) -> None:
    """The final report is a case of its own: opened at the first sending, and back to the
    check when a returned report is sent again."""
    sak = Sak.objects.select_for_update().filter(sluttrapport=rapport).first()
    if sak is None:
        sak = Sak.objects.create(
            sluttrapport=rapport,
            saksnummer=f"{fase.sak.saksnummer}-S",
            programleder=fase.prosjekt.programleder,
        )
        hendelse_record(sak, Hendelse.Type.STARTET)
        prosjektsak_start(sak)
    else:
        sak_move(sak, "svar_mottatt")
        sak.save(update_fields=["status"])
        hendelse_record(sak, Hendelse.Type.SVAR_MOTTATT)
        prosjektsak_videre(sak)


def _case_decide(rapport: Sluttrapport, by, transition: str, event: str, tekst="") -> None:
    sak = Sak.objects.select_for_update().get(sluttrapport=rapport)
    sak_move(sak, transition)
    if transition == "godkjenn":
        sak.avsluttet = timezone.now()
    programleder_take(sak, by)
    sak.save(update_fields=["status", "avsluttet", "programleder"])
    hendelse_record(sak, event, by, tekst)
    prosjektsak_videre(sak, by)


def tilskudd_etter_kostnader(fase: Fase, kostnad: int) -> int:
    """The grant the documented costs earn: the grant's share of the approved cost base,
    pro rata, never more than the grant."""
    if not fase.kostnadsgrunnlag:
        return 0
    earned = (Decimal(kostnad) * Decimal(fase.tilskudd) / Decimal(fase.kostnadsgrunnlag)).quantize(
        Decimal(1), ROUND_DOWN
    )
    return min(int(earned), fase.tilskudd)


def sluttrapport_approve(
    *, rapport: Sluttrapport, by, merknad: str = "", today=None
) -> Sluttrapport:
    """The programleder approves the final report: the phase is done, the final payout is
    requested, the grant the costs did not earn goes back to its pot, the jobs and sub-goals
    count, and the follow-up count a year on falls due."""
    today = today or timezone.localdate()
    with tjeneste():
        fase = fase_lock(rapport.fase)
        rapport = Sluttrapport.objects.select_for_update().get(pk=rapport.pk)
        if rapport.status != Sluttrapport.Status.INNSENDT:
            raise DomainError(_("Sluttrapporten er allerede behandlet."), code="wrong_state")
        fase_move(fase, "godkjenn_sluttrapport")
        fase.save(update_fields=["status"])
        rapport.status = Sluttrapport.Status.GODKJENT
        rapport.merknad = (merknad or "").strip()
        rapport.behandlet, rapport.behandlet_av = timezone.now(), by
        rapport.save(update_fields=["status", "merknad", "behandlet", "behandlet_av"])
        _case_decide(rapport, by, "godkjenn", Hendelse.Type.VEDTAK, rapport.merknad)
        forpliktelse = Forpliktelse.objects.get(pk=fase.forpliktelse_id)
        opptjent = tilskudd_etter_kostnader(fase, rapport.kostnad_sum)
        rest = max(0, opptjent - forpliktelse.utbetalt)
        ubrukt = forpliktelse.gjenstaende - rest
        if ubrukt > 0:
            forpliktelse_release(
                forpliktelse=forpliktelse,
                amount=ubrukt,
                reason=_("Ubrukt tilsagn etter godkjent sluttrapport."),
                by=by,
            )
        for receiver in list(_final_report_receivers):
            receiver(rapport=rapport, belop=rest, by=by)
        DelmalTelling.objects.bulk_create(
            [
                DelmalTelling(fase=fase, delmal=d, milepael=Delmal.Milepael.GJENNOMFORT, dato=today)
                for d in rapport.delmal.all()
            ],
            ignore_conflicts=True,
        )
        slutt = fase.sluttdato or today
        frist = max(slutt, today).replace(year=max(slutt, today).year + 1)
        Oppfolging.objects.get_or_create(fase=fase, defaults={"frist": frist})
        frister.close_reports(fase, keep_payout=rest > 0)
        frister.open_for(
            fase, (frister.PlpFrist.OPPFOLGING, "oppfolging", frist, _("Telling av arbeidsplasser"))
        )
        send_to_project(
            fase,
            template="plp_sluttrapport_godkjent",
            key=f"plp:sluttrapport:{rapport.pk}:godkjent",
            released=kr(max(ubrukt, 0)),
            remaining=kr(rest),
        )
        flow_resume(fase.prosjekt, "sluttrapport_kontroll")
    return rapport


def sluttrapport_return(*, rapport: Sluttrapport, by, merknad: str) -> Sluttrapport:
    """The programleder sends the final report back to the project with what to fix."""
    merknad = required_text(merknad, "merknad", _("Skriv hva prosjektet må rette."))
    with tjeneste():
        fase = fase_lock(rapport.fase)
        rapport = Sluttrapport.objects.select_for_update().get(pk=rapport.pk)
        if rapport.status != Sluttrapport.Status.INNSENDT:
            raise DomainError(_("Sluttrapporten er allerede behandlet."), code="wrong_state")
        fase_move(fase, "returner_sluttrapport")
        fase.save(update_fields=["status"])
        rapport.status, rapport.merknad = Sluttrapport.Status.RETURNERT, merknad
        rapport.behandlet, rapport.behandlet_av = timezone.now(), by
        rapport.save(update_fields=["status", "merknad", "behandlet", "behandlet_av"])
        _case_decide(rapport, by, "be_om_opplysninger", Hendelse.Type.OPPLYSNINGER_BEDT, merknad)
        send_to_project(
            fase,
            template="plp_sluttrapport_returnert",
            key=f"plp:sluttrapport:{rapport.pk}:returnert:{rapport.behandlet.timestamp()}",
            note=merknad,
        )
        flow_resume(fase.prosjekt, "sluttrapport_kontroll")
    return rapport


def oppfolging_record(*, fase: Fase, malt_dato: datetime.date, **jobs) -> Oppfolging:
    """The job count one year after the project ended."""
    counts = _jobs(jobs)
    with tjeneste():
        oppfolging = Oppfolging.objects.select_for_update().filter(fase=fase).first()
        if oppfolging is None:
            raise DomainError(_("Det er ikke bedt om en oppfølgingstelling for denne fasen."))
        for name, value in counts.items():
            setattr(oppfolging, name, value)
        oppfolging.malt_dato, oppfolging.registrert = malt_dato, timezone.now()
        oppfolging.save()
        frister.close(fase, frister.PlpFrist.OPPFOLGING)
    return oppfolging
