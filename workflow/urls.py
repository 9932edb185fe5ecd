"""The applicant's actions in a case, on Min side (namespace `soker`)."""

from django.urls import path

from .views import klage, minside

app_name = "soker"

urlpatterns = [
    path("min-side/soknad/<int:pk>/svar/", minside.svar, name="svar"),
    path("min-side/soknad/<int:pk>/aksept/", minside.aksept, name="aksept"),
    path("min-side/soknad/<int:pk>/trekk/", minside.trekk, name="trekk"),
    path("min-side/soknad/<int:pk>/merknad/", minside.merknad, name="merknad"),
    path("min-side/brev/<int:pk>/", minside.brev, name="brev"),
    path("min-side/soknad/<int:pk>/klage/", klage.klage_ny, name="klage"),
    path("min-side/klage/<int:pk>/aksept/", klage.klage_aksept, name="klage_aksept"),
]
