"""Services of the second factor: an app's secret (TOTP) and recovery codes (static tokens)."""

from base64 import b32encode

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from felles.transaksjon import tjeneste

RECOVERY_CODES = 10
TOTP_NAME = "app"
RECOVERY_NAME = "reservekoder"


def totp_start(*, user) -> TOTPDevice:
    """The device being set up: one unconfirmed secret per person until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def secret_b32(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_confirm(*, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the device with a code from the app; returns new recovery codes, None if wrong."""
    with tjeneste():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if device.confirmed or not device.verify_token(token.replace(" ", "")):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
        return recovery_codes_renew(user=device.user)


def recovery_codes_renew(*, user) -> list[str]:
    """Replace the recovery codes; each works once. Only their values are returned, once."""
    with tjeneste():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes
