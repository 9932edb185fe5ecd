"""Demo applications for `make run`: made-up organisations with valid organisation numbers."""

from datetime import date

from django.db import transaction

from . import services
from .models import Soknad
from .selectors import program_current

DEMO_SOKERE = [
    {
        "orgnr": "974760673",
        "org_navn": "Otta Trevare AS",
        "tittel": "Forprosjekt: ny produksjonslinje for limtre",
        "fase": "forprosjekt",
        "kontakt_navn": "Ingrid Haugen",
        "kontakt_epost": "ingrid@otta-trevare.example",
        "belop": 150_000,
        "kostnad": 300_000,
    },
    {
        "orgnr": "988077917",
        "org_navn": "Rondane Opplevelser AS",
        "tittel": "Forstudie: helårs reiseliv i Rondane",
        "fase": "forstudie",
        "kontakt_navn": "Lars Bakken",
        "kontakt_epost": "lars@rondane-opplevelser.example",
        "belop": 60_000,
        "kostnad": 120_000,
    },
    {
        "orgnr": "923609016",
        "org_navn": "Sel Matkollektiv SA",
        "tittel": "Hovedprosjekt: felles foredling av lokal mat",
        "fase": "hovedprosjekt",
        "kontakt_navn": "Aslaug Moen",
        "kontakt_epost": "aslaug@selmat.example",
        "belop": 400_000,
        "kostnad": 900_000,
    },
]


@transaction.atomic
def demo_soknader_ensure() -> list[Soknad]:
    """Submit one application per demo organisation, unless it is there already."""
    program = program_current()
    if program is None:
        return []
    created = []
    for demo in DEMO_SOKERE:
        if Soknad.objects.filter(orgnr=demo["orgnr"], program=program).exists():
            continue
        soknad = services.soknad_create(program=program)
        personell = demo["kostnad"] // 2
        services.soknad_draft_save(
            soknad=soknad,
            fields={
                "orgnr": demo["orgnr"],
                "org_navn": demo["org_navn"],
                "org_adresse": "Storgata 1",
                "org_postnummer": "2670",
                "org_poststed": "Otta",
                "org_kilde": Soknad.Kilde.MANUELL,
                "kontakt_navn": demo["kontakt_navn"],
                "kontakt_epost": demo["kontakt_epost"],
                "kontakt_telefon": "61 23 45 67",
                "prosjektleder_navn": demo["kontakt_navn"],
                "prosjektleder_epost": demo["kontakt_epost"],
                "prosjektleder_telefon": "61 23 45 67",
                "tittel": demo["tittel"],
                "kort_beskrivelse": f"{demo['tittel']}. Demodata.",
                "bakgrunn": "Bedriften vil vokse og skape arbeidsplasser i Sel.",
                "mal": "Hovedmål: avklare grunnlaget for nye arbeidsplasser.",
                "forankring": "Vedtatt i styret.",
                "organisering": "Daglig leder er prosjektansvarlig; ekstern prosjektleder.",
                "fase": demo["fase"],
                "startdato": date(program.slutt_ar, 3, 1),
                "sluttdato": date(program.slutt_ar, 12, 31),
                "nye_kvinner": 1,
                "nye_menn": 1,
            },
            aktiviteter=[
                {
                    "navn": "Kartlegging",
                    "start": date(program.slutt_ar, 3, 1),
                    "slutt": date(program.slutt_ar, 6, 30),
                },
                {
                    "navn": "Sluttrapport og beslutningspunkt",
                    "start": date(program.slutt_ar, 11, 1),
                    "slutt": date(program.slutt_ar, 12, 31),
                },
            ],
            kostnader=[
                {
                    "kategori": "personell",
                    "beskrivelse": "Egen innsats",
                    "timer": personell // 500,
                    "timesats": 500,
                    "belop": 0,
                },
                {
                    "kategori": "tjenester",
                    "beskrivelse": "Konsulent",
                    "belop": demo["kostnad"] - personell,
                },
            ],
            finansiering={
                "egeninnsats": personell,
                "egne_midler": demo["kostnad"] - personell - demo["belop"],
                "programmet": demo["belop"],
            },
        )
        created.append(services.soknad_submit(soknad=soknad))
    return created
