"""Demo projects for `make run`: projects in every phase and state, each funded through a
real case (checked, assessed and granted by the programleder, accepted by the applicant),
then moved on through the project's own services: started, reported on, final reports sent
and approved, one stopped at its decision point with its unused money released. Each counts
toward the sub-goals of the strategy that funds it: started, and completed once its final
report is approved."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from viewflow.workflow.status import STATUS

from handlingsplan.models import Pot
from plp import services
from plp.models import Fase, Prosjekt
from soknader import services as soknad_services
from soknader.selectors import program_current
from workflow import services as sv
from workflow.demo import programleder_declares
from workflow.models import Sak

# name, orgnr, phase, grant, costs, how far it goes
DEMO_PROSJEKTER = [
    (
        "Forstudie: digital booking på Mysuseter",
        "915533930",
        "forstudie",
        60_000,
        150_000,
        "tildelt",
    ),
    ("Forstudie: lokal sykkelproduksjon", "920413609", "forstudie", 50_000, 120_000, "lopende"),
    (
        "Forprosjekt: kortreist tre i Sel",
        "912345688",
        "forprosjekt",
        90_000,
        200_000,
        "sluttrapport",
    ),
    ("Hovedprosjekt: Otta bryggeri", "917234566", "hovedprosjekt", 100_000, 400_000, "lopende"),
    ("Forstudie: helårs gjestegård", "998877660", "forstudie", 80_000, 200_000, "stoppet"),
    (
        "Forstudie: felles lager for matprodusenter",
        "990011222",
        "forstudie",
        70_000,
        175_000,
        "godkjent",
    ),
]


def _perform(process, node_name: str, action) -> None:
    task = next(
        t for t in process.task_set.filter(status=STATUS.ASSIGNED) if t.flow_task.name == node_name
    )
    with transaction.atomic(), task.activation() as activation:
        activation.start(None)
        action(task.owner)
        activation.execute()


def _granted(program, navn, orgnr, fase, belop, kostnad) -> Fase:
    today = timezone.localdate()
    soknad = soknad_services.soknad_create(program=program)
    epost = f"post@{orgnr}.example"
    soknad_services.soknad_draft_save(
        soknad=soknad,
        fields={
            "orgnr": orgnr,
            "org_navn": navn.split(": ", 1)[1].capitalize() + " AS",
            "org_adresse": "Storgata 1",
            "org_postnummer": "2670",
            "org_poststed": "Otta",
            "org_kilde": "manuell",
            "kontakt_navn": "Kari Eier",
            "kontakt_epost": epost,
            "kontakt_telefon": "61 23 45 67",
            "prosjektleder_navn": "Per Leder",
            "prosjektleder_epost": epost,
            "prosjektleder_telefon": "61 23 45 68",
            "tittel": navn,
            "kort_beskrivelse": f"{navn}. Demodata.",
            "bakgrunn": "Bedriften vil vokse og skape arbeidsplasser i Sel.",
            "mal": "Avklare grunnlaget for nye arbeidsplasser.",
            "forankring": "Vedtatt i styret.",
            "organisering": "Daglig leder er prosjektansvarlig; ekstern prosjektleder.",
            "fase": fase,
            "startdato": today - timedelta(days=90),
            "sluttdato": today + timedelta(days=180),
            "nye_kvinner": 1,
            "nye_menn": 1,
        },
        aktiviteter=[
            {"navn": "Kartlegging", "start": today, "slutt": today + timedelta(days=60)},
            {"navn": "Sluttrapport", "start": today, "slutt": today + timedelta(days=180)},
        ],
        kostnader=[
            {
                "kategori": "personell",
                "beskrivelse": "Egen innsats",
                "timer": kostnad // 1000,
                "timesats": 500,
                "belop": 0,
            },
            {"kategori": "tjenester", "beskrivelse": "Konsulent", "belop": kostnad // 2},
        ],
        finansiering={
            "egeninnsats": kostnad // 2,
            "egne_midler": kostnad // 2 - belop,
            "programmet": belop,
        },
    )
    soknad = soknad_services.soknad_submit(soknad=soknad)
    sak = Sak.objects.select_related("prosess").get(soknad=soknad)
    pot = (
        Pot.objects.filter(strategi__handlingsplan__program=program)
        .annotate(ledig=F("tildelt") - F("forpliktet"))
        .order_by("-ledig", "pk")
        .first()
    )
    process = sak.prosess
    # The recommendation names the sub-goals of the pot's strategy the project counts toward.
    delmal = list(pot.strategi.delmal.all())
    _perform(
        process,
        "kontroll",
        lambda user: (programleder_declares(sak, user), sv.sak_complete(sak=sak, by=user)),
    )
    _perform(
        process,
        "vurdering",
        lambda user: sv.innstilling_save(
            sak=sak,
            by=user,
            data={
                "vurdering": "Prosjektet treffer strategien.",
                "anbefaling": "innvilge",
                "pot": pot,
                "belop": belop,
                "vilkar": "Prosjektet gjennomføres etter PLP.",
                "begrunnelse": "Prosjektet kan gi nye arbeidsplasser i Sel.",
                "nye_arbeidsplasser": 2,
                "sikrede_arbeidsplasser": 1,
                "til_styret": False,
            },
            delmal=delmal,
        ),
    )
    _perform(process, "delegert_vedtak", lambda user: sv.vedtak_decide(sak=sak, by=user))
    sv.tilsagn_accept(sak=sak)
    # A worker opens the phase after commit; the demo opens it at once (the worker's call
    # then finds it open).
    return services.fase_opprett(sak=sak)


def _final_report(fase: Fase, kostnad: int, **jobs):
    today = timezone.localdate()
    budsjett = {p.kategori: p.belop for p in fase.budsjett.all()}
    share = {k: b * kostnad // sum(budsjett.values()) for k, b in budsjett.items()}
    return services.sluttrapport_submit(
        fase,
        resultater="Målene er nådd; grunnlaget for neste fase er klart.",
        malt_dato=today,
        kostnader=share,
        utlost_kapital=250_000,
        neste_fase_plan="Neste fase: pilot med tre kunder.",
        # The phase delivered the sub-goals it was granted for.
        delmal=list(fase.sak.innstilling.delmal.all()),
        **{"nye_kvinner": 1, "nye_menn": 1, "sikrede_kvinner": 0, "sikrede_menn": 1, **jobs},
    )


@transaction.atomic
def demo_prosjekter_ensure() -> list[Prosjekt]:
    """The demo projects, unless they are there already."""
    program = program_current()
    if program is None or Prosjekt.objects.filter(program=program).exists():
        return []
    today = timezone.localdate()
    programleder = None
    made = []
    for navn, orgnr, fase_navn, belop, kostnad, stage in DEMO_PROSJEKTER:
        fase = _granted(program, navn, orgnr, fase_navn, belop, kostnad)
        programleder = programleder or fase.sak.programleder
        made.append(fase.prosjekt)
        if stage == "tildelt":
            continue
        services.fase_start(fase=fase, startet=today - timedelta(days=60))
        services.statusrapport_create(
            fase,
            per_dato=today - timedelta(days=10),
            fremdrift="Kartleggingen er i rute.",
            kostnader={"lonn": kostnad // 5, "kjop": kostnad // 10},
            risiko="Leveransen fra konsulenten kan bli forsinket.",
            prognose="Fasen blir ferdig innen sluttdato.",
        )
        if stage == "lopende":
            continue
        rapport = _final_report(fase, kostnad * 3 // 4 if stage == "stoppet" else kostnad)
        if stage == "sluttrapport":
            continue
        services.sluttrapport_approve(rapport=rapport, by=programleder)
        if stage == "stoppet":
            services.beslutningspunkt_decide(
                fase=fase,
                valg="stopp",
                begrunnelse="Markedet er for lite til å gå videre.",
                referat=ContentFile(b"Referat fra styringsgruppen.", name="referat.txt"),
            )
    return made
