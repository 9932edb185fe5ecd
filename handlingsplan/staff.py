"""The handlingsplan part of the staff site (viewflow frontend)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from felles.roles import is_staff_member
from handlingsplan import views, views_indikator, views_timer


def _may_open(user) -> bool:
    # Anonymous people pass viewflow's site check so that the views can send
    # them to the login page; the views refuse everyone without a staff role.
    return not user.is_authenticated or is_staff_member(user)


class HandlingsplanApp(Application):
    title = _("Handlingsplan")
    icon = "account_balance"
    app_name = "handlingsplan"
    permission = staticmethod(_may_open)
    menu_template_name = "handlingsplan/staff/menu.html"

    index_path = path("", views.PlanOverviewView.as_view(), name="index")
    pot_path = path("pott/<int:pk>/", views.PotDetailView.as_view(), name="pot")
    timer_path = path("timer/", views_timer.TimerView.as_view(), name="timer")
    omfordeling_path = path(
        "pott/<int:pk>/omfordel/", views.OmfordelingView.as_view(), name="omfordeling"
    )
    indikatorer_path = path(
        "indikatorer/", views_indikator.IndikatorListeView.as_view(), name="indikatorer"
    )
    indikator_path = path(
        "indikatorer/<int:pk>/", views_indikator.IndikatorView.as_view(), name="indikator"
    )
