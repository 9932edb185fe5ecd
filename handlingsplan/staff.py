"""The handlingsplan part of the staff site (viewflow frontend)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from viewflow.urls import Application

from handlingsplan.roles import is_staff_member


class PlanOverviewView(TemplateView):
    template_name = "handlingsplan/staff/oversikt.html"


class HandlingsplanApp(Application):
    title = _("Handlingsplan")
    icon = "account_balance"
    app_name = "handlingsplan"
    permission = staticmethod(is_staff_member)

    index_path = path("", PlanOverviewView.as_view(), name="index")
