"""The programleder's hours page: the programleder (and administrators) record hours per
focus area and month; the board and observers see the year's table."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from felles.access import may_handle, may_see_meetings
from felles.formatting import timer
from handlingsplan.forms_timer import TimerForm
from handlingsplan.timer_selectors import timer_oversikt, timer_program
from handlingsplan.views import StaffRequiredMixin


class TimerView(StaffRequiredMixin, FormView):
    template_name = "handlingsplan/staff/timer.html"
    form_class = TimerForm

    def allowed(self, user) -> bool:
        return may_see_meetings(user)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.allowed(request.user):
            self.program = timer_program(request.GET.get("program", ""))
            if self.program is None:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not may_handle(request.user):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def ar(self) -> int:
        arene = range(self.program.start_ar, self.program.slutt_ar + 1)
        try:
            ar = int(self.request.GET.get("ar", ""))
        except ValueError:
            ar = timezone.localdate().year
        return ar if ar in arene else (arene[-1] if ar > arene[-1] else arene[0])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.program, "user": self.request.user}

    def get_initial(self):
        idag = timezone.localdate()
        ar = self.ar()
        maned = idag.month if idag.year == ar else 1
        return {"maned": f"{ar}-{maned:02d}"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            program=self.program,
            oversikt=timer_oversikt(program=self.program, ar=self.ar()),
            arene=list(range(self.program.start_ar, self.program.slutt_ar + 1)),
            kan_fore=may_handle(self.request.user),
            **kwargs,
        )

    def form_valid(self, form):
        if not form.save():
            return self.form_invalid(form)
        r = form.result
        messages.success(
            self.request,
            _("Ført %(timer)s på %(omrade)s for %(maned)s.")
            % {
                "timer": timer(r.timer),
                "omrade": r.innsatsomrade.navn,
                "maned": f"{r.maned:%m.%Y}",
            },
        )
        return redirect(reverse("handlingsplan:timer") + f"?ar={r.maned.year}")
