"""The names people see for notifications' own e-mail templates (the e-mail log, case pages)."""

from django.utils.translation import gettext_lazy as _

from notifications.registry import template_name_register

NAMES = {
    "acceptance_confirmation": _("Bekreftelse på aksept"),
    "appeal_letter": _("Brev i klagesak"),
    "appeal_received": _("Bekreftelse på mottatt klage"),
    "board_task_assigned": _("Ny sak til styret"),
    "cancellation_dropped": _("Oppheving av tilsagn henlagt"),
    "cancellation_notice": _("Forhåndsvarsel om oppheving av tilsagn"),
    "case_closed": _("Sak avsluttet"),
    "daily_digest": _("Daglig oppsummering"),
    "decision_letter": _("Vedtaksbrev"),
    "escalation": _("Eskalering av frist"),
    "information_request": _("Anmodning om opplysninger"),
    "lapse_notice": _("Melding om bortfall"),
    "legal_letter_bounced": _("Vedtaksbrev kom ikke fram"),
    "login_link": _("Innloggingslenke"),
    "pot_reallocated": _("Omfordeling mellom potter"),
    "receipt": _("Kvittering"),
    "reminder_before": _("Påminnelse før frist"),
    "reminder_late": _("Påminnelse om passert frist"),
    "programleder_notice": _("Melding til programleder"),
}


def register() -> None:
    for template, label in NAMES.items():
        template_name_register(template, label)
