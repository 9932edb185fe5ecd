"""Reads of the project app: the applicant's projects, the staff list, what is due next,
and the counts reporting reads (jobs per focus area and year, sub-goals)."""

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.urls import reverse

from felles.roles import Rolle
from notifications.models import Deadline
from plp.models import (
    Beslutningspunkt,
    DelmalTelling,
    Fase,
    Prosjekt,
    Sluttrapport,
    Statusrapport,
)
from soknader.selectors import soknader_for_user
from workflow import regler
from workflow.models import Sak

F_ = Fase.Status


def prosjekter_for_user(user) -> QuerySet[Prosjekt]:
    """Projects the logged-in applicant may see: any phase's application is theirs."""
    soknader = soknader_for_user(user).values("pk")
    return Prosjekt.objects.filter(
        Exists(Fase.objects.filter(prosjekt=OuterRef("pk"), sak__soknad__in=soknader))
    )


def prosjekt_for_user(user, pk: int) -> Prosjekt:
    try:
        return prosjekter_for_user(user).get(pk=pk)
    except Prosjekt.DoesNotExist:
        raise Http404 from None


def fase_for_user(user, pk: int) -> Fase:
    fase = (
        Fase.objects.select_related("prosjekt__program", "sak__soknad", "forpliktelse")
        .filter(pk=pk, prosjekt__in=prosjekter_for_user(user))
        .first()
    )
    if fase is None:
        raise Http404
    return fase


def prosjekt_detail(prosjekt: Prosjekt) -> Prosjekt:
    """The project with its phases and all a project page shows, in a fixed number of queries."""
    return (
        Prosjekt.objects.select_related("program", "programleder")
        .prefetch_related(
            Prefetch(
                "faser",
                queryset=Fase.objects.select_related(
                    "sak__soknad",
                    "forpliktelse__pot__strategi",
                    "dokument",
                    "sluttrapport",
                    "beslutningspunkt",
                    "oppfolging",
                ).prefetch_related(
                    "budsjett",
                    "milepaeler",
                    "endringer",
                    "tilbakebetalinger",
                    "sluttrapport__kostnader",
                    "sluttrapport__delmal",
                    Prefetch(
                        "statusrapporter",
                        queryset=Statusrapport.objects.prefetch_related("kostnader"),
                    ),
                ),
            ),
            "referansegruppe_medlemmer",
        )
        .get(pk=prosjekt.pk)
    )


def frister_for(prosjekt: Prosjekt) -> list[Deadline]:
    """The project's open deadlines, soonest first: what is due next."""
    from django.contrib.contenttypes.models import ContentType

    faser = Fase.objects.filter(prosjekt=prosjekt).values("pk")
    return list(
        Deadline.objects.filter(
            status=Deadline.Status.OPEN,
            case_type=ContentType.objects.get_for_model(Fase),
            case_id__in=faser,
        ).order_by("due_at")
    )


def _siste(field: str):
    return Subquery(
        Fase.objects.filter(prosjekt=OuterRef("pk")).order_by("-rekkefolge").values(field)[:1]
    )


def prosjektliste(*, fase: str = "", status: str = "") -> QuerySet[Prosjekt]:
    """Projects for the staff list, each with its current phase and its state, money granted,
    paid and remaining, and whose move it is: one query whatever the number of projects."""
    siste = Fase.objects.filter(prosjekt=OuterRef("pk")).order_by("-rekkefolge")
    qs = Prosjekt.objects.select_related("program", "programleder").annotate(
        innvilget=Sum("faser__tilskudd", default=0),
        utbetalt=Sum(
            F("faser__forpliktelse__utbetalt") - F("faser__forpliktelse__tilbakefort"), default=0
        ),
        frigjort=Sum("faser__forpliktelse__frigjort", default=0),
        gjeldende_fase=_siste("fase"),
        fasestatus=_siste("status"),
        siste_fase_id=_siste("pk"),
        har_beslutning=Exists(
            Beslutningspunkt.objects.filter(fase=Subquery(siste.values("pk")[:1]))
        ),
        venter_sluttrapport=Exists(
            Sluttrapport.objects.filter(
                fase=Subquery(siste.values("pk")[:1]), status=Sluttrapport.Status.INNSENDT
            )
        ),
    )
    if fase:
        qs = qs.filter(gjeldende_fase=fase)
    if status:
        qs = qs.filter(Q(status=status) | Q(fasestatus=status))
    return qs.order_by("-opprettet", "-id")


def venter_pa(prosjekt) -> str:
    """Whose move it is, from the annotations of `prosjektliste`: 'prosjekt', 'programleder',
    'saksbehandling' or '' (nothing waits)."""
    if prosjekt.status != Prosjekt.Status.AKTIV:
        return ""
    if prosjekt.fasestatus == F_.SLUTTRAPPORT or prosjekt.venter_sluttrapport:
        return "programleder"
    if prosjekt.fasestatus == F_.AVSLUTTET and prosjekt.har_beslutning:
        return "saksbehandling"
    return "prosjekt"


def arbeidsplasser_per_innsatsomrade(program, ar: int | None = None) -> list[dict]:
    """Jobs counted from approved final reports, per focus area and year (the year the jobs
    were counted): reporting reads this against the focus areas' targets."""
    qs = Sluttrapport.objects.filter(
        status=Sluttrapport.Status.GODKJENT, fase__prosjekt__program=program
    ).annotate(ar=ExtractYear("malt_dato"))
    if ar is not None:
        qs = qs.filter(ar=ar)
    return list(
        qs.values(
            "ar",
            innsatsomrade_id=F("fase__forpliktelse__pot__strategi__innsatsomrade"),
            innsatsomrade=F("fase__forpliktelse__pot__strategi__innsatsomrade__navn"),
        )
        .annotate(
            nye_kvinner=Sum("nye_kvinner"),
            nye_menn=Sum("nye_menn"),
            sikrede_kvinner=Sum("sikrede_kvinner"),
            sikrede_menn=Sum("sikrede_menn"),
            prosjekter=Count("pk"),
        )
        .order_by("ar", "innsatsomrade_id")
    )


def delmal_tellinger(program, ar: int | None = None) -> list[dict]:
    """How many phases count toward each sub-goal, started and completed, per year."""
    qs = DelmalTelling.objects.filter(fase__prosjekt__program=program).annotate(
        ar=ExtractYear("dato")
    )
    if ar is not None:
        qs = qs.filter(ar=ar)
    return list(
        qs.values("ar", "delmal_id", "milepael")
        .annotate(antall=Count("pk"))
        .order_by("ar", "delmal_id", "milepael")
    )


def prosjektsak_beslutter(sak):
    """Who decides a project's case: the chair for a change request above the programleder's
    delegated limit, else the case's programleder (the program's first when none is set)."""
    if sak.endringssoknad_id and sak.endringssoknad.status == sak.endringssoknad.Status.STYRET:
        leder = (
            get_user_model()
            .objects.filter(groups__name=Rolle.STYRELEDER, is_active=True)
            .order_by("id")
            .first()
        )
        if leder is not None:
            return leder
    return sak.programleder or regler.programledere().first()


def prosjektsak_skjema_url(sak_pk: int) -> str:
    """The staff form that decides the project's case `sak_pk`."""
    sak = Sak.objects.select_related("sluttrapport").get(pk=sak_pk)
    if sak.plp_utbetaling_id:
        return reverse("utbetaling:behandle", args=[sak.plp_utbetaling_id])
    if sak.sluttrapport_id:
        return reverse("prosjekter:sluttrapport", args=[sak.sluttrapport.fase_id])
    return reverse("prosjekter:endring", args=[sak.endringssoknad_id])
