"""The programleder's assessment and recommendation, and routing the case to whoever decides
it: the programleder within the delegated limit, else the board."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.formatting import kr
from felles.transaksjon import tjeneste
from handlingsplan.models import Delmal, Pot
from notifications.services import (
    DeadlineSpec,
    MessageSpec,
    deadline_close,
    deadlines_open_many,
    messages_send_many,
)
from notifications.services.outbox import case_ref
from workflow import regler
from workflow.models import INNSTILLING_FELT, Hendelse, Innstilling, Mote, Sak

from .bagatell import bagatell_check
from .grunnlag import (
    K,
    hendelser_record,
    oppgave_url,
    programleder_take,
    required_text,
    sak_lock,
)
from .tilstand import sak_move, sak_require

H = Hendelse.Type


def _neste_mote(program, today) -> Mote | None:
    return Mote.objects.filter(program=program, dato__gte=today).order_by("dato", "id").first()


INNSTILLING_FIELDS = set(INNSTILLING_FELT) - {"delmal"}  # delmal is passed on its own


def _plan_loaded(pot: Pot) -> bool:
    """The pot was read with its strategy and plan (as the assessment form reads it)."""
    return Pot.strategi.is_cached(pot) and type(pot.strategi).handlingsplan.is_cached(pot.strategi)


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
    soknadens = regler.kostnadsgrunnlag_for(innstilling.sak.soknad)
    if innstilling.kostnadsgrunnlag is None:
        innstilling.kostnadsgrunnlag = soknadens
    elif innstilling.kostnadsgrunnlag > soknadens:
        raise DomainError(
            _("Kostnadsgrunnlaget kan ikke være større enn søknadens kostnader (%(kr)s).")
            % {"kr": kr(soknadens)},
            field="kostnadsgrunnlag",
        )
    soknad = innstilling.sak.soknad
    innstilling.stotteintensitet = soknad.program.stotteintensitet_for(soknad.fase)
    regler.stotteintensitet_check(innstilling, innstilling.belop)
    if (
        innstilling.startdato
        and innstilling.sluttdato
        and innstilling.sluttdato < innstilling.startdato
    ):
        raise DomainError(_("Sluttdato kan ikke være før startdato."), field="sluttdato")
    if innstilling.bagatellmessig:
        bagatell_check(sak=innstilling.sak, belop=innstilling.belop, dato=timezone.localdate())


def innstilling_save(
    *, sak: Sak, by, data: dict, delmal: list[Delmal] | None = None
) -> Innstilling:
    """Store the assessment and recommendation, and route the case to its decision-maker."""
    with tjeneste():
        return _innstilling_save(sak_lock(sak), by=by, data=data, delmal=delmal)


def _innstilling_save(sak: Sak, *, by, data: dict, delmal) -> Innstilling:
    """innstilling_save on a case already locked by the caller."""
    unknown = set(data) - INNSTILLING_FIELDS
    if unknown:
        raise ValueError(f"not recommendation fields: {sorted(unknown)}")
    sak_require(sak, "til_programleder", "til_styret")
    program = sak.soknad.program
    innstilling = getattr(sak, "innstilling", None) or Innstilling(sak=sak)
    for name, value in data.items():
        setattr(innstilling, name, value)
    if not innstilling.innvilge:
        innstilling.pot, innstilling.belop = None, None
        innstilling.kostnadsgrunnlag = innstilling.stotteintensitet = None
    if innstilling.pot_id and not _plan_loaded(innstilling.pot):
        innstilling.pot = Pot.objects.select_related("strategi__handlingsplan").get(
            pk=innstilling.pot_id
        )
    innstilling.startdato = innstilling.startdato or sak.soknad.startdato
    innstilling.sluttdato = innstilling.sluttdato or sak.soknad.sluttdato
    innstilling.laget_av = by
    _check_innstilling(innstilling, program)
    created = innstilling.pk is None
    innstilling.save()
    if delmal and created:
        innstilling.delmal.add(*delmal)  # a new recommendation has none to compare with
    elif delmal is not None and not created:
        innstilling.delmal.set(delmal)
    programleder_take(sak, by)
    deadline_close(case=sak, kind=K.VURDERING)
    anbefalt = (H.INNSTILLING, innstilling.get_anbefaling_display())
    today = timezone.localdate()
    sak.mote = _neste_mote(program, today)
    if regler.delegert(innstilling, program):
        sak_move(sak, "til_programleder")
        sak.organ = Sak.Organ.PROGRAMLEDER
        hendelser_record(sak, anbefalt, (H.DELEGERT, ""), by=by)
    else:
        sak_move(sak, "til_styret")
        sak.organ = Sak.Organ.STYRET
        days = regler.regler_for(program).stemmefrist_dager
        sak.stemmefrist = timezone.now() + timedelta(days=days)
        hendelser_record(sak, anbefalt, (H.TIL_STYRET, ""), by=by)
        _board_deadlines(sak)
    sak.save(update_fields=["status", "organ", "stemmefrist", "mote", "programleder"])
    return innstilling


def _board_deadlines(sak: Sak) -> None:
    """A vote deadline and a notice for every board member, in a fixed number of queries."""
    title = _("Stemme: %(nr)s %(tittel)s") % {"nr": sak.saksnummer, "tittel": sak.tittel}
    members = regler.styret(sak)  # kept on the case: the flow gives these members their tasks
    frister = deadlines_open_many(
        [
            DeadlineSpec(
                kind=K.STEMME,
                title=title,
                due_at=sak.stemmefrist,
                user=member,
                language=member.sprak or settings.LANGUAGE_CODE,
                case=sak,
                link=oppgave_url(sak),
                key=f"sak:{sak.pk}:stemme:{member.pk}",
            )
            for member in members
        ]
    )
    case_type_id, case_id = case_ref(sak.emne)
    messages_send_many(
        [
            MessageSpec(
                to_email=member.email,
                template="board_task_assigned",
                key=f"styreoppgave:{sak.pk}:{member.pk}",
                language=frist.language,
                user_id=member.pk,
                case_type_id=case_type_id,
                case_id=case_id,
                context={
                    "name": member.get_full_name() or member.get_username(),
                    "task_title": title,
                    "reference": sak.saksnummer,
                    "due_at": sak.stemmefrist,
                    "url": oppgave_url(sak),
                },
            )
            for member, frist in zip(members, frister, strict=True)
            if member.email
        ]
    )


UNNTAK_FORM_FIELDS = {
    "felt": "unntak_felt",
    "vedlegg": "unntak_vedlegg",
    "hjemmel": "unntak_hjemmel",
}


def vurdering_save(
    *, sak: Sak, by, data: dict, delmal: list[Delmal] | None = None, unntak: dict
) -> Innstilling:
    """The assessment task as one change: the parts exempt from public access, then the
    recommendation and routing. An error names the assessment form's field."""
    from .habilitet import saksbehandler_check
    from .unntak import unntak_set

    saksbehandler_check(sak, by)
    with tjeneste():
        sak = sak_lock(sak)
        try:
            unntak_set(soknad=sak.soknad, by=by, sak=sak, **unntak)
        except DomainError as exc:
            field = UNNTAK_FORM_FIELDS.get(exc.field, exc.field)
            raise DomainError(exc.message, field=field, code=exc.code) from exc
        return _innstilling_save(sak, by=by, data=data, delmal=delmal)
