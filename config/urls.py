from django.contrib import admin
from django.urls import include, path
from viewflow.urls import Site

from config.views import home, staff_index
from handlingsplan.staff import HandlingsplanApp
from konto.passord import KontoAuthViewset
from konto.views import KontoApp
from notifications.staff import NotificationsApp
from plp.staff import ProsjektApp
from plp.staff_saker import prosjektsak_flow_app
from plp.staff_utbetaling import UtbetalingApp
from rapportering.staff import RapporteringApp
from workflow.staff import klage_flow_app, soknad_flow_app


class StaffSite(Site):
    @property
    def index_path(self):
        route = super().index_path
        return path(str(route.pattern), staff_index(route.callback), name=route.name)


site = StaffSite(
    title="Omstilling",
    primary_color="#1f4e79",
    secondary_color="#2e75b6",
    viewsets=[
        HandlingsplanApp(),
        NotificationsApp(),
        soknad_flow_app(),
        klage_flow_app(),
        ProsjektApp(),
        prosjektsak_flow_app(),
        UtbetalingApp(),
        RapporteringApp(),
        KontoApp(),
    ],
)

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", KontoAuthViewset(with_profile_view=False).urls),
    path("staff/", site.urls),
    path("varsler/", include("notifications.urls")),
    path("offentlig/", include("rapportering.urls", namespace="offentlig")),
    path("", include("soknader.urls")),
    path("", include("workflow.urls")),
    path("", include("plp.urls")),
    path("", include("plp.urls_utbetaling")),
    path("", home, name="home"),
]
