"""Where a project's own case is worked on: the project's page, which shows its final
report, change requests and payments with their actions. Registered with the case app, so
the list of all cases and a case's saksnummer lead there (workflow.sakside)."""

from django.urls import reverse


def project_case_page(sak) -> str | None:
    emne = sak.sluttrapport or sak.endringssoknad or sak.plp_utbetaling
    if emne is None:
        return None
    return reverse("prosjekter:prosjekt", kwargs={"pk": emne.fase.prosjekt_id})


def register() -> None:
    from workflow.sakside import sak_page_register

    sak_page_register(project_case_page)
