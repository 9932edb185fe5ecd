"""Applications for tests: drafts filled in through the services, as the form does."""

from datetime import date

from soknader import services
from soknader.models import Finansieringslinje, Kostnadslinje, OffentligStotte
from tests.factories import ProgramFactory

F = Finansieringslinje.Kilde

VALID_ORGNR = ["974760673", "988077917", "923609016"]


def draft_complete(*, program=None, orgnr="988077917", epost="kari@bedrift.example", **fields):
    """A draft that passes every check: 200 000 kr costs, 100 000 kr applied for (50 %)."""
    program = program or ProgramFactory()
    soknad = services.soknad_create(program=program)
    values = {
        "orgnr": orgnr,
        "org_navn": "Bedrift AS",
        "org_adresse": "Storgata 1",
        "org_postnummer": "2670",
        "org_poststed": "Otta",
        "org_naeringskode": "62.010 Programmeringstjenester",
        "org_kilde": "manuell",
        "kontakt_navn": "Kari Nordmann",
        "kontakt_epost": epost,
        "kontakt_telefon": "99999999",
        "prosjektleder_navn": "Ola Nordmann",
        "prosjektleder_epost": "ola@bedrift.example",
        "prosjektleder_telefon": "98888888",
        "tittel": "Nytt produkt",
        "kort_beskrivelse": "Et forprosjekt for et nytt produkt.",
        "bakgrunn": "Bakgrunn",
        "mal": "Hovedmål: nye arbeidsplasser",
        "forankring": "Styrevedtak 1.3.2026",
        "organisering": "Prosjektleder og styringsgruppe",
        "fase": "forprosjekt",
        "startdato": date(2026, 3, 1),
        "sluttdato": date(2026, 12, 31),
        "nye_kvinner": 1,
        "nye_menn": 1,
    }
    values.update(fields)
    return services.soknad_draft_save(
        soknad=soknad,
        fields=values,
        aktiviteter=[
            {"navn": "Markedsundersøkelse", "start": date(2026, 3, 1), "slutt": date(2026, 6, 1)}
        ],
        kostnader=[
            {
                "kategori": Kostnadslinje.Kategori.PERSONELL,
                "beskrivelse": "Prosjektleder",
                "timer": 100,
                "timesats": 1000,
                "belop": 0,
            },
            {
                "kategori": Kostnadslinje.Kategori.TJENESTER,
                "beskrivelse": "Konsulent",
                "belop": 100_000,
            },
        ],
        finansiering={F.EGNE_MIDLER: 60_000, F.EGENINNSATS: 40_000, F.PROGRAMMET: 100_000},
        offentlig_stotte=[
            {
                "type": OffentligStotte.Type.BAGATELL,
                "giver": "Innovasjon Norge",
                "ordning": "Etablerertilskudd",
                "belop": 50_000,
                "dato": date(2025, 5, 1),
            }
        ],
    )
