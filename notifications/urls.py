from anymail.webhooks.mailgun import MailgunTrackingWebhookView
from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("innstillinger/", views.preferences, name="preferences"),
    # Signed by Mailgun (MAILGUN_WEBHOOK_SIGNING_KEY) and behind basic auth (WEBHOOK_SECRET).
    path(
        "webhooks/mailgun/tracking/",
        MailgunTrackingWebhookView.as_view(),
        name="mailgun_tracking",
    ),
]
