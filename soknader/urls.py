from django.urls import path

from .views import minside, skjema

app_name = "soknader"

urlpatterns = [
    path("soknad/", skjema.start, name="start"),
    # A draft's secret link: followed once, then the session holds the draft (skjema.utkast).
    path("soknad/utkast/<str:token>/", skjema.utkast, name="utkast"),
    path("soknad/utkast/<str:token>/steg/<int:steg>/", skjema.utkast, name="utkast_steg"),
    path("soknad/utkast/<str:token>/sendt/", skjema.utkast_sendt, name="utkast_sendt"),
    path("soknad/<int:pk>/steg/<int:steg>/", skjema.steg, name="steg"),
    path("soknad/<int:pk>/sendt/", skjema.sendt, name="sendt"),
    path(
        "soknad/<int:pk>/vedlegg/<int:vedlegg>/",
        skjema.vedlegg_utkast,
        name="vedlegg_utkast",
    ),
    path(
        "soknad/<int:pk>/vedlegg/<int:vedlegg>/slett/",
        skjema.vedlegg_slett,
        name="vedlegg_slett",
    ),
    path("soknad/vedlegg/<int:pk>/", minside.vedlegg, name="vedlegg"),
    path("soknad/<int:pk>/innsendt.pdf", minside.innsendt_pdf, name="innsendt_pdf"),
    path("min-side/", minside.oversikt, name="minside"),
    path("min-side/logg-inn/", minside.logg_inn, name="minside_logg_inn"),
    path("min-side/logg-inn/lenke/", minside.Innlogging.as_view(), name="minside_innlogging"),
    path("min-side/logg-ut/", minside.logg_ut, name="minside_logg_ut"),
    path("min-side/soknad/<int:pk>/", minside.soknad, name="minside_soknad"),
    path("min-side/sak/<str:saksnummer>/", minside.sak, name="minside_sak"),
    path("min-side/soknad/<int:pk>/fortsett/", minside.fortsett, name="minside_fortsett"),
    path("min-side/soknad/<int:pk>/slett/", minside.slett, name="minside_slett"),
]
