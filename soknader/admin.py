from django.contrib import admin

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


class HendelseInline(ReadOnlyInline):
    model = models.Hendelse


@admin.register(models.Soknad)
class SoknadAdmin(admin.ModelAdmin):
    list_display = ["saksnummer", "tittel", "org_navn", "orgnr", "status", "innsendt"]
    list_filter = ["status", "fase", "bagatell_over_tak"]
    search_fields = ["saksnummer", "tittel", "org_navn", "orgnr"]
    readonly_fields = ["saksnummer", "status", "innsendt", "utkast_token", "bagatell_over_tak"]
    inlines = [AktivitetInline, KostnadInline, FinansieringInline, HendelseInline]


@admin.register(models.InnsendtSoknad)
class InnsendtSoknadAdmin(admin.ModelAdmin):
    list_display = ["soknad", "innsendt"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(models.Tilgang)
