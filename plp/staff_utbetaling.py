"""The payouts part of the staff site (viewflow frontend): requests to handle, the export
for the accounting and the payment dates."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from felles.access import may_read_all
from plp import views_utbetaling as views


def _may_open(user) -> bool:
    # Anonymous people pass so that the views can send them to the login page.
    return not user.is_authenticated or may_read_all(user)


class UtbetalingApp(Application):
    title = _("Utbetalinger")
    icon = "payments"
    app_name = "utbetaling"
    permission = staticmethod(_may_open)
    menu_template_name = "plp/utbetaling/staff/menu.html"

    index_path = path("", views.OversiktView.as_view(), name="index")
    behandle_path = path("<int:pk>/", views.BehandleView.as_view(), name="behandle")
    eksport_path = path("eksport/", views.EksportView.as_view(), name="eksport")
    betalt_path = path("<int:pk>/betalt/", views.BetaltView.as_view(), name="betalt")
