"""Grants to report to the state aid register (støtteregisteret): the list, its exports as
CSV and Excel, and marking grants as reported."""

from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from felles import access
from felles.errors import DomainError
from workflow import services
from workflow.stotteregister import stotteregister_csv, stotteregister_vedtak, stotteregister_xlsx

FORMATS = {
    "csv": ("text/csv; charset=utf-8", stotteregister_csv),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        stotteregister_xlsx,
    ),
}


class RegisterAccess(UserPassesTestMixin):
    """Those who read every case see the list; the programleder marks grants reported."""

    def test_func(self):
        return access.may_read_all(self.request.user)


def _rapportert(request) -> bool:
    return request.GET.get("vis") == "rapportert"


class StotteregisterView(RegisterAccess, TemplateView):
    template_name = "workflow/stotteregister.html"

    def get_context_data(self, **kwargs):
        rapportert = _rapportert(self.request)
        return super().get_context_data(
            vedtak=stotteregister_vedtak(rapportert=rapportert),
            rapportert=rapportert,
            kan_merke=access.may_handle(self.request.user),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not access.may_handle(request.user):
            raise PermissionDenied
        ids = [int(v) for v in request.POST.getlist("vedtak") if v.isdigit()]
        try:
            antall = services.stotteregister_mark(vedtak_ids=ids, by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(n)d vedtak er merket som rapportert.") % {"n": antall})
        return redirect(request.path)


class StotteregisterExportView(RegisterAccess, View):
    def get(self, request, *args, **kwargs):
        fmt = kwargs["fmt"]
        if fmt not in FORMATS:
            raise Http404
        content_type, export = FORMATS[fmt]
        rapportert = _rapportert(request)
        response = HttpResponse(
            export(stotteregister_vedtak(rapportert=rapportert)), content_type=content_type
        )
        name = f"stotteregister-{timezone.localdate():%Y-%m-%d}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response
