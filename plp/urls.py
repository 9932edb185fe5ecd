"""The project's pages on Min side (namespace `plp`)."""

from django.urls import path

from .views import minside, referansegruppe

app_name = "plp"

urlpatterns = [
    path("min-side/prosjekt/<int:pk>/", minside.prosjekt, name="minside_prosjekt"),
    path(
        "min-side/prosjekt/<int:pk>/referansegruppe/",
        referansegruppe.minside,
        name="referansegruppe",
    ),
    path(
        "min-side/prosjekt/<int:pk>/referansegruppe/<int:medlem_pk>/fjern/",
        referansegruppe.minside_fjern,
        name="referansegruppe_fjern",
    ),
    path("min-side/fase/<int:pk>/oppstart/", minside.start, name="start"),
    path("min-side/fase/<int:pk>/statusrapport/", minside.statusrapport, name="statusrapport"),
    path("min-side/fase/<int:pk>/sluttrapport/", minside.sluttrapport, name="sluttrapport"),
    path("min-side/fase/<int:pk>/beslutning/", minside.beslutning, name="beslutning"),
    path("min-side/fase/<int:pk>/endring/", minside.endring, name="endring"),
    path("min-side/fase/<int:pk>/plan/", minside.plan, name="plan"),
    path("min-side/fase/<int:pk>/oppfolging/", minside.oppfolging, name="oppfolging"),
    path("min-side/fase/<int:pk>/referat/", minside.referat, name="referat"),
    path("min-side/fase/<int:pk>/brev/<str:kind>/<int:brev_pk>/", minside.brev, name="brev"),
]
