"""What a person is told after a task: what happened and what comes next, read from the
case's state after the task."""

from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from felles.formatting import dato, kr
from workflow.models import Sak

B = Sak.Status


def neste_steg(sak: Sak) -> str:
    nr = sak.saksnummer
    if sak.status == B.VURDERING:
        return _("%(nr)s: søknaden er komplett. Neste steg er vurdering og innstilling.") % {
            "nr": nr
        }
    if sak.status == B.VENTER_SVAR:
        krav = sak.opplysningskrav.filter(besvart__isnull=True).last()
        return _(
            "%(nr)s: søkeren er bedt om opplysninger med svarfrist %(frist)s. Saken kommer "
            "tilbake til kompletthetskontroll når søkeren svarer."
        ) % {"nr": nr, "frist": dato(krav.frist) if krav else "–"}
    if sak.status == B.TIL_VEDTAK:
        return _(
            "%(nr)s: innstillingen er lagret. Beløpet er innenfor din delegerte grense, så "
            "neste steg er ditt vedtak."
        ) % {"nr": nr}
    if sak.status == B.STYRET:
        frist = dato(sak.stemmefrist) if sak.stemmefrist else "–"
        return _(
            "%(nr)s: saken er hos styret. Medlemmene erklærer habilitet og stemmer innen "
            "%(frist)s; deretter bekrefter styreleder vedtaket."
        ) % {"nr": nr, "frist": frist}
    return _("%(nr)s: %(status)s.") % {"nr": nr, "status": sak.get_status_display()}


def etter_vedtak(nr: str, vedtak) -> str:
    """After a decision, read from the decision itself."""
    tilsagn = getattr(vedtak, "tilsagn", None) if vedtak.belop else None
    if tilsagn is not None:
        return _(
            "%(nr)s: innvilget %(belop)s. Tilsagnsbrevet sendes søkeren, som må akseptere "
            "innen %(frist)s."
        ) % {"nr": nr, "belop": kr(vedtak.belop), "frist": dato(tilsagn.akseptfrist)}
    return _("%(nr)s: søknaden er avslått. Avslagsbrevet sendes søkeren.") % {"nr": nr}


def stemme_registrert(sak: Sak) -> str:
    return _(
        "%(nr)s: stemmen din er registrert. Styreleder bekrefter vedtaket når alle habile "
        "har stemt eller fristen er ute."
    ) % {"nr": sak.saksnummer}


def pott_for_liten(pot, belop: int) -> str:
    return _(
        "Anbefalt beløp (%(belop)s) er større enn det som er tilgjengelig i pott %(pott)s nå "
        "(%(tilgjengelig)s). Vedtaket kan ikke bekreftes før potten har nok midler."
    ) % {"belop": kr(belop), "pott": pot.strategi.bokstav, "tilgjengelig": kr(pot.tilgjengelig)}


def etter_oppgave(nr: str, activation) -> str:
    """After a step of a flow without its own words (an appeal's): the step done, and the
    steps open now, or that nothing is left."""
    open_now = activation.process.task_set.filter(
        status__in=(STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED),
        flow_task_type__in=("HUMAN", "FUNCTION"),
    ).exclude(pk=activation.task.pk)
    neste = sorted({str(t.flow_task.task_title) for t in open_now})
    oppgave = str(activation.flow_task.task_title)
    if neste:
        return _("%(nr)s: «%(oppgave)s» er fullført. Neste steg: %(neste)s.") % {
            "nr": nr,
            "oppgave": oppgave,
            "neste": ", ".join(neste),
        }
    return _("%(nr)s: «%(oppgave)s» er fullført. Saken er ferdig behandlet.") % {
        "nr": nr,
        "oppgave": oppgave,
    }
