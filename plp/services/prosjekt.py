"""The project from the grant: an accepted grant opens a phase (and the project, the first
time), the phase starts, and a phase not started in time lapses with its money."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.formatting import dato, kr
from felles.transaksjon import etter_commit, tjeneste
from handlingsplan.models import Delmal, PlpFase
from handlingsplan.services import forpliktelse_release
from plp import frister
from plp.models import (
    Beslutningspunkt,
    DelmalTelling,
    Fase,
    FaseBudsjettpost,
    Fasedokument,
    Kostnadskategori,
    Milepael,
    Prosjekt,
)
from soknader.models import Kostnadslinje
from workflow.models import Sak, Tilsagn

from .felles import add_months, flow_resume, send_to_project
from .tilstand import fase_lock, fase_move, prosjekt_lock, prosjekt_move

KL = Kostnadslinje.Kategori
# The application's cost lines, kept by the project's cost categories.
KATEGORI_FRA_SOKNAD = {
    KL.PERSONELL: Kostnadskategori.LONN,
    KL.TJENESTER: Kostnadskategori.KJOP,
    KL.INVESTERINGER: Kostnadskategori.UTSTYR,
    KL.REISER: Kostnadskategori.REISE,
    KL.LOKALER: Kostnadskategori.ANDRE,
    KL.ANNET: Kostnadskategori.ANDRE,
}
BORTFALL_VARSEL_DAGER = 14  # days from the notice until a phase not started lapses


def sak_avsluttet(*, sak: Sak) -> Fase | None:
    """A case ended. An accepted grant opens its phase; a next phase's application that
    ended without one closes the project, whose flow waited for it."""
    if sak.soknad_id is None:
        return None
    if sak.status == Sak.Status.AKSEPTERT:
        # A worker opens the phase once the acceptance has committed (plp.tasks), so the
        # applicant's acceptance stays a small step; a sweep opens any it missed.
        sak_id = sak.pk
        etter_commit(lambda: _enqueue(sak_id))
        return None
    bp = (
        Beslutningspunkt.objects.select_related("fase__prosjekt")
        .filter(neste_soknad_id=sak.soknad_id)
        .first()
    )
    if bp is not None:
        prosjekt = prosjekt_lock(bp.fase.prosjekt)
        if prosjekt.status == Prosjekt.Status.AKTIV:
            prosjekt_move(prosjekt, "avslutt")
            prosjekt.save(update_fields=["status"])
        flow_resume(prosjekt, "neste_fase")
    return None


def _enqueue(sak_id: int) -> None:
    from plp.tasks import fase_opprett_enqueue

    fase_opprett_enqueue(sak_id)


def fase_opprett_sweep(*, older_than=datetime.timedelta(minutes=5)) -> int:
    """Open the phase of every accepted grant that has none after `older_than`."""
    waiting = Sak.objects.filter(
        status=Sak.Status.AKSEPTERT,
        soknad__isnull=False,
        plp_fase__isnull=True,
        avsluttet__lt=timezone.now() - older_than,
    ).values_list("pk", flat=True)
    opened = 0
    for pk in list(waiting):
        fase_opprett(sak=Sak.objects.get(pk=pk))
        opened += 1
    return opened


def _prosjekt_for(sak: Sak) -> Prosjekt | None:
    soknad = sak.soknad
    if soknad.tidligere_fase_id:
        bp = Beslutningspunkt.objects.filter(neste_soknad=soknad).select_related("fase").first()
        if bp is not None:
            return bp.fase.prosjekt
        tidligere = Fase.objects.filter(sak__soknad_id=soknad.tidligere_fase_id).first()
        if tidligere is not None:
            return tidligere.prosjekt
    return None


def fase_opprett(*, sak: Sak, today: datetime.date | None = None) -> Fase:
    """The phase an accepted grant funds, with its budget, its plan and its deadlines."""
    today = today or timezone.localdate()
    with tjeneste():
        existing = Fase.objects.filter(sak=sak).first()
        if existing is not None:
            return existing
        soknad = sak.soknad
        program = soknad.program
        tilsagn = Tilsagn.objects.get(vedtak__sak=sak)
        innstilling = getattr(sak, "innstilling", None)
        prosjekt = _prosjekt_for(sak)
        ny = prosjekt is None
        if ny:
            prosjekt = Prosjekt.objects.create(
                program=program,
                navn=soknad.tittel,
                orgnr=soknad.orgnr,
                org_navn=soknad.org_navn,
                prosjektansvarlig_navn=soknad.kontakt_navn,
                prosjektansvarlig_epost=soknad.kontakt_epost,
                prosjektleder_navn=soknad.prosjektleder_navn or soknad.kontakt_navn,
                prosjektleder_epost=soknad.prosjektleder_epost or soknad.kontakt_epost,
                programleder_id=sak.programleder_id,
            )
        else:
            prosjekt = prosjekt_lock(prosjekt)
            prosjekt_move(prosjekt, "ny_fase")
        kostnader = list(soknad.kostnader.all())
        grunnlag = (innstilling.kostnadsgrunnlag if innstilling else None) or sum(
            k.belop for k in kostnader
        )
        startdato = (innstilling.startdato if innstilling else None) or soknad.startdato
        sluttdato = (innstilling.sluttdato if innstilling else None) or soknad.sluttdato
        fase = Fase.objects.create(
            prosjekt=prosjekt,
            fase=soknad.fase or PlpFase.FORSTUDIE,
            rekkefolge=1 if ny else prosjekt.faser.count() + 1,
            sak=sak,
            forpliktelse_id=tilsagn.forpliktelse_id,
            tilskudd=tilsagn.belop,
            kostnadsgrunnlag=max(grunnlag, tilsagn.belop),
            startdato=startdato,
            sluttdato=sluttdato,
            oppstartsfrist=add_months(today, program.oppstartsfrist_maneder),
            utbetalingsfrist=(
                sluttdato + datetime.timedelta(days=program.sluttfrist_grace_dager)
                if sluttdato
                else None
            ),
        )
        budsjett: dict[str, int] = {}
        for linje in kostnader:
            kategori = KATEGORI_FRA_SOKNAD.get(linje.kategori, Kostnadskategori.ANDRE)
            budsjett[kategori] = budsjett.get(kategori, 0) + linje.belop
        FaseBudsjettpost.objects.bulk_create(
            FaseBudsjettpost(fase=fase, kategori=k, belop=b) for k, b in budsjett.items()
        )
        Fasedokument.objects.create(
            fase=fase,
            problem=soknad.bakgrunn,
            mal=soknad.mal,
            omfang=soknad.kort_beskrivelse,
            organisering=soknad.organisering,
            statusrapportering=(innstilling.rapportering if innstilling else ""),
        )
        Milepael.objects.bulk_create(
            Milepael(fase=fase, navn=a.navn[:200], frist=a.slutt) for a in soknad.aktiviteter.all()
        )
        items = [(frister.PlpFrist.OPPSTART, "oppstart", fase.oppstartsfrist, _("Oppstart"))]
        if sluttdato:
            items.append((frister.SLUTTRAPPORT, "sluttrapport", sluttdato, _("Sluttrapport")))
        items += frister.utbetalingsfrist_item(fase)
        frister.open_for(fase, *items)
        if ny:
            from plp.flows import ProsjektFlow  # the flow calls these services in turn

            ProsjektFlow.start.run(prosjekt=prosjekt)
        else:
            flow_resume(prosjekt, "neste_fase")
    return fase


def fase_start(*, fase: Fase, startet: datetime.date | None = None, today=None) -> Fase:
    """The project reports that the phase has started: the start deadline closes, the first
    status report falls due, and the grant's sub-goals count as started (igangsatt)."""
    today = today or timezone.localdate()
    startet = startet or today
    with tjeneste():
        fase = fase_lock(fase)
        _not_closed(fase.prosjekt)
        if startet > today:
            raise DomainError(
                _(
                    "Startdatoen kan ikke være fram i tid. "
                    "Meld oppstart når prosjektet har startet."
                ),
                field="startet",
            )
        fase_move(fase, "start")
        fase.startet_dato = startet
        fase.save(update_fields=["status", "startet_dato"])
        frister.close(fase, frister.PlpFrist.OPPSTART)
        intervall = _intervall(fase)
        neste = add_months(startet, intervall)
        if fase.sluttdato is None or neste < fase.sluttdato:
            frister.statusrapport_open(fase, neste)
        innstilling = getattr(fase.sak, "innstilling", None)
        delmal = list(innstilling.delmal.all()) if innstilling else []
        DelmalTelling.objects.bulk_create(
            [
                DelmalTelling(fase=fase, delmal=d, milepael=Delmal.Milepael.IGANGSATT, dato=startet)
                for d in delmal
            ],
            ignore_conflicts=True,
        )
    return fase


def _intervall(fase: Fase) -> int:
    dokument = Fasedokument.objects.filter(fase=fase).first()
    return dokument.rapportintervall_maneder if dokument else 3


def _not_closed(prosjekt: Prosjekt) -> None:
    from .felles import not_closed

    not_closed(prosjekt)


def fase_lapse(*, fase: Fase, grunn: str, by=None) -> Fase:
    """The phase's grant lapses: all that is left of the commitment goes back to its pot,
    the project is told, and a project with nothing more running ends."""
    with tjeneste():
        fase = fase_lock(fase)
        fase_move(fase, "bortfall")
        fase.save(update_fields=["status"])
        frigjort = forpliktelse_release(forpliktelse=fase.forpliktelse, reason=grunn, by=by)
        frister.close(fase)
        prosjekt = prosjekt_lock(fase.prosjekt)
        if prosjekt.status == Prosjekt.Status.AKTIV:
            prosjekt_move(prosjekt, "avslutt")
            prosjekt.save(update_fields=["status"])
        send_to_project(
            fase,
            template="plp_bortfall",
            key=f"plp:bortfall:{fase.pk}",
            legal=True,
            reason=grunn,
            amount=kr(frigjort.belop if frigjort else 0),
        )
        from .felles import prosjekt_prosess

        process = prosjekt_prosess(prosjekt)
        if process is not None:
            process.flow_class.instance.cancel(process)
    return fase


def oppstart_sweep(*, today: datetime.date | None = None) -> int:
    """Phases not started by their start deadline: a notice first, and the grant lapses
    when the notice's days have passed. One transaction each; returns the phases lapsed."""
    today = today or timezone.localdate()
    lapsed = 0
    due = Fase.objects.filter(status=Fase.Status.IKKE_STARTET, oppstartsfrist__lt=today)
    for fase in due.select_related("prosjekt", "sak__soknad"):
        if fase.bortfall_varslet is None:
            with tjeneste():
                Fase.objects.filter(pk=fase.pk).update(bortfall_varslet=today)
                send_to_project(
                    fase,
                    template="plp_bortfall_varsel",
                    key=f"plp:bortfallsvarsel:{fase.pk}",
                    deadline=dato(today + datetime.timedelta(days=BORTFALL_VARSEL_DAGER)),
                    start_deadline=dato(fase.oppstartsfrist),
                )
        elif fase.bortfall_varslet + datetime.timedelta(days=BORTFALL_VARSEL_DAGER) < today:
            grunn = _("Prosjektet startet ikke innen fristen %(d)s.") % {
                "d": dato(fase.oppstartsfrist)
            }
            try:
                fase_lapse(fase=fase, grunn=grunn)
                lapsed += 1
            except DomainError:  # started meanwhile
                continue
    return lapsed
