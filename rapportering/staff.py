"""The reporting part of the staff site (viewflow frontend)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from rapportering import views
from rapportering.access import may_see_reports


def _may_open(user) -> bool:
    # Anonymous people pass so the views can send them to the login page.
    return not user.is_authenticated or may_see_reports(user)


class RapporteringApp(Application):
    title = _("Rapportering")
    icon = "insights"
    app_name = "rapportering"
    permission = staticmethod(_may_open)
    menu_template_name = "rapportering/staff/menu.html"

    index_path = path("", views.OversiktView.as_view(), name="index")
    arsrapport_path = path("arsrapport/", views.ArsrapportView.as_view(), name="arsrapport")
    xlsx_path = path("<slug:slug>.xlsx", views.XlsxView.as_view(), name="xlsx")
    csv_path = path("<slug:slug>/<slug:tabell>.csv", views.CsvView.as_view(), name="csv")
    seksjon_path = path("<slug:slug>/", views.SeksjonView.as_view(), name="seksjon")
