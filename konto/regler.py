"""Who must use two-factor authentication, and who is offered it."""

from django.conf import settings
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from felles.roles import Rolle, has_role, is_staff_member

# The roles that move money or decide.
KREVER_TOFAKTOR = (Rolle.ADMINISTRATOR, Rolle.PROGRAMLEDER, Rolle.STYRELEDER)


def tofaktor_required(user) -> bool:
    """Administrators, the programleder and the chair must log in with a second factor."""
    return user.is_authenticated and (user.is_superuser or has_role(user, *KREVER_TOFAKTOR))


def tofaktor_offered(user) -> bool:
    """Every staff member may turn on a second factor."""
    return is_staff_member(user)


def tofaktor_enforced() -> bool:
    """Off with DEBUG (make run) unless TOFAKTOR_PAKREVD says otherwise; on in production."""
    return settings.TOFAKTOR_PAKREVD


def has_confirmed_totp(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def has_any_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))
