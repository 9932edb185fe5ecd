"""The case flow section: applications by status, focus area and PLP phase; the days from
submission to decision and from decision to the first payout (median and slowest, by the
decision's year); and what waits on whom, and for how long. Seven queries, whatever the
number of cases.

An application counts in the year it was sent in; a duration counts in the year of its
decision. See docs/reporting-money.md."""

import statistics
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Min, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task

from handlingsplan.models import Innsatsomrade, PlpFase
from plp.models import Fase, Utbetaling
from rapportering.tabell import ANTALL, DESIMAL, KR, Diagram, Kolonne, Rapportdel, Serie, Tabell
from workflow.models import Sak, Vedtak
from workflow.saksliste import OPEN, STEG

S = Sak.Status
U = Vedtak.Utfall
UNDER_BEHANDLING = (S.KONTROLL, S.VENTER_SVAR, S.VURDERING, S.TIL_VEDTAK, S.STYRET)
# Steps where the case waits on the applicant, not on the programleder or the board.
HOS_SOKER = {"venter_svar", "aksept"}


def _utfall() -> dict:
    """Each application in exactly one of four columns: granted, rejected (or dismissed),
    still in handling, or ended without a decision (withdrawn or closed)."""
    uten_vedtak = Q(vedtak__isnull=True)
    return {
        "antall": Count("pk"),
        "innvilget": Count("pk", filter=Q(vedtak__utfall=U.INNVILGET)),
        "avslatt": Count("pk", filter=Q(vedtak__utfall__in=[U.AVSLATT, U.AVVIST])),
        "pagar": Count("pk", filter=uten_vedtak & Q(status__in=UNDER_BEHANDLING)),
        "avsluttet": Count("pk", filter=uten_vedtak & ~Q(status__in=UNDER_BEHANDLING)),
        "belop": Sum("vedtak__belop", filter=Q(vedtak__utfall=U.INNVILGET), default=0),
    }


def _utfall_kolonner(forste: str) -> list[Kolonne]:
    return [
        Kolonne(forste),
        Kolonne(_("Søknader"), ANTALL, summer=True),
        Kolonne(_("Innvilget"), ANTALL, summer=True),
        Kolonne(_("Avslått eller avvist"), ANTALL, summer=True),
        Kolonne(_("Under behandling"), ANTALL, summer=True),
        Kolonne(_("Trukket eller avsluttet uten vedtak"), ANTALL, summer=True),
        Kolonne(_("Innvilget beløp"), KR, summer=True),
    ]


def _utfall_rad(navn: str, r: dict) -> list:
    keys = ("antall", "innvilget", "avslatt", "pagar", "avsluttet", "belop")
    return [navn, *(r.get(k, 0) or 0 for k in keys)]


def _dager(fra, til) -> int:
    return max(0, (til - fra).days)


def _median(verdier: list[int]) -> Decimal | None:
    if not verdier:
        return None
    return Decimal(str(statistics.median(verdier))).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _varighet_tabell(slug, tittel, beskrivelse, telling: str, per_ar: dict, arene) -> Tabell:
    t = Tabell(
        slug=slug,
        tittel=tittel,
        beskrivelse=beskrivelse,
        kolonner=[
            Kolonne(_("År")),
            Kolonne(telling, ANTALL, summer=True),
            Kolonne(_("Median (dager)"), DESIMAL),
            Kolonne(_("Lengst (dager)"), ANTALL),
        ],
    )
    for a in arene:
        dager = per_ar.get(a, [])
        t.rader.append([str(a), len(dager), _median(dager), max(dager, default=None)])
    return t


def bygg(program, ar: int | None) -> Rapportdel:
    saker = Sak.objects.filter(soknad__program=program, soknad__innsendt__isnull=False)
    if ar is not None:
        saker = saker.filter(soknad__innsendt__year=ar)
    arene = [ar] if ar is not None else list(range(program.start_ar, program.slutt_ar + 1))
    del_ = Rapportdel()

    # By status, in the order a case moves.
    antall = dict(saker.values_list("status").annotate(n=Count("pk")).order_by())
    status_tabell = Tabell(
        slug="saksflyt-status",
        tittel=_("Søknader etter status"),
        kolonner=[Kolonne(_("Status")), Kolonne(_("Søknader"), ANTALL, summer=True)],
    )
    for verdi, navn in S.choices:
        if antall.get(verdi):
            status_tabell.rader.append([str(navn), antall[verdi]])

    # By focus area: the recommendation's pot, else the area the applicant proposed.
    omrader = list(Innsatsomrade.objects.filter(program=program).order_by("nummer"))
    per_omrade = {
        r["omrade"]: r
        for r in saker.annotate(
            omrade=Coalesce(
                "innstilling__pot__strategi__innsatsomrade_id", "soknad__foreslatt_innsatsomrade_id"
            )
        )
        .values("omrade")
        .annotate(**_utfall())
        .order_by()
    }
    omrade_tabell = Tabell(
        slug="saksflyt-omrade",
        tittel=_("Søknader etter innsatsområde"),
        kolonner=_utfall_kolonner(_("Innsatsområde")),
    )
    for o in omrader:
        omrade_tabell.rader.append(_utfall_rad(f"{o.nummer}. {o.navn}", per_omrade.get(o.pk, {})))
    if None in per_omrade:
        omrade_tabell.rader.append(_utfall_rad(_("Uten innsatsområde"), per_omrade[None]))

    per_fase = {
        r["soknad__fase"]: r for r in saker.values("soknad__fase").annotate(**_utfall()).order_by()
    }
    fase_tabell = Tabell(
        slug="saksflyt-fase",
        tittel=_("Søknader etter PLP-fase"),
        kolonner=_utfall_kolonner(_("Fase")),
    )
    for verdi, navn in PlpFase.choices:
        fase_tabell.rader.append(_utfall_rad(str(navn), per_fase.get(verdi, {})))
    if per_fase.get(""):
        fase_tabell.rader.append(_utfall_rad(_("Uten fase"), per_fase[""]))

    vedtakstid = _til_vedtak(program, ar)
    utbetalingstid = _til_utbetaling(program, ar)
    del_.tabeller += [
        status_tabell,
        omrade_tabell,
        fase_tabell,
        _varighet_tabell(
            "saksflyt-vedtakstid",
            _("Tid fra innsending til vedtak"),
            _("Dager fra søknaden ble sendt inn til vedtaket, etter vedtaksåret."),
            _("Vedtak"),
            vedtakstid,
            arene,
        ),
        _varighet_tabell(
            "saksflyt-utbetalingstid",
            _("Tid fra vedtak til første utbetaling"),
            _(
                "Dager fra vedtaket om tilskudd til den første godkjente utbetalingen i fasen, "
                "etter vedtaksåret."
            ),
            _("Faser med utbetaling"),
            utbetalingstid,
            arene,
        ),
        _venter(program),
    ]
    del_.diagrammer.append(
        Diagram(
            _("Søknader etter innsatsområde"),
            [f"{o.nummer}. {o.navn}" for o in omrader],
            [
                Serie(
                    _("Innvilget"), [per_omrade.get(o.pk, {}).get("innvilget", 0) for o in omrader]
                ),
                Serie(
                    _("Avslått eller avvist"),
                    [per_omrade.get(o.pk, {}).get("avslatt", 0) for o in omrader],
                ),
                Serie(
                    _("Under behandling"),
                    [per_omrade.get(o.pk, {}).get("pagar", 0) for o in omrader],
                ),
            ],
            tabell="saksflyt-omrade",
        )
    )
    if ar is None:
        del_.diagrammer.append(
            Diagram(
                _("Dager fra innsending til vedtak"),
                [str(a) for a in arene],
                [
                    Serie(_("Median"), [_median(vedtakstid.get(a, [])) or 0 for a in arene]),
                    Serie(_("Lengst"), [max(vedtakstid.get(a, []), default=0) for a in arene]),
                ],
                tabell="saksflyt-vedtakstid",
                enhet=_("dager"),
            )
        )
    return del_


def _til_vedtak(program, ar: int | None) -> dict[int, list[int]]:
    """Days from submission to decision, by the decision's year (local time). One query."""
    vedtak = Vedtak.objects.filter(
        sak__soknad__program=program, sak__soknad__innsendt__isnull=False
    ).values_list("sak__soknad__innsendt", "vedtatt")
    per_ar: dict[int, list[int]] = defaultdict(list)
    for innsendt, vedtatt in vedtak:
        dato = timezone.localdate(vedtatt)
        if ar is None or dato.year == ar:
            per_ar[dato.year].append(_dager(timezone.localdate(innsendt), dato))
    return per_ar


def _til_utbetaling(program, ar: int | None) -> dict[int, list[int]]:
    """Days from the grant's decision to the phase's first approved payout. One query."""
    godkjent = Q(utbetalinger__status__in=[Utbetaling.Status.GODKJENT, Utbetaling.Status.BETALT])
    faser = (
        Fase.objects.filter(prosjekt__program=program, sak__vedtak__isnull=False)
        .annotate(forste=Min("utbetalinger__behandlet", filter=godkjent))
        .filter(forste__isnull=False)
        .values_list(F("sak__vedtak__vedtatt"), "forste")
    )
    per_ar: dict[int, list[int]] = defaultdict(list)
    for vedtatt, forste in faser:
        dato = timezone.localdate(vedtatt)
        if ar is None or dato.year == ar:
            per_ar[dato.year].append(_dager(dato, timezone.localdate(forste)))
    return per_ar


def _venter(program) -> Tabell:
    """Open steps of the program's applications, by step and by whom they wait on, with the
    longest wait in days. One query."""
    from workflow.flows import SoknadFlow

    felt = Task._meta.get_field("flow_task")
    refs = {felt.get_prep_value(getattr(SoknadFlow, navn)): navn for navn, _tittel in STEG}
    steg_navn = dict(STEG)

    grupper = (
        Task.objects.filter(
            status__in=OPEN,
            flow_task__in=list(refs),
            process__sak_for_prosess__soknad__program=program,
        )
        .values("flow_task", "owner_id", "owner__first_name", "owner__last_name", "owner__username")
        .annotate(antall=Count("pk"), eldste=Min("created"))
        .order_by("eldste")
    )
    i_dag = timezone.localdate()
    t = Tabell(
        slug="saksflyt-venter",
        tittel=_("Hva som venter hos hvem"),
        kolonner=[
            Kolonne(_("Steg")),
            Kolonne(_("Hos hvem")),
            Kolonne(_("Saker"), ANTALL, summer=True),
            Kolonne(_("Lengst ventetid (dager)"), ANTALL),
        ],
        beskrivelse=_("Åpne steg i søknadssakene; ventetiden regnes fra steget ble åpnet."),
    )
    rader = []
    for g in grupper:
        node = g["flow_task"]
        navn = getattr(node, "name", None) or refs.get(node, "")
        if navn in HOS_SOKER:
            hvem = _("Søkeren")
        elif g["owner_id"]:
            fullt = f"{g['owner__first_name']} {g['owner__last_name']}".strip()
            hvem = fullt or g["owner__username"]
        else:
            hvem = _("Ikke tildelt")
        rader.append(
            [
                str(steg_navn.get(navn, navn)),
                hvem,
                g["antall"],
                _dager(timezone.localdate(g["eldste"]), i_dag),
            ]
        )
    t.rader = sorted(rader, key=lambda r: -r[3])
    return t
