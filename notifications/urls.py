from django.urls import path

from notifications import views
from notifications.webhooks import MailgunTracking

app_name = "notifications"

urlpatterns = [
    path("innstillinger/", views.preferences, name="preferences"),
    # Signed by Mailgun (MAILGUN_WEBHOOK_SIGNING_KEY) and behind basic auth (WEBHOOK_SECRET);
    # a payload signed more than NOTIFICATIONS_WEBHOOK_MAX_AGE seconds ago is refused.
    path(
        "webhooks/mailgun/tracking/",
        MailgunTracking.as_view(),
        name="mailgun_tracking",
    ),
]
