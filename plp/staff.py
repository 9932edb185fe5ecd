"""The project part of the staff site (viewflow frontend)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from felles.access import may_read_all
from plp.views import referansegruppe
from plp.views import staff as views


def _may_open(user) -> bool:
    # Anonymous people pass so the views can send them to the login page.
    return not user.is_authenticated or may_read_all(user)


class ProsjektApp(Application):
    title = _("Prosjekter")
    icon = "work"
    app_name = "prosjekter"
    permission = staticmethod(_may_open)
    menu_template_name = "plp/staff/menu.html"

    index_path = path("", views.ProsjektlisteView.as_view(), name="index")
    prosjekt_path = path("<int:pk>/", views.ProsjektView.as_view(), name="prosjekt")
    referansegruppe_path = path(
        "<int:pk>/referansegruppe/",
        referansegruppe.StaffReferansegruppeView.as_view(),
        name="referansegruppe",
    )
    referansegruppe_fjern_path = path(
        "<int:pk>/referansegruppe/<int:medlem_pk>/fjern/",
        referansegruppe.StaffFjernView.as_view(),
        name="referansegruppe_fjern",
    )
    sluttrapport_path = path(
        "fase/<int:pk>/sluttrapport/", views.SluttrapportView.as_view(), name="sluttrapport"
    )
    endring_path = path("endring/<int:pk>/", views.EndringView.as_view(), name="endring")
    tilbakebetaling_path = path(
        "fase/<int:pk>/tilbakebetaling/",
        views.TilbakebetalingView.as_view(),
        name="tilbakebetaling",
    )
    rapportintervall_path = path(
        "fase/<int:pk>/rapportering/", views.RapportintervallView.as_view(), name="rapportering"
    )
    bortfall_path = path("fase/<int:pk>/bortfall/", views.BortfallView.as_view(), name="bortfall")
    referat_path = path("fase/<int:pk>/<str:kind>/", views.FilView.as_view(), name="fil")
    brev_path = path(
        "fase/<int:pk>/<str:kind>/<int:fil_pk>/", views.FilView.as_view(), name="fil_brev"
    )
