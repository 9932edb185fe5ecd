from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The names people see for the project e-mails (the e-mail log, case pages).
EPOSTNAVN = {
    "plp_bortfall": _("Tilsagnet har falt bort"),
    "plp_bortfall_varsel": _("Varsel: prosjektet har ikke startet"),
    "plp_endring_vedtak": _("Vedtak om endring i prosjektet"),
    "plp_neste_fase": _("Søknad om neste fase"),
    "plp_prosjekt_avsluttet": _("Prosjektet er avsluttet"),
    "plp_rest_bortfall": _("Resten av tilsagnet har falt bort"),
    "plp_rest_varsel": _("Varsel: resten av tilsagnet faller bort"),
    "plp_sluttrapport_godkjent": _("Sluttrapporten er godkjent"),
    "plp_sluttrapport_returnert": _("Sluttrapporten må rettes"),
    "plp_tilbakebetaling": _("Krav om tilbakebetaling"),
    "plp_utbetaling": _("Utbetaling"),
}


class PlpConfig(AppConfig):
    name = "plp"
    verbose_name = _("Prosjekter (PLP)")

    def ready(self):
        from notifications.registry import template_name_register
        from plp import frister, receivers, saksside

        for template, name in EPOSTNAVN.items():
            template_name_register(template, name)

        frister.register()  # start and follow-up deadlines, for the reminder engine
        receivers.register()  # an accepted grant opens the project's phase
        saksside.register()  # a project's case (report, change, payment) has its page here
