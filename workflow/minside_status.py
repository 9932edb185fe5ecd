"""What Min side says about an application once it has a case: the case's status in the
applicant's words, what happens next, and which actions are open (soknader.minside_status)."""

from django.utils.translation import gettext_lazy as _

from soknader.minside_status import MinSideStatus, case_status_register
from workflow.models import Sak

B = Sak.Status

BEFORE_DECISION = {B.KONTROLL, B.VENTER_SVAR, B.VURDERING, B.TIL_VEDTAK, B.STYRET}

TEKST = {
    B.KONTROLL: (
        _("Mottatt, under kontroll"),
        _(
            "Programlederen går gjennom søknaden og sjekker at den er komplett. "
            "Mangler det noe, ber vi deg om det på e-post."
        ),
    ),
    B.VENTER_SVAR: (
        _("Venter på svar fra deg"),
        _(
            "Programlederen trenger flere opplysninger. Svar nedenfor innen fristen, så "
            "fortsetter behandlingen."
        ),
    ),
    B.VURDERING: (
        _("Under vurdering"),
        _("Søknaden er komplett. Programlederen vurderer den og skriver en innstilling."),
    ),
    B.TIL_VEDTAK: (
        _("Til vedtak"),
        _("Programlederen fatter vedtak i saken. Du får vedtaksbrevet på e-post og her."),
    ),
    B.STYRET: (
        _("Til behandling i styret"),
        _(
            "Styret behandler søknaden. Du får vedtaksbrevet på e-post og her når styret "
            "har vedtatt."
        ),
    ),
    B.VENTER_AKSEPT: (
        _("Innvilget, venter på aksept"),
        _(
            "Dere har fått tilsagn. Les vilkårene og aksepter tilsagnet innen fristen; "
            "ellers faller det bort."
        ),
    ),
    B.AKSEPTERT: (
        _("Innvilget og akseptert"),
        _(
            "Tilsagnet er akseptert. Programlederen følger opp prosjektet, og tilskuddet "
            "utbetales etter vilkårene i tilsagnsbrevet."
        ),
    ),
    B.AVSLATT: (
        _("Avslått"),
        _("Søknaden er avslått. Begrunnelsen og hvordan du kan klage, står i vedtaksbrevet."),
    ),
    B.BORTFALT: (
        _("Tilsagnet falt bort"),
        _("Tilsagnet ble ikke akseptert innen fristen og har falt bort."),
    ),
    B.TRUKKET: (
        _("Trukket"),
        _("Du har trukket søknaden. Den blir ikke behandlet videre."),
    ),
    B.AVBRUTT: (
        _("Avsluttet"),
        _("Programlederen har avsluttet saken. Grunnen står i e-posten du fikk."),
    ),
}


def status_for(status: str) -> MinSideStatus:
    tekst, neste = TEKST[status]
    waits = status == B.VENTER_AKSEPT
    return MinSideStatus(
        tekst,
        neste,
        kan_trekkes=status in BEFORE_DECISION,
        kan_takke_nei=waits,
        kan_akseptere=waits,
    )


def case_statuses(soknader) -> dict[int, MinSideStatus]:
    """One query for any number of applications."""
    rows = Sak.objects.filter(soknad__in=[s.pk for s in soknader]).values_list(
        "soknad_id", "status"
    )
    return {soknad_id: status_for(status) for soknad_id, status in rows}


def register() -> None:
    case_status_register(case_statuses)
