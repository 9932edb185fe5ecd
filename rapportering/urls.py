"""The public pages and open data, under /offentlig/ (namespace "offentlig")."""

from django.urls import path

from rapportering import views_offentlig as v

app_name = "offentlig"

urlpatterns = [
    path("", v.program, name="program"),
    path("handlingsplan/<int:ar>/", v.plan, name="plan"),
    path("tilskudd/", v.tilskudd, name="tilskudd"),
    path("maloppnaelse/", v.maloppnaelse, name="maloppnaelse"),
    path("tilskudd.json", v.tilskudd_json, name="tilskudd_json"),
    path("tilskudd.csv", v.tilskudd_csv, name="tilskudd_csv"),
    path("maloppnaelse.json", v.maloppnaelse_json, name="maloppnaelse_json"),
]
