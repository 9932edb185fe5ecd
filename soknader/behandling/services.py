"""Writes of case handling up to the decision: start, completeness check, the applicant's
answer, assessment and routing, impartiality and votes. The decision and what follows it
are in `vedtak`.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.formatting import dato
from felles.roles import Rolle, has_role
from handlingsplan.models import Delmal, Pot
from notifications.models.reminders import DeadlineKind
from notifications.services import deadline_close, deadline_open, message_send
from soknader.models import (
    Behandling,
    Habilitet,
    Innstilling,
    Mote,
    Opplysningskrav,
    Sakshendelse,
    Soknad,
    Stemme,
    Unntak,
    Vedlegg,
)

from . import hooks, regler
from .felles import B, hendelse, lock, minside_url, move, require, required_text, staff_url

H = Sakshendelse.Type
K = DeadlineKind


def _neste_mote(program, today) -> Mote | None:
    return Mote.objects.filter(program=program, dato__gte=today).order_by("dato", "id").first()


def _open_staff_deadline(behandling: Behandling, kind: str, days: int, suffix: str) -> None:
    if behandling.programleder_id is None:
        return
    deadline_open(
        kind=kind,
        title=f"{K(kind).label}: {behandling.soknad.saksnummer} {behandling.soknad.tittel}",
        due_at=timezone.now() + timedelta(days=days),
        user=behandling.programleder,
        case=behandling,
        link=staff_url("soknad/inbox/"),
        key=f"sak:{behandling.pk}:{kind}:{suffix}",
    )


def behandling_start(*, soknad: Soknad) -> Behandling:
    """A submitted application becomes a case waiting for the completeness check."""
    with transaction.atomic():
        if soknad.status != Soknad.Status.SENDT:
            raise DomainError(_("Bare innsendte søknader kan behandles."), code="wrong_state")
        behandling = Behandling.objects.create(
            soknad=soknad, programleder=regler.programledere().first()
        )
        hendelse(behandling, H.STARTET)
        program_regler = regler.regler_for(soknad.program)
        _open_staff_deadline(
            behandling, K.KOMPLETTHETSKONTROLL, program_regler.kontrollfrist_dager, "0"
        )
    return behandling


def _take(behandling: Behandling, by) -> None:
    """The programleder who acts on a case becomes its programleder (deadlines go to them)."""
    if getattr(by, "is_authenticated", False) and behandling.programleder_id != by.pk:
        behandling.programleder = by


def kontroll_komplett(*, behandling: Behandling, by) -> Behandling:
    with transaction.atomic():
        sak = lock(behandling)
        move(sak, B.VURDERING)
        _take(sak, by)
        sak.save(update_fields=["status", "programleder"])
        deadline_close(case=sak, kind=K.KOMPLETTHETSKONTROLL)
        hendelse(sak, H.KOMPLETT, by)
        days = regler.regler_for(sak.soknad.program).vurderingsfrist_dager
        _open_staff_deadline(sak, K.VURDERING, days, "0")
    return sak


def opplysninger_be_om(*, behandling: Behandling, by, sporsmal: str, frist=None) -> Opplysningskrav:
    """Ask the applicant for what is missing; they answer on Min side before the deadline."""
    sporsmal = required_text(sporsmal, "sporsmal", _("Skriv hva søkeren må sende inn."))
    with transaction.atomic():
        sak = lock(behandling)
        move(sak, B.VENTER_SVAR)
        _take(sak, by)
        sak.save(update_fields=["status", "programleder"])
        now = timezone.now()
        frist = frist or now + timedelta(days=regler.regler_for(sak.soknad.program).svarfrist_dager)
        if frist <= now:
            raise DomainError(_("Svarfristen må være fram i tid."), field="frist")
        krav = Opplysningskrav.objects.create(
            behandling=sak, sporsmal=sporsmal, frist=frist, opprettet_av=by
        )
        deadline_close(case=sak, kind=K.KOMPLETTHETSKONTROLL)
        soknad = sak.soknad
        for address in _soker(sak):
            message_send(
                to=address,
                template="information_request",
                key=f"opplysninger:{krav.pk}:{address}",
                language=soknad.sprak,
                case=soknad,
                context={
                    "soknad_title": soknad.tittel,
                    "reference": soknad.saksnummer,
                    "questions": sporsmal,
                    "answer_by": dato(timezone.localdate(frist)),
                    "url": minside_url(sak),
                },
            )
        if soknad.kontakt_epost:
            deadline_open(
                kind=K.SVAR_FRA_SOKER,
                title=_("Svar på forespørsel: %(nr)s") % {"nr": soknad.saksnummer},
                due_at=frist,
                email=soknad.kontakt_epost,
                language=soknad.sprak,
                case=sak,
                link=minside_url(sak),
                key=f"sak:{sak.pk}:svar:{krav.pk}",
            )
        hendelse(sak, H.OPPLYSNINGER_BEDT, by, sporsmal)
    return krav


def _soker(behandling: Behandling) -> list[str]:
    from .felles import soker_adresser

    return soker_adresser(behandling)


def opplysninger_svar(*, behandling: Behandling, svar: str, by=None) -> Opplysningskrav:
    """The applicant's answer: the case goes back to the completeness check with it."""
    svar = required_text(svar, "svar", _("Skriv svaret ditt."))
    with transaction.atomic():
        sak = lock(behandling)
        require(sak, B.VENTER_SVAR)
        krav = sak.opplysningskrav.select_for_update().filter(besvart__isnull=True).last()
        if krav is None:
            raise DomainError(_("Det er ingen forespørsel å svare på."), code="wrong_state")
        krav.svar, krav.besvart = svar, timezone.now()
        krav.save(update_fields=["svar", "besvart"])
        move(sak, B.KONTROLL)
        sak.save(update_fields=["status"])
        deadline_close(case=sak, kind=K.SVAR_FRA_SOKER)
        hendelse(sak, H.SVAR_MOTTATT, by, svar)
        days = regler.regler_for(sak.soknad.program).kontrollfrist_dager
        _open_staff_deadline(sak, K.KOMPLETTHETSKONTROLL, days, str(krav.pk))
        hooks.fire(hooks.Hendelse.SVAR_MOTTATT, sak)
    return krav


def opplysninger_forleng(
    *, behandling: Behandling, by, frist=None, dager: int | None = None
) -> Opplysningskrav:
    """No answer in time and the programleder chooses to wait: a new answer deadline, either
    given (`frist`) or `dager` days after the old one (after now, if that has passed). The
    deadline in the reminder engine moves with it."""
    if (frist is None) == (dager is None):
        raise ValueError("give either frist or dager")
    if dager is not None and dager < 1:
        raise DomainError(_("Fristen må forlenges med minst én dag."), field="dager")
    with transaction.atomic():
        sak = lock(behandling)
        require(sak, B.VENTER_SVAR)
        krav = sak.opplysningskrav.select_for_update().filter(besvart__isnull=True).last()
        if krav is None:
            raise DomainError(_("Det er ingen forespørsel å forlenge."), code="wrong_state")
        now = timezone.now()
        if dager is not None:
            frist = max(krav.frist, now) + timedelta(days=dager)
        if frist <= now:
            raise DomainError(_("Svarfristen må være fram i tid."), field="frist")
        gammel = krav.frist
        krav.frist = frist
        krav.save(update_fields=["frist"])
        deadline_close(case=sak, kind=K.SVAR_FRA_SOKER)
        hendelse(
            sak,
            H.SVARFRIST_FORLENGET,
            by,
            _("Svarfristen %(gammel)s er forlenget til %(ny)s.")
            % {"gammel": dato(gammel), "ny": dato(frist)},
        )
        if sak.soknad.kontakt_epost:
            deadline_open(
                kind=K.SVAR_FRA_SOKER,
                title=_("Svar på forespørsel: %(nr)s") % {"nr": sak.soknad.saksnummer},
                due_at=frist,
                email=sak.soknad.kontakt_epost,
                language=sak.soknad.sprak,
                case=sak,
                link=minside_url(sak),
                key=f"sak:{sak.pk}:svar:{krav.pk}:{int(frist.timestamp())}",
            )
    return krav


INNSTILLING_FIELDS = {
    "vurdering",
    "anbefaling",
    "pot",
    "belop",
    "vilkar",
    "startdato",
    "sluttdato",
    "rapportering",
    "utbetaling",
    "nye_arbeidsplasser",
    "sikrede_arbeidsplasser",
    "bagatellmessig",
    "bagatell_vurdering",
    "begrunnelse",
    "til_styret",
}


def _check_innstilling(innstilling: Innstilling, program) -> None:
    required_text(innstilling.vurdering, "vurdering", _("Skriv vurderingen mot kriteriene."))
    required_text(innstilling.begrunnelse, "begrunnelse", _("Skriv begrunnelsen til brevet."))
    if not innstilling.innvilge:
        return
    if innstilling.pot is None:
        raise DomainError(_("Velg potten tilskuddet skal tas fra."), field="pot")
    if innstilling.pot.strategi.handlingsplan.program_id != program.pk:
        raise DomainError(_("Potten hører til et annet program."), field="pot")
    if not innstilling.belop or innstilling.belop <= 0:
        raise DomainError(_("Skriv beløpet som skal innvilges."), field="belop")
    if (
        innstilling.startdato
        and innstilling.sluttdato
        and innstilling.sluttdato < innstilling.startdato
    ):
        raise DomainError(_("Sluttdato kan ikke være før startdato."), field="sluttdato")


def innstilling_lagre(
    *, behandling: Behandling, by, data: dict, delmal: list[Delmal] | None = None
) -> Innstilling:
    """Store the assessment and recommendation, and route the case to its decision-maker."""
    unknown = set(data) - INNSTILLING_FIELDS
    if unknown:
        raise ValueError(f"not recommendation fields: {sorted(unknown)}")
    with transaction.atomic():
        sak = lock(behandling)
        require(sak, B.VURDERING)
        program = sak.soknad.program
        innstilling = Innstilling.objects.filter(behandling=sak).first() or Innstilling(
            behandling=sak
        )
        for name, value in data.items():
            setattr(innstilling, name, value)
        if not innstilling.innvilge:
            innstilling.pot, innstilling.belop = None, None
        if innstilling.pot_id:
            innstilling.pot = Pot.objects.select_related("strategi__handlingsplan").get(
                pk=innstilling.pot_id
            )
        innstilling.startdato = innstilling.startdato or sak.soknad.startdato
        innstilling.sluttdato = innstilling.sluttdato or sak.soknad.sluttdato
        innstilling.laget_av = by
        _check_innstilling(innstilling, program)
        innstilling.save()
        if delmal is not None:
            innstilling.delmal.set(delmal)
        _take(sak, by)
        deadline_close(case=sak, kind=K.VURDERING)
        hendelse(sak, H.INNSTILLING, by, innstilling.get_anbefaling_display())
        today = timezone.localdate()
        sak.mote = _neste_mote(program, today)
        if regler.delegert(innstilling, program):
            move(sak, B.TIL_VEDTAK)
            sak.organ = Behandling.Organ.PROGRAMLEDER
            hendelse(sak, H.DELEGERT, by)
        else:
            move(sak, B.STYRET)
            sak.organ = Behandling.Organ.STYRET
            days = regler.regler_for(program).stemmefrist_dager
            sak.stemmefrist = timezone.now() + timedelta(days=days)
            hendelse(sak, H.TIL_STYRET, by)
            _board_deadlines(sak)
        sak.save(update_fields=["status", "organ", "stemmefrist", "mote", "programleder"])
    return innstilling


def _board_deadlines(sak: Behandling) -> None:
    soknad = sak.soknad
    title = _("Stemme: %(nr)s %(tittel)s") % {"nr": soknad.saksnummer, "tittel": soknad.tittel}
    for member in regler.styremedlemmer():
        deadline_open(
            kind=K.STEMME,
            title=title,
            due_at=sak.stemmefrist,
            user=member,
            case=sak,
            link=staff_url("soknad/inbox/"),
            key=f"sak:{sak.pk}:stemme:{member.pk}",
        )
        if member.email:
            message_send(
                to=member,
                template="board_task_assigned",
                key=f"styreoppgave:{sak.pk}:{member.pk}",
                case=soknad,
                context={
                    "name": member.get_full_name() or member.get_username(),
                    "task_title": title,
                    "reference": soknad.saksnummer,
                    "due_at": sak.stemmefrist,
                    "url": staff_url("soknad/inbox/"),
                },
            )


def habilitet_erklaer(
    *,
    behandling: Behandling,
    medlem,
    grunner: list[str],
    andre_forhold: str = "",
    inhabil_andre: bool = False,
) -> Habilitet:
    """A board member's declaration (§ 6): any automatic ground, or other circumstances they
    find weighty, makes them disqualified in this case."""
    valid = set(Habilitet.Grunn.values)
    if set(grunner) - valid:
        raise DomainError(_("Ukjent habilitetsgrunn."), field="grunner")
    if inhabil_andre and not (andre_forhold or "").strip():
        raise DomainError(_("Beskriv forholdene som gjør deg inhabil."), field="andre_forhold")
    with transaction.atomic():
        sak = lock(behandling)
        require(sak, B.STYRET)
        if Habilitet.objects.filter(behandling=sak, medlem=medlem).exists():
            raise DomainError(_("Du har allerede erklært habilitet i saken."), code="done")
        erklaring = Habilitet.objects.create(
            behandling=sak,
            medlem=medlem,
            grunner=sorted(set(grunner)),
            andre_forhold=(andre_forhold or "").strip(),
            inhabil=bool(grunner) or inhabil_andre,
        )
        if erklaring.inhabil:
            labels = ", ".join(str(Habilitet.Grunn(g).label) for g in erklaring.grunner)
            hendelse(
                sak, H.INHABIL, medlem, "; ".join(x for x in (labels, erklaring.andre_forhold) if x)
            )
            deadline_close(key=f"sak:{sak.pk}:stemme:{medlem.pk}")
        else:
            hendelse(sak, H.HABILITET, medlem)
    return erklaring


def stemme_avgi(*, behandling: Behandling, medlem, valg: str, kommentar: str = "") -> Stemme:
    if valg not in Stemme.Valg.values:
        raise DomainError(_("Velg for, mot eller avstår."), field="valg")
    with transaction.atomic():
        sak = lock(behandling)
        require(sak, B.STYRET)
        erklaring = Habilitet.objects.filter(behandling=sak, medlem=medlem).first()
        if erklaring is None:
            raise DomainError(_("Erklær habilitet før du stemmer."), code="no_declaration")
        if erklaring.inhabil:
            raise DomainError(_("Du er inhabil i saken og kan ikke stemme."), code="disqualified")
        if Stemme.objects.filter(behandling=sak, medlem=medlem).exists():
            raise DomainError(_("Du har allerede stemt i saken."), code="done")
        stemme = Stemme.objects.create(
            behandling=sak, medlem=medlem, valg=valg, kommentar=(kommentar or "").strip()
        )
        deadline_close(key=f"sak:{sak.pk}:stemme:{medlem.pk}")
        hendelse(sak, H.STEMME, medlem)
    return stemme


def soknad_unntak_sett(*, soknad: Soknad, felt=(), vedlegg=(), hjemmel: str, by) -> list[Unntak]:
    """Replace the parts of a submitted application that are exempt from public access
    (offentleglova § 13): the text fields or sections in `felt` and the attachments in
    `vedlegg`, all on the legal basis `hjemmel`. Marks that stay keep who set them and when.
    Only the programleder or an administrator may do this."""
    if by is None or not (
        getattr(by, "is_superuser", False) or has_role(by, Rolle.PROGRAMLEDER, Rolle.ADMINISTRATOR)
    ):
        raise DomainError(
            _("Bare programleder kan unnta deler av søknaden fra offentlighet."), code="forbidden"
        )
    felt = set(felt)
    if felt - set(Unntak.Felt.values):
        raise DomainError(_("Ukjent felt i søknaden."), field="felt")
    vedlegg_ids = {v.pk if isinstance(v, Vedlegg) else int(v) for v in vedlegg}
    hjemmel = (hjemmel or "").strip()
    if (felt or vedlegg_ids) and not hjemmel:
        raise DomainError(_("Oppgi hjemmelen for unntaket."), field="hjemmel")
    with transaction.atomic():
        behandling = Behandling.objects.filter(soknad_id=soknad.pk).first()
        sak = lock(behandling) if behandling is not None else None
        soknad = Soknad.objects.select_for_update().get(pk=soknad.pk)
        if soknad.status == Soknad.Status.UTKAST:
            raise DomainError(_("Et utkast er ikke offentlig."), code="wrong_state")
        egne = set(Vedlegg.objects.filter(soknad=soknad).values_list("pk", flat=True))
        if vedlegg_ids - egne:
            raise DomainError(_("Vedlegget hører til en annen søknad."), field="vedlegg")
        gjeldende = {(u.felt, u.vedlegg_id): u for u in Unntak.objects.filter(soknad=soknad)}
        onsket = {(f, None) for f in felt} | {("", pk) for pk in vedlegg_ids}
        fjernet = [u.pk for key, u in gjeldende.items() if key not in onsket]
        Unntak.objects.filter(pk__in=fjernet).delete()
        endret = bool(fjernet)
        beholdt = [u for key, u in gjeldende.items() if key in onsket and u.hjemmel != hjemmel]
        for u in beholdt:
            u.hjemmel = hjemmel
            u.save(update_fields=["hjemmel"])
        endret = endret or bool(beholdt)
        nye = [
            Unntak(soknad=soknad, felt=f, vedlegg_id=pk, hjemmel=hjemmel, merket_av=by)
            for f, pk in sorted(onsket - set(gjeldende), key=lambda k: (k[0], k[1] or 0))
        ]
        Unntak.objects.bulk_create(nye)
        endret = endret or bool(nye)
        resultat = list(
            Unntak.objects.filter(soknad=soknad).select_related("vedlegg").order_by("id")
        )
        if endret and sak is not None:
            deler = ", ".join(str(u) for u in resultat)
            tekst = (
                _("Unntatt offentlighet: %(deler)s (%(hjemmel)s)")
                % {"deler": deler, "hjemmel": hjemmel}
                if resultat
                else _("Ingen deler av søknaden er unntatt offentlighet.")
            )
            hendelse(sak, H.UNNTAK, by, tekst)
    return resultat
