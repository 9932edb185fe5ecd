"""Password reset, limited per e-mail address and per client address."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.utils.translation import gettext as _
from viewflow.contrib.auth import AuthViewset

from konto.axes import client_ip
from konto.grenser import hit_within_limit


class LimitedPasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
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


class KontoAuthViewset(AuthViewset):
    pass_reset_view_class = LimitedPasswordResetView
