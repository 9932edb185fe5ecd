from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.roles import is_staff_member
from notifications.forms import PreferenceForm
from notifications.models import Preference
from notifications.services import preference_set


@login_required
def preferences(request):
    staff = is_staff_member(request.user)
    current = Preference.objects.filter(user=request.user).first()
    initial = {
        "delivery": current.delivery if current else Preference.Delivery.SINGLE,
        "language": current.language if current else request.LANGUAGE_CODE,
    }
    form = PreferenceForm(request.POST or None, initial=initial, staff=staff)
    if request.method == "POST" and form.is_valid():
        try:
            preference_set(user=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("Innstillingene er lagret."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form, "staff": staff})
