from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import models


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AktivitetInline(ReadOnlyInline):
    model = models.Aktivitet


class KostnadInline(ReadOnlyInline):
    model = models.Kostnadslinje


class FinansieringInline(ReadOnlyInline):
    model = models.Finansieringslinje


class SoknadsloggInline(ReadOnlyInline):
    model = models.Soknadslogg


@admin.register(models.Soknad)
class SoknadAdmin(admin.ModelAdmin):
    list_display = ["saksnummer", "tittel", "org_navn", "orgnr", "status", "innsendt"]
    list_filter = ["status", "fase", "bagatell_over_tak"]
    search_fields = ["saksnummer", "tittel", "org_navn", "orgnr"]
    readonly_fields = ["saksnummer", "status", "innsendt", "bagatell_over_tak", "innsendt_pdf"]
    exclude = ["utkast_token_hash"]
    inlines = [AktivitetInline, KostnadInline, FinansieringInline, SoknadsloggInline]

    @admin.display(description=_("innsendt søknad (PDF)"))
    def innsendt_pdf(self, obj):
        if obj is None or obj.er_utkast:
            return "–"
        url = reverse("soknader:innsendt_pdf", kwargs={"pk": obj.pk})
        return format_html('<a href="{}">{}</a>', url, _("Last ned PDF"))


@admin.register(models.InnsendtSoknad)
class InnsendtSoknadAdmin(admin.ModelAdmin):
    list_display = ["soknad", "innsendt"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(models.Tilgang)
