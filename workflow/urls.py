"""The applicant's actions in a case, on Min side (namespace `soker`). A submitted
application is addressed by its saksnummer; its id addresses, in e-mails already sent, lead
there."""

from django.urls import path

from soknader.views.minside import id_address

from .views import klage, minside

app_name = "soker"

SAK = "min-side/sak/<str:saksnummer>/"
ID = "min-side/soknad/<int:pk>/"

urlpatterns = [
    path(SAK + "svar/", minside.svar, name="svar"),
    path(SAK + "aksept/", minside.aksept, name="aksept"),
    path(SAK + "trekk/", minside.trekk, name="trekk"),
    path(SAK + "merknad/", minside.merknad, name="merknad"),
    path(SAK + "klage/", klage.klage_ny, name="klage"),
    path("min-side/brev/<int:pk>/", minside.brev, name="brev"),
    path("min-side/klage/<int:pk>/aksept/", klage.klage_aksept, name="klage_aksept"),
    *(
        path(f"{ID}{handling}/", id_address, {"name": f"soker:{handling}"})
        for handling in ("svar", "aksept", "trekk", "merknad", "klage")
    ),
]
