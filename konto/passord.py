"""Password reset, limited per e-mail address and per client address."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.utils.translation import gettext as _
from viewflow.contrib.auth import AuthViewset

from konto.axes import client_ip
from konto.grenser import hit_within_limit


class LimitedPasswordResetView(auth_views.PasswordResetView):
    template_name = "konto/passord/skjema.html"
    email_template_name = "konto/passord/epost.txt"
    subject_template_name = "konto/passord/epost_emne.txt"

    def get_extra_email_context(self):
        # The link comes from SITE_URL, not from the host the request happened to name.
        return {"site_url": settings.SITE_URL}

    def form_valid(self, form):
        self.extra_email_context = self.get_extra_email_context()
        email = form.cleaned_data["email"].strip().lower()
        per_address = settings.PASSORD_RESET_PER_EPOST
        per_client = settings.PASSORD_RESET_PER_KLIENT
        # Both counters count every try, so a refusal says nothing about whether the
        # address belongs to anyone.
        address_ok = hit_within_limit(
            f"reset:epost:{email}", limit=per_address[0], window=per_address[1]
        )
        client_ok = hit_within_limit(
            f"reset:klient:{client_ip(self.request)}", limit=per_client[0], window=per_client[1]
        )
        if not (address_ok and client_ok):
            form.add_error(
                "email",
                _("For mange forespørsler om nytt passord. Prøv igjen om en time."),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


class ResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "konto/passord/sendt.html"


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "konto/passord/nytt.html"


class ResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "konto/passord/ferdig.html"


class KontoAuthViewset(AuthViewset):
    """viewflow's login and password pages, the reset pages in the staff skin and our words."""

    pass_reset_view_class = LimitedPasswordResetView
    pass_reset_done_view_class = ResetDoneView
    pass_reset_confirm_view_class = ResetConfirmView
    pass_reset_complete_view_class = ResetCompleteView
