"""The list of all cases for staff: search, filters, sorting and export.

The list reads in a fixed number of queries whatever the number of cases: one count, one
page of cases with what they are about (application, appeal or project), recommendation and
pot joined, and one for the open
tasks of the cases on the page (who has each case now)."""

import csv
import io

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from felles.roles import Rolle
from handlingsplan.models import Innsatsomrade, PlpFase, Strategi
from soknader.models import Finansieringslinje
from workflow.models import Sak

OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)
PER_SIDE = 50
# What each kind of case is about, joined for its title: an application, an appeal against
# an application's decision, or a project's final report, change request or payment.
EMNE = (
    "soknad",
    "klage__paklaget__soknad",
    "sluttrapport__fase__prosjekt",
    "endringssoknad__fase__prosjekt",
    "plp_utbetaling__fase__prosjekt",
)


def soknad_of(sak):
    """The application a case is about (also for an appeal), or None for a project's case."""
    if sak.soknad_id:
        return sak.soknad
    if sak.klage_id:
        return sak.klage.paklaget.soknad
    return None


# The steps a person works on, by the flow node's name (as stored in Task.flow_task).
STEG = (
    ("kontroll", _("Kompletthetskontroll")),
    ("venter_svar", _("Venter på svar fra søker")),
    ("vurdering", _("Vurdering og innstilling")),
    ("delegert_vedtak", _("Vedtak (delegert)")),
    ("stemme", _("Habilitet og stemme")),
    ("bekreft", _("Styreleder bekrefter vedtaket")),
    ("aksept", _("Venter på søkers aksept")),
)

SORTERING = {
    "saksnummer": "saksnummer",
    "-saksnummer": "-saksnummer",
    "organisasjon": "soknad__org_navn",
    "-organisasjon": "-soknad__org_navn",
    "belop": "belop",
    "-belop": "-belop",
    "status": "status",
    "-status": "-status",
    "innsendt": "soknad__innsendt",
    "-innsendt": "-soknad__innsendt",
}


def _steg_ref(name: str) -> str:
    from workflow.flows import SoknadFlow

    return Task._meta.get_field("flow_task").get_prep_value(getattr(SoknadFlow, name))


class SakslisteFilter(forms.Form):
    q = forms.CharField(
        label=_("Søk"),
        required=False,
        max_length=200,
        help_text=_("Saksnummer, organisasjonsnavn, organisasjonsnummer eller tittel"),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle"))] + Sak.Status.choices
    )
    steg = forms.ChoiceField(label=_("Steg"), required=False, choices=[("", _("Alle")), *STEG])
    innsatsomrade = forms.ModelChoiceField(
        label=_("Innsatsområde"),
        required=False,
        queryset=Innsatsomrade.objects.all(),
        empty_label=_("Alle"),
    )
    strategi = forms.ModelChoiceField(
        label=_("Strategi"),
        required=False,
        queryset=Strategi.objects.select_related("handlingsplan").order_by(
            "-handlingsplan__ar", "bokstav"
        ),
        empty_label=_("Alle"),
    )
    fase = forms.ChoiceField(
        label=_("PLP-fase"), required=False, choices=[("", _("Alle"))] + PlpFase.choices
    )
    ar = forms.IntegerField(label=_("År"), required=False, min_value=2000, max_value=2100)
    hvem = forms.ModelChoiceField(
        label=_("Hos hvem"),
        required=False,
        queryset=get_user_model().objects.none(),
        empty_label=_("Alle"),
    )
    sort = forms.ChoiceField(
        label=_("Sorter etter"),
        required=False,
        choices=[
            ("-saksnummer", _("Saksnummer, nyeste først")),
            ("saksnummer", _("Saksnummer, eldste først")),
            ("organisasjon", _("Organisasjon (A–Å)")),
            ("-belop", _("Beløp, høyeste først")),
            ("belop", _("Beløp, laveste først")),
            ("status", _("Status")),
            ("-innsendt", _("Sendt inn, nyeste først")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategi"].label_from_instance = lambda s: (
            f"{s.handlingsplan.ar} {s.bokstav}. {s.navn}"
        )
        self.fields["hvem"].queryset = (
            get_user_model()
            .objects.filter(
                is_active=True,
                groups__name__in=[Rolle.PROGRAMLEDER, Rolle.STYRELEDER, Rolle.STYREMEDLEM],
            )
            .distinct()
            .order_by("first_name", "last_name", "username")
        )
        self.fields["hvem"].label_from_instance = lambda u: u.get_full_name() or u.username


def saker(data) -> tuple[SakslisteFilter, "QuerySet"]:  # noqa: F821
    """The filter form bound to `data` and the cases it selects, sorted."""
    form = SakslisteFilter(data or None)
    valid = form.is_valid() if data else True
    f = form.cleaned_data if data and valid else {}
    omsokt = (
        Finansieringslinje.objects.filter(
            soknad=OuterRef("soknad"), kilde=Finansieringslinje.Kilde.PROGRAMMET
        )
        .values("soknad")
        .annotate(sum=Sum("belop"))
        .values("sum")
    )
    qs = Sak.objects.select_related(*EMNE, "innstilling__pot__strategi__handlingsplan").annotate(
        belop=Coalesce("innstilling__belop", Subquery(omsokt))
    )
    if q := (f.get("q") or "").strip():
        qs = qs.filter(
            Q(saksnummer__icontains=q)
            | Q(soknad__org_navn__icontains=q)
            | Q(soknad__orgnr__icontains=q.replace(" ", ""))
            | Q(soknad__tittel__icontains=q)
        )
    if f.get("status"):
        qs = qs.filter(status=f["status"])
    apne = Task.objects.filter(process_id=OuterRef("prosess_id"), status__in=OPEN)
    if f.get("steg"):
        qs = qs.filter(Exists(apne.filter(flow_task=_steg_ref(f["steg"]))))
    if s := f.get("strategi"):
        qs = qs.filter(
            Q(innstilling__pot__strategi=s)
            | Q(innstilling__pot__isnull=True, soknad__foreslatt_strategi=s)
        )
    if o := f.get("innsatsomrade"):
        qs = qs.filter(
            Q(innstilling__pot__strategi__innsatsomrade=o)
            | Q(innstilling__pot__isnull=True, soknad__foreslatt_innsatsomrade=o)
        )
    if f.get("fase"):
        qs = qs.filter(soknad__fase=f["fase"])
    if f.get("ar"):
        qs = qs.filter(saksnummer__startswith=f"{f['ar']}-")
    if u := f.get("hvem"):
        qs = qs.filter(Exists(apne.filter(owner=u)))
    order = SORTERING.get(f.get("sort") or "-saksnummer", "-saksnummer")
    qs = qs.order_by(order, "-pk")
    return form, qs


def with_open_tasks(qs):
    """Each case with `aktive`: its open tasks and their owners (one query for all)."""
    return qs.prefetch_related(
        Prefetch(
            "prosess__task_set",
            queryset=Task.objects.filter(status__in=OPEN)
            .select_related("owner")
            .order_by("created", "pk"),
            to_attr="aktive",
        )
    )


def aktive(sak) -> list:
    return getattr(sak.prosess, "aktive", []) if sak.prosess_id else []


COLUMNS = (
    _("Saksnummer"),
    _("Tittel"),
    _("Organisasjon"),
    _("Organisasjonsnummer"),
    _("Status"),
    _("Steg"),
    _("Hos hvem"),
    _("Beløp (kr)"),
    _("Strategi"),
    _("Sendt inn"),
)


def rows(qs):
    """The export's rows: one per case, in the list's order, as plain values."""
    for sak in with_open_tasks(qs).iterator(chunk_size=2000):
        soknad = soknad_of(sak)
        tasks = aktive(sak)
        innstilling = getattr(sak, "innstilling", None)
        pot = innstilling.pot if innstilling else None
        yield [
            sak.saksnummer,
            str(sak.tittel),
            soknad.org_navn if soknad else "",
            soknad.orgnr if soknad else "",
            str(sak.get_status_display()),
            ", ".join(sorted({str(t.flow_task.task_title) for t in tasks})),
            ", ".join(
                sorted({t.owner.get_full_name() or t.owner.username for t in tasks if t.owner})
            ),
            sak.belop or 0,
            f"{pot.strategi.bokstav}. {pot.strategi.navn}" if pot else "",
            soknad.innsendt.date().isoformat() if soknad and soknad.innsendt else "",
        ]


def as_csv(qs) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([str(c) for c in COLUMNS])
    writer.writerows(rows(qs))
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # Excel reads the BOM as UTF-8


def as_xlsx(qs) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(str(_("Saker")))
    sheet.append([str(c) for c in COLUMNS])
    for row in rows(qs):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
