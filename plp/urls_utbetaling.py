from django.urls import path

from plp import views_utbetaling as views

app_name = "plp_utbetaling"

urlpatterns = [
    path("min-side/fase/<int:pk>/utbetaling/", views.fase_utbetaling, name="fase"),
    path("min-side/utbetaling/<int:pk>/", views.utbetaling_vis, name="vis"),
    path("min-side/utbetaling/<int:pk>/brev.pdf", views.brev, name="brev"),
    path("min-side/utbetaling/vedlegg/<int:pk>/", views.vedlegg, name="vedlegg"),
]
