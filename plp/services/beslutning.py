"""The decision point after a phase (BP2–BP4): the owner goes on, changes course, stops or
hands over, with reasons and the steering group's minutes, resting on the approved final
report. Going on opens the next phase's application, filled in from the project."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from felles.errors import DomainError
from felles.formatting import kr
from felles.transaksjon import tjeneste
from handlingsplan.models import Forpliktelse
from handlingsplan.services import forpliktelse_release
from plp.models import Beslutningspunkt, Beslutningspunktnavn, Fase, Prosjekt, Sluttrapport
from soknader.models import Kostnadslinje
from soknader.services import soknad_create, soknad_draft_save

from .felles import BP_ETTER_FASE, NESTE_FASE, flow_resume, required_text, send_to_project
from .tilstand import fase_lock, prosjekt_lock, prosjekt_move

V = Beslutningspunkt.Valg
MAKS_REFERAT = 20 * 1024 * 1024
STANDARDNAVN = {
    1: gettext_lazy("BP1 Start forstudie"),
    2: gettext_lazy("BP2 Gå til forprosjekt"),
    3: gettext_lazy("BP3 Gå til hovedprosjekt"),
    4: gettext_lazy("BP4 Avslutte eller overlevere til drift"),
}


def bp_navn(program, nummer: int) -> str:
    """The program's name for decision point `nummer`, or the PLP default."""
    own = Beslutningspunktnavn.objects.filter(program=program, nummer=nummer).first()
    return own.navn if own else str(STANDARDNAVN[nummer])


def _check_referat(referat) -> None:
    if referat is None:
        raise DomainError(
            _("Last opp referatet fra styringsgruppens møte der beslutningen ble tatt."),
            field="referat",
        )
    if referat.size > MAKS_REFERAT:
        raise DomainError(_("Referatet kan være på høyst 20 MB."), field="referat")
    name = (referat.name or "").lower()
    if not name.endswith((".pdf", ".docx", ".odt", ".txt")):
        raise DomainError(
            _("Last opp referatet som PDF, Word (docx), ODT eller tekst."), field="referat"
        )


def beslutningspunkt_decide(
    *, fase: Fase, valg: str, begrunnelse: str, referat, by=None
) -> Beslutningspunkt:
    """The owner's decision at the decision point after `fase`."""
    begrunnelse = required_text(begrunnelse, "begrunnelse", _("Begrunn beslutningen."))
    if valg not in V.values:
        raise DomainError(_("Velg hva prosjektet skal gjøre videre."), field="valg")
    _check_referat(referat)
    with tjeneste():
        fase = fase_lock(fase)
        prosjekt = prosjekt_lock(fase.prosjekt)
        if Beslutningspunkt.objects.filter(fase=fase).exists():
            raise DomainError(_("Beslutningen etter denne fasen er allerede tatt."), code="done")
        rapport = Sluttrapport.objects.filter(fase=fase).first()
        if (
            fase.status != Fase.Status.AVSLUTTET
            or rapport is None
            or (rapport.status != Sluttrapport.Status.GODKJENT)
        ):
            raise DomainError(
                _(
                    "Beslutningspunktet bygger på fasens sluttrapport. Send sluttrapporten "
                    "og vent til programlederen har godkjent den."
                ),
                code="needs_final_report",
            )
        neste = NESTE_FASE.get(fase.fase)
        if valg == V.VIDERE and neste is None:
            raise DomainError(
                _("Hovedprosjektet er siste fase. Velg å avslutte eller overlevere til drift."),
                field="valg",
            )
        bp = Beslutningspunkt.objects.create(
            fase=fase,
            nummer=BP_ETTER_FASE[fase.fase],
            valg=valg,
            begrunnelse=begrunnelse,
            referat=referat,
        )
        if valg in (V.VIDERE, V.ENDRE):
            soknad = _neste_soknad(
                fase, prosjekt, rapport, neste if valg == V.VIDERE else fase.fase
            )
            bp.neste_soknad = soknad
            bp.save(update_fields=["neste_soknad"])
            send_to_project(
                fase,
                template="plp_neste_fase",
                key=f"plp:neste:{bp.pk}",
                secret_link={"kind": "utkast", "soknad_id": soknad.pk},
                decision_point=bp_navn(prosjekt.program, bp.nummer),
            )
        else:
            # What the costs did not earn went back to the pot when the final report was
            # approved; what they earned stays committed for the final payout.
            prosjekt_move(prosjekt, "stopp" if valg == V.STOPP else "overlever")
            prosjekt.save(update_fields=["status"])
            send_to_project(
                fase,
                template="plp_prosjekt_avsluttet",
                key=f"plp:avsluttet:{bp.pk}",
                status=prosjekt.get_status_display(),
                released=kr(Forpliktelse.objects.get(pk=fase.forpliktelse_id).frigjort),
            )
        flow_resume(prosjekt, "beslutningspunkt")
    return bp


def prosjekt_stop_early(*, fase: Fase, begrunnelse: str, referat, by=None) -> Fase:
    """The owner stops the project before the phase is done (a decision point within the
    phase): all that is left of the commitment goes back to its pot."""
    begrunnelse = required_text(begrunnelse, "begrunnelse", _("Begrunn beslutningen."))
    _check_referat(referat)
    from .tilstand import fase_move

    with tjeneste():
        fase = fase_lock(fase)
        prosjekt = prosjekt_lock(fase.prosjekt)
        fase_move(fase, "stopp")
        fase.save(update_fields=["status"])
        Beslutningspunkt.objects.create(
            fase=fase,
            nummer=BP_ETTER_FASE[fase.fase],
            valg=V.STOPP,
            begrunnelse=begrunnelse,
            referat=referat,
        )
        forpliktelse_release(
            forpliktelse=fase.forpliktelse, reason=_("Prosjektet stoppet underveis."), by=by
        )
        prosjekt_move(prosjekt, "stopp")
        prosjekt.save(update_fields=["status"])
        from plp import frister

        frister.close(fase)
        from .felles import prosjekt_prosess

        process = prosjekt_prosess(prosjekt)
        if process is not None:
            process.flow_class.instance.cancel(process)
    return fase


def _organisering(tekst: str, prosjekt: Prosjekt) -> str:
    """The previous application's organisation, with the project's reference group as it is
    now (in place of the line an earlier phase's draft got)."""
    merke = _("Referansegruppe:")
    linjer = [linje for linje in (tekst or "").splitlines() if not linje.startswith(merke)]
    medlemmer = [f"{m.navn} ({m.rolle})" for m in prosjekt.referansegruppe_medlemmer.all()]
    if medlemmer:
        linjer.append(f"{merke} {', '.join(medlemmer)}")
    return "\n".join(linjer).strip()


def _neste_soknad(fase: Fase, prosjekt: Prosjekt, rapport: Sluttrapport, neste_fase: str):
    """A draft for the next phase, filled in from the project: organisation, people, the
    results so far and the plan. The applicant completes and sends it as any application."""
    forrige = fase.sak.soknad
    soknad = soknad_create(program=prosjekt.program, sprak=forrige.sprak)
    resultater = _("Resultater fra %(fase)s:") % {"fase": fase.get_fase_display().lower()}
    bakgrunn = f"{resultater}\n{rapport.resultater}"
    fields = {
        "orgnr": prosjekt.orgnr,
        "org_navn": prosjekt.org_navn,
        "org_form": forrige.org_form,
        "org_adresse": forrige.org_adresse,
        "org_postnummer": forrige.org_postnummer,
        "org_poststed": forrige.org_poststed,
        "org_naeringskode": forrige.org_naeringskode,
        "org_antall_ansatte": forrige.org_antall_ansatte,
        "org_kilde": forrige.org_kilde,
        "kontakt_navn": prosjekt.prosjektansvarlig_navn,
        "kontakt_epost": prosjekt.prosjektansvarlig_epost,
        "kontakt_telefon": forrige.kontakt_telefon,
        "prosjektleder_navn": prosjekt.prosjektleder_navn,
        "prosjektleder_epost": prosjekt.prosjektleder_epost,
        "prosjektleder_telefon": forrige.prosjektleder_telefon,
        "tittel": prosjekt.navn,
        "kort_beskrivelse": forrige.kort_beskrivelse,
        "bakgrunn": bakgrunn,
        "mal": rapport.neste_fase_plan or forrige.mal,
        "forankring": forrige.forankring,
        "organisering": _organisering(forrige.organisering, prosjekt),
        "fase": neste_fase,
        "tidligere_fase": forrige,
        "foreslatt_innsatsomrade": forrige.foreslatt_innsatsomrade,
        "foreslatt_strategi": forrige.foreslatt_strategi,
    }
    kostnader = [
        {
            "kategori": k.kategori,
            "beskrivelse": k.beskrivelse,
            "timer": k.timer,
            "timesats": k.timesats,
            "belop": k.belop,
        }
        for k in forrige.kostnader.all()
        if k.kategori in Kostnadslinje.Kategori.values
    ]
    return soknad_draft_save(soknad=soknad, fields=fields, kostnader=kostnader)
