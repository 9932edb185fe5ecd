"""The programleder's assessment and recommendation, and routing the case to whoever decides
it: the programleder within the delegated limit, else the board."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from handlingsplan.models import Delmal, Pot
from notifications.services import deadline_close, deadline_open, message_send
from workflow import regler
from workflow.models import Hendelse, Innstilling, Mote, Sak

from .grunnlag import (
    INBOX,
    K,
    hendelse_record,
    programleder_take,
    required_text,
    sak_lock,
    staff_url,
)
from .tilstand import sak_move, sak_require

H = Hendelse.Type


def _neste_mote(program, today) -> Mote | None:
    return Mote.objects.filter(program=program, dato__gte=today).order_by("dato", "id").first()


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


def innstilling_save(
    *, sak: Sak, by, data: dict, delmal: list[Delmal] | None = None
) -> Innstilling:
    """Store the assessment and recommendation, and route the case to its decision-maker."""
    unknown = set(data) - INNSTILLING_FIELDS
    if unknown:
        raise ValueError(f"not recommendation fields: {sorted(unknown)}")
    with transaction.atomic():
        sak = sak_lock(sak)
        sak_require(sak, "til_programleder", "til_styret")
        program = sak.soknad.program
        innstilling = Innstilling.objects.filter(sak=sak).first() or Innstilling(
            sak=sak
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
        programleder_take(sak, by)
        deadline_close(case=sak, kind=K.VURDERING)
        hendelse_record(sak, H.INNSTILLING, by, innstilling.get_anbefaling_display())
        today = timezone.localdate()
        sak.mote = _neste_mote(program, today)
        if regler.delegert(innstilling, program):
            sak_move(sak, "til_programleder")
            sak.organ = Sak.Organ.PROGRAMLEDER
            hendelse_record(sak, H.DELEGERT, by)
        else:
            sak_move(sak, "til_styret")
            sak.organ = Sak.Organ.STYRET
            days = regler.regler_for(program).stemmefrist_dager
            sak.stemmefrist = timezone.now() + timedelta(days=days)
            hendelse_record(sak, H.TIL_STYRET, by)
            _board_deadlines(sak)
        sak.save(update_fields=["status", "organ", "stemmefrist", "mote", "programleder"])
    return innstilling


def _board_deadlines(sak: Sak) -> None:
    title = _("Stemme: %(nr)s %(tittel)s") % {"nr": sak.saksnummer, "tittel": sak.tittel}
    for member in regler.styremedlemmer():
        deadline_open(
            kind=K.STEMME,
            title=title,
            due_at=sak.stemmefrist,
            user=member,
            case=sak,
            link=staff_url(INBOX),
            key=f"sak:{sak.pk}:stemme:{member.pk}",
        )
        if member.email:
            message_send(
                to=member,
                template="board_task_assigned",
                key=f"styreoppgave:{sak.pk}:{member.pk}",
                case=sak.emne,
                context={
                    "name": member.get_full_name() or member.get_username(),
                    "task_title": title,
                    "reference": sak.saksnummer,
                    "due_at": sak.stemmefrist,
                    "url": staff_url(INBOX),
                },
            )




UNNTAK_FORM_FIELDS = {"felt": "unntak_felt", "vedlegg": "unntak_vedlegg", "hjemmel": "unntak_hjemmel"}


def vurdering_save(
    *, sak: Sak, by, data: dict, delmal: list[Delmal] | None = None, unntak: dict
) -> Innstilling:
    """The assessment task as one change: the parts exempt from public access, then the
    recommendation and routing. An error names the assessment form's field."""
    from .unntak import unntak_set

    with transaction.atomic():
        try:
            unntak_set(soknad=sak.soknad, by=by, **unntak)
        except DomainError as exc:
            field = UNNTAK_FORM_FIELDS.get(exc.field, exc.field)
            raise DomainError(exc.message, field=field, code=exc.code) from exc
        return innstilling_save(sak=sak, by=by, data=data, delmal=delmal)
