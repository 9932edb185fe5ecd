"""Decided grants made straight in the database (for the public list, the query-count tests
and the benchmarks): each with its application, its case, the decision, the commitment from
the pot through the ledger, the grant commitment (tilsagn) and the project's phase; every
third has been paid half of its grant, through the ledger."""

import secrets
from datetime import UTC, datetime, timedelta

from django.db.models import DateTimeField, DurationField, ExpressionWrapper, F, Value

from handlingsplan.services import forpliktelse_pay, pot_commit
from plp.models import Fase, FaseBudsjettpost, Prosjekt
from soknader.models import Soknad
from workflow.models import Sak, Tilsagn, Vedtak

FASER = ("forstudie", "forprosjekt", "hovedprosjekt")


def tilskudd_lag(
    *, pot, antall: int, by, belop: int = 1_000, start: int = 0, ar: int | None = None
) -> list[Vedtak]:
    """`antall` granted and accepted applications from `pot`, decided in year `ar` (default:
    the pot's plan year), numbered from `start`."""
    program = pot.strategi.handlingsplan.program
    ar = ar or pot.strategi.handlingsplan.ar
    nr = [f"T{ar % 100:02d}-{start + i:06d}" for i in range(antall)]
    soknader = Soknad.objects.bulk_create(
        Soknad(
            program=program,
            utkast_token_hash=secrets.token_hex(32),
            status=Soknad.Status.SENDT,
            saksnummer=n,
            tittel=f"Prosjekt {n}",
            orgnr=f"{910_000_000 + start + i}",
            org_navn=f"Bedrift {n} AS",
            kontakt_navn="Kari Nordmann",
            kontakt_epost="kari@bedrift.example",
            fase=FASER[i % 3],
        )
        for i, n in enumerate(nr)
    )
    saker = Sak.objects.bulk_create(
        Sak(soknad=s, saksnummer=s.saksnummer, status=Sak.Status.AKSEPTERT) for s in soknader
    )
    vedtak = Vedtak.objects.bulk_create(
        Vedtak(
            sak=sak,
            utfall=Vedtak.Utfall.INNVILGET,
            organ=Sak.Organ.PROGRAMLEDER,
            vedtatt_av=by,
            belop=belop,
            begrunnelse="Prosjektet passer strategien.",
            referanse=f"{sak.saksnummer}-V",
        )
        for sak in saker
    )
    # Decided on a day of the year, spread over it.
    dag = ExpressionWrapper(F("id") % 360 * Value(timedelta(days=1)), output_field=DurationField())
    Vedtak.objects.filter(pk__in=[v.pk for v in vedtak]).update(
        vedtatt=ExpressionWrapper(
            Value(datetime(ar, 1, 1, 12, tzinfo=UTC)) + dag, output_field=DateTimeField()
        )
    )
    forpliktelser = [
        pot_commit(pot=pot, amount=belop, reference=v.referanse, by=by) for v in vedtak
    ]
    Tilsagn.objects.bulk_create(
        Tilsagn(
            vedtak=v,
            forpliktelse=f,
            belop=belop,
            akseptfrist=datetime(ar, 12, 31, tzinfo=UTC),
            status=Tilsagn.Status.AKSEPTERT,
        )
        for v, f in zip(vedtak, forpliktelser, strict=True)
    )
    for f in forpliktelser[::3]:
        forpliktelse_pay(forpliktelse=f, amount=belop // 2, reference=f.referanse, by=by)
    prosjekter = Prosjekt.objects.bulk_create(
        Prosjekt(
            program=program,
            navn=s.tittel,
            orgnr=s.orgnr,
            org_navn=s.org_navn,
            prosjektansvarlig_navn="Kari Nordmann",
            prosjektansvarlig_epost="kari@bedrift.example",
            prosjektleder_navn="Ola Nordmann",
            prosjektleder_epost="ola@bedrift.example",
        )
        for s in soknader
    )
    faser = Fase.objects.bulk_create(
        Fase(
            prosjekt=p,
            fase=s.fase,
            sak=sak,
            forpliktelse=f,
            tilskudd=belop,
            kostnadsgrunnlag=belop * 2,
            status=Fase.Status.LOPENDE,
        )
        for p, s, sak, f in zip(prosjekter, soknader, saker, forpliktelser, strict=True)
    )
    FaseBudsjettpost.objects.bulk_create(
        FaseBudsjettpost(fase=f, kategori="lonn", belop=belop * 2) for f in faser
    )
    return vedtak
