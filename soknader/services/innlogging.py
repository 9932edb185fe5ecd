"""Min side's login: a one-time link by e-mail to an address that belongs to an application."""

from django.contrib.auth import get_user_model
from django.db import transaction

from .. import epost
from ..selectors import epost_known


def innloggingslenke_request(*, epost_adresse: str, language: str = "nb", neste: str = "") -> None:
    """Send a one-time login link if the address belongs to an application; silent otherwise.
    `neste` is the Min side page the link opens after login (lenker.minside_next)."""
    address = (epost_adresse or "").strip().lower()
    if not address or not epost_known(address):
        return
    with transaction.atomic():
        user, created = get_user_model().objects.get_or_create(
            username=f"soker:{address}"[:150], defaults={"email": address}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        epost.innloggingslenke_send(user=user, language=language, neste=neste)
