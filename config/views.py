from django.shortcuts import redirect

from felles.roles import is_staff_member


def home(request):
    """The front door: staff to their work, everyone else to the application start page."""
    if is_staff_member(request.user):
        return redirect("/staff/")
    return redirect("soknader:start")
