"""Django admin for the handlingsplan app.

The plan is editable here; money is not: pots, commitments and ledger entries
are read-only, and the only way to move money from the admin is the
reallocation view, which calls the same form and service as the staff pages.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from felles.formatting import kr
from handlingsplan import models, selectors
from handlingsplan.forms import OmfordelingForm
from handlingsplan.views import can_reallocate


class ReadOnlyAdminMixin:
    """Shows rows without letting anyone add, change or delete them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class FaseInnstillingInline(admin.TabularInline):
    model = models.FaseInnstilling
    extra = 0


@admin.register(models.Eurokurs)
class EurokursAdmin(admin.ModelAdmin):
    """The program's NOK/EUR rates by date; a decision uses the latest on or before its date."""

    list_display = ["program", "dato", "nok_per_eur"]
    list_filter = ["program"]
    date_hierarchy = "dato"


@admin.register(models.Bagatellregime)
class BagatellregimeAdmin(admin.ModelAdmin):
    list_display = ["forordning", "gyldig_fra", "gyldig_til", "tak_eur", "periode"]
    fields = [
        "forordning",
        "tittel",
        "tittel_en",
        "gyldig_fra",
        "gyldig_til",
        "tak_eur",
        "periode",
        "rapporteringsgrense_eur",
    ]


@admin.register(models.Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["navn", "kommune", "start_ar", "slutt_ar", "arlig_ramme_kr"]
    inlines = [FaseInnstillingInline]
    prepopulated_fields = {"slug": ["navn"]}
    fieldsets = [
        (None, {"fields": ["navn", "slug", "kommune", "kommunenummer", "start_ar", "slutt_ar"]}),
        (
            _("Ramme og mål"),
            {"fields": ["arlig_ramme", "mal_nye_arbeidsplasser", "mal_sikrede_arbeidsplasser"]},
        ),
        (
            _("Saksbehandling og tilskuddsregler"),
            {
                "fields": [
                    "kontrollfrist_dager",
                    "delegert_grense",
                    "maks_stotteintensitet",
                    "egeninnsats_timesats",
                    "akseptfrist_dager",
                    "oppstartsfrist_maneder",
                    "sluttfrist_grace_dager",
                    "maks_utbetalt_for_sluttrapport",
                    "revisorgrense",
                    "klagefrist_dager",
                    "klageorgan",
                    "rapportvarsel_dager",
                ]
            },
        ),
        (
            _("Bagatellmessig støtte"),
            {
                "fields": [
                    "bagatell_tak_eur",
                    "nok_per_eur",
                    "bagatell_forordning",
                    "bagatell_rapporteringsgrense_eur",
                ]
            },
        ),
    ]

    @admin.display(description=_("årlig ramme"), ordering="arlig_ramme")
    def arlig_ramme_kr(self, obj):
        return kr(obj.arlig_ramme)


@admin.register(models.Finansieringskilde)
class FinansieringskildeAdmin(admin.ModelAdmin):
    list_display = ["navn", "program"]
    list_filter = ["program"]


@admin.register(models.Indikator)
class IndikatorAdmin(admin.ModelAdmin):
    list_display = ["navn", "program", "rekkefolge"]
    list_filter = ["program"]


class FinansieringInline(admin.TabularInline):
    model = models.Finansiering
    extra = 0


class ProgramlederTimerInline(admin.TabularInline):
    model = models.ProgramlederTimer
    extra = 0


class StrategiInline(admin.TabularInline):
    model = models.Strategi
    fields = ["bokstav", "navn", "innsatsomrade", "budsjett", "resultatmal_arbeidsplasser"]
    extra = 0
    show_change_link = True


@admin.register(models.Handlingsplan)
class HandlingsplanAdmin(admin.ModelAdmin):
    list_display = ["tittel", "program", "ar", "status"]
    list_filter = ["program", "status"]
    inlines = [FinansieringInline, ProgramlederTimerInline, StrategiInline]
    fieldsets = [
        (None, {"fields": ["program", "ar", "tittel", "kilde"]}),
        (
            _("Status"),
            {
                "fields": [
                    "status",
                    ("godkjent_dato", "godkjent_referanse"),
                    ("vedtatt_dato", "vedtatt_referanse"),
                    "publisert_dato",
                ]
            },
        ),
        (_("Budsjett"), {"fields": ["timekostnad", "administrasjonsbudsjett"]}),
    ]


class ArbeidsplassmalInline(admin.TabularInline):
    model = models.Arbeidsplassmal
    extra = 0


@admin.register(models.Innsatsomrade)
class InnsatsomradeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "program", "har_arbeidsplassmal"]
    list_filter = ["program"]
    inlines = [ArbeidsplassmalInline]


class DelmalInline(admin.TabularInline):
    model = models.Delmal
    extra = 0


@admin.register(models.Strategi)
class StrategiAdmin(admin.ModelAdmin):
    list_display = ["__str__", "innsatsomrade", "handlingsplan", "budsjett_kr"]
    list_filter = ["handlingsplan", "innsatsomrade"]
    search_fields = ["bokstav", "navn"]
    inlines = [DelmalInline]

    @admin.display(description=_("budsjett"), ordering="budsjett")
    def budsjett_kr(self, obj):
        return kr(obj.budsjett)


class PosteringInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = models.Postering
    fk_name = "pot"
    fields = [
        "tidspunkt",
        "type",
        "belop_kr",
        "forpliktelse",
        "vedtaksreferanse",
        "begrunnelse",
        "utfort_av",
    ]
    readonly_fields = fields
    ordering = ["tidspunkt", "id"]
    extra = 0

    @admin.display(description=_("beløp"))
    def belop_kr(self, obj):
        return kr(obj.belop)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("forpliktelse", "utfort_av")


@admin.register(models.Pot)
class PotAdmin(admin.ModelAdmin):
    """Pots are made by the plan import and filled by the ledger; here they are only shown."""

    list_display = [
        "__str__",
        "budsjett",
        "tildelt_kr",
        "forpliktet_kr",
        "utbetalt_kr",
        "tilgjengelig_kr",
    ]
    list_filter = ["strategi__handlingsplan", "strategi__innsatsomrade"]
    list_select_related = ["strategi__handlingsplan"]
    fields = [
        "strategi",
        "budsjett",
        "tildelt_kr",
        "forpliktet_kr",
        "utbetalt_kr",
        "tilgjengelig_kr",
    ]
    readonly_fields = fields
    inlines = [PosteringInline]
    change_form_template = "admin/handlingsplan/pot/change_form.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("budsjett"))
    def budsjett(self, obj):
        return kr(obj.strategi.budsjett)

    @admin.display(description=_("tildelt"), ordering="tildelt")
    def tildelt_kr(self, obj):
        return kr(obj.tildelt)

    @admin.display(description=_("forpliktet"), ordering="forpliktet")
    def forpliktet_kr(self, obj):
        return kr(obj.forpliktet)

    @admin.display(description=_("utbetalt"), ordering="utbetalt")
    def utbetalt_kr(self, obj):
        return kr(obj.utbetalt)

    @admin.display(description=_("tilgjengelig"))
    def tilgjengelig_kr(self, obj):
        return kr(obj.tilgjengelig)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "kan_omfordele": can_reallocate(request.user)}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "<int:pk>/omfordel/",
                self.admin_site.admin_view(self.omfordel_view),
                name="handlingsplan_pot_omfordel",
            ),
            *super().get_urls(),
        ]

    def omfordel_view(self, request, pk):
        """Reallocation from this pot, with the staff pages' form and service."""
        if not can_reallocate(request.user):
            raise PermissionDenied
        pot = get_object_or_404(models.Pot.objects.select_related("strategi__handlingsplan"), pk=pk)
        pots = selectors.reallocation_pots(handlingsplan_id=pot.strategi.handlingsplan_id)
        if request.method == "POST":
            form = OmfordelingForm(request.POST, pots=pots, user=request.user)
            if form.is_valid() and form.save():
                out, into = form.result
                self.message_user(
                    request,
                    _("Omfordelt %(amount)s fra %(from)s til %(to)s.")
                    % {
                        "amount": kr(out.belop),
                        "from": out.pot.strategi.bokstav,
                        "to": into.pot.strategi.bokstav,
                    },
                    messages.SUCCESS,
                )
                return redirect("admin:handlingsplan_pot_change", out.pot_id)
        else:
            form = OmfordelingForm(initial={"fra_pot": pot.pk}, pots=pots, user=request.user)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": pot,
            "title": _("Omfordel midler fra %(pot)s") % {"pot": pot},
            "form": form,
        }
        return TemplateResponse(request, "admin/handlingsplan/pot/omfordel.html", context)


@admin.register(models.Forpliktelse)
class ForpliktelseAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["referanse", "pot", "belop", "utbetalt", "frigjort", "tilbakefort", "opprettet"]
    list_select_related = ["pot__strategi__handlingsplan"]
    search_fields = ["referanse"]
    date_hierarchy = "opprettet"


@admin.register(models.Postering)
class PosteringAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["tidspunkt", "type", "belop", "pot", "vedtaksreferanse", "utfort_av"]
    list_filter = ["type", "pot__strategi__handlingsplan"]
    list_select_related = ["pot__strategi__handlingsplan", "utfort_av"]
    search_fields = ["vedtaksreferanse", "begrunnelse"]
    date_hierarchy = "tidspunkt"
