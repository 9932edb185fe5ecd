"""Projects made straight in the database (for lists and benchmarks): each with an
application, its case, a commitment from the pot through the ledger, and one phase."""

import secrets

from handlingsplan.services import pot_commit
from plp.models import Fase, FaseBudsjettpost, Prosjekt
from soknader.models import Soknad
from workflow.models import Sak


def prosjekter_lag(*, pot, antall: int, belop: int = 1_000, start: int = 0) -> list[Prosjekt]:
    program = pot.strategi.handlingsplan.program
    soknader = Soknad.objects.bulk_create(
        Soknad(
            program=program,
            utkast_token_hash=secrets.token_hex(32),
            status=Soknad.Status.SENDT,
            saksnummer=f"P-{start + i:06d}",
            tittel=f"Prosjekt {start + i}",
            orgnr="988077917",
            org_navn=f"Bedrift {start + i} AS",
            fase="forstudie",
        )
        for i in range(antall)
    )
    saker = Sak.objects.bulk_create(
        Sak(soknad=s, saksnummer=f"P-{start + i:06d}", status=Sak.Status.AKSEPTERT)
        for i, s in enumerate(soknader)
    )
    prosjekter = Prosjekt.objects.bulk_create(
        Prosjekt(
            program=program,
            navn=s.tittel,
            orgnr=s.orgnr,
            org_navn=s.org_navn,
            prosjektansvarlig_navn="Kari",
            prosjektansvarlig_epost="kari@bedrift.example",
            prosjektleder_navn="Ola",
            prosjektleder_epost="ola@bedrift.example",
        )
        for s in soknader
    )
    faser = Fase.objects.bulk_create(
        Fase(
            prosjekt=p,
            fase="forstudie",
            sak=sak,
            forpliktelse=pot_commit(pot=pot, amount=belop, reference=sak.saksnummer),
            tilskudd=belop,
            kostnadsgrunnlag=belop * 2,
            status=Fase.Status.LOPENDE if i % 2 else Fase.Status.IKKE_STARTET,
        )
        for i, (p, sak) in enumerate(zip(prosjekter, saker, strict=True))
    )
    FaseBudsjettpost.objects.bulk_create(
        FaseBudsjettpost(fase=f, kategori="lonn", belop=belop * 2) for f in faser
    )
    return prosjekter
