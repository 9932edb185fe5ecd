from functools import wraps

from django.shortcuts import redirect

from felles.roles import Rolle, has_role, is_staff_member


def home(request):
    """The front door: the programleder and the board to their inbox, other staff to the
    staff site, everyone else to the application start page."""
    if has_role(request.user, Rolle.PROGRAMLEDER, Rolle.STYRELEDER, Rolle.STYREMEDLEM):
        return redirect("saker:inbox")
    if is_staff_member(request.user):
        return redirect("/staff/")
    return redirect("soknader:start")


def staff_index(first_app_view):
    """The staff site's front page (its title in the frame): the programleder and the board
    to their inbox, other staff to the first app they may open."""

    @wraps(first_app_view)
    def view(request, *args, **kwargs):
        if has_role(request.user, Rolle.PROGRAMLEDER, Rolle.STYRELEDER, Rolle.STYREMEDLEM):
            return redirect("saker:inbox")
        return first_app_view(request, *args, **kwargs)

    return view
