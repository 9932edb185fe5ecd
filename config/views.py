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
