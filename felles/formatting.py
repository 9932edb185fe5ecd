"""How amounts, hours and dates are shown: `1 900 000 kr`, `62,5 t`, `27.11.2026`."""

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone


def group_thousands(value: int) -> str:
    sign = "−" if value < 0 else ""
    return sign + f"{abs(int(value)):,}".replace(",", " ")


def kr(value) -> str:
    if value is None or value == "":
        return ""
    return f"{group_thousands(int(value))} kr"


def timer(value) -> str:
    if value is None:
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{group_thousands(int(value))} t"
    whole = group_thousands(int(value))
    fraction = str(value.normalize()).split(".")[1]
    return f"{whole},{fraction} t"


def dato(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value)
