from django.db import transaction
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.roles import is_staff_member
from notifications.models import Preference


@transaction.atomic
def preference_set(*, user, delivery: str, language: str) -> Preference:
    """Change how a person hears from us. Only staff may choose a daily digest."""
    if delivery not in Preference.Delivery.values:
        raise DomainError(_("Ukjent valg."), field="delivery")
    if delivery == Preference.Delivery.DIGEST and not is_staff_member(user):
        raise DomainError(
            _("Daglig oppsummering kan bare velges av programmets ansatte og styre."),
            field="delivery",
        )
    preference, _created = Preference.objects.select_for_update().get_or_create(user=user)
    preference.delivery = delivery
    preference.language = language
    preference.save()
    return preference


def prefers_digest(preference: Preference | None) -> bool:
    """Has the person with this preference (None: never chosen) asked to hear of things once
    a day, in the daily digest?"""
    return preference is not None and preference.delivery == Preference.Delivery.DIGEST
