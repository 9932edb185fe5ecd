"""Admin for the board's meetings and the per-program case-handling settings.

A meeting's agenda is set through the same service as the staff page, so a case can only
be put on it when the board decides it."""

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from felles.errors import DomainError
from workflow.models import Behandlingsregler, Mote, Omgjoring, Sak, Unntak
from workflow.services import mote_create, mote_update
from workflow.services.moter import saksliste_kandidater


class MoteAdminForm(forms.ModelForm):
    saker = forms.ModelMultipleChoiceField(
        label=_("saker på sakslisten"),
        queryset=Sak.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Mote
        fields = ["program", "dato", "sted"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["saker"].queryset = saksliste_kandidater(
                self.instance.program, self.instance
            )
            self.initial["saker"] = list(self.instance.saker.values_list("pk", flat=True))
        else:
            self.fields["saker"].queryset = Sak.objects.filter(
                organ=Sak.Organ.STYRET, status=Sak.Status.STYRET
            ).select_related("soknad")


@admin.register(Mote)
class MoteAdmin(admin.ModelAdmin):
    form = MoteAdminForm
    list_display = ["__str__", "program", "dato", "sted"]
    list_filter = ["program"]
    date_hierarchy = "dato"

    def get_readonly_fields(self, request, obj=None):
        return ["program", "saksliste"] if obj is not None else []

    @admin.display(description=_("saksliste nå"))
    def saksliste(self, obj):
        saker = obj.saker.select_related("soknad").order_by("saksnummer")
        return (
            format_html_join(
                mark_safe("<br>"),
                "{} {} ({})",
                ((s.saksnummer, s.tittel, s.get_status_display()) for s in saker),
            )
            or "–"
        )

    def save_model(self, request, obj, form, change):
        data = {
            "dato": form.cleaned_data["dato"],
            "sted": form.cleaned_data["sted"],
            "saker": form.cleaned_data["saker"],
            "by": request.user,
        }
        try:
            if change:
                saved = mote_update(mote=obj, **data)
            else:
                saved = mote_create(program=form.cleaned_data["program"], **data)
        except DomainError as exc:
            messages.error(request, exc.message)
            return
        obj.pk = saved.pk


@admin.register(Behandlingsregler)
class BehandlingsreglerAdmin(admin.ModelAdmin):
    list_display = [
        "program",
        "beslutningsdyktig_antall",
        "vurderingsfrist_dager",
        "svarfrist_dager",
        "stemmefrist_dager",
        "nestleder",
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "nestleder":
            from workflow.regler import styremedlemmer

            kwargs["queryset"] = styremedlemmer()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Unntak)
class UnntakAdmin(admin.ModelAdmin):
    """The parts of applications exempt from public access, as the programleder marked them
    in the assessment task (unntak_set); read-only here."""

    list_display = ["soknad", "felt", "vedlegg", "hjemmel", "merket_av", "merket"]
    list_filter = ["felt"]
    search_fields = ["soknad__saksnummer", "soknad__tittel", "soknad__org_navn"]
    list_select_related = ["soknad", "vedlegg", "merket_av"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Omgjoring)
class OmgjoringAdmin(admin.ModelAdmin):
    """Notices and decisions cancelling grants, as the services recorded them; read-only."""

    list_display = ["sak", "status", "varslet", "frist", "merknad_mottatt", "organ", "referanse"]
    list_filter = ["status", "organ"]
    search_fields = ["sak__saksnummer", "referanse"]
    list_select_related = ["sak"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
