"""Staff reporting pages: an overview of the sections, each section with its tables and
charts, and every table as Excel or CSV. Read-only; each view reads one section and renders."""

from django.http import Http404, HttpResponse
from django.utils.text import slugify
from django.views.generic import TemplateView, View

from felles.errors import DomainError
from handlingsplan.views import StaffRequiredMixin
from rapportering import seksjoner
from rapportering.access import may_see_reports
from rapportering.arsrapport import (
    arsrapport_bygg,
    arsrapport_pdf,
    arsrapport_xlsx,
    filnavn,
    standard_ar,
)
from rapportering.eksport import tabell_csv, tabeller_xlsx
from rapportering.forms import PDF, ArsrapportForm
from rapportering.selectors.felles import gjeldende_program, programmets_ar


class ReportMixin(StaffRequiredMixin):
    def allowed(self, user) -> bool:
        return may_see_reports(user)

    def program(self):
        program = gjeldende_program(self.request.GET.get("program", ""))
        if program is None:
            raise Http404
        return program

    def ar(self, program) -> int | None:
        try:
            ar = int(self.request.GET.get("ar", ""))
        except ValueError:
            return None
        return ar if ar in programmets_ar(program) else None

    def seksjon(self):
        seksjon = seksjoner.finn(self.kwargs["slug"])
        if seksjon is None:
            raise Http404
        return seksjon


class OversiktView(ReportMixin, TemplateView):
    template_name = "rapportering/staff/oversikt.html"

    def skjema(self, program, data=None) -> ArsrapportForm:
        return ArsrapportForm(data, arene=programmets_ar(program), standard_ar=standard_ar(program))

    def get_context_data(self, **kwargs):
        program = kwargs.pop("program", None) or self.program()
        kwargs.setdefault("skjema", self.skjema(program))
        return super().get_context_data(
            program=program,
            seksjoner=seksjoner.alle(),
            program_valgt=self.request.GET.get("program", ""),
            **kwargs,
        )


class ArsrapportView(OversiktView):
    """The annual report for the year chosen on the overview, as PDF (in the user's language)
    or as an Excel workbook; a bad choice shows the overview again with the form's message."""

    def get(self, request, *args, **kwargs):
        program = self.program()
        skjema = self.skjema(program, request.GET)
        if skjema.is_valid():
            try:
                rapport = arsrapport_bygg(program, skjema.cleaned_data["ar"])
            except DomainError as exc:
                skjema.add_error("ar", exc.message)
            else:
                return _arsrapport_svar(rapport, skjema.cleaned_data["filtype"])
        context = self.get_context_data(program=program, skjema=skjema)
        return self.render_to_response(context, status=400)


def _arsrapport_svar(rapport, filtype: str) -> HttpResponse:
    if filtype == PDF:
        innhold, ending, mime = arsrapport_pdf(rapport), "pdf", "application/pdf"
    else:
        innhold, ending = arsrapport_xlsx(rapport), "xlsx"
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(innhold, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{filnavn(rapport, ending)}"'
    return response


class SeksjonView(ReportMixin, TemplateView):
    template_name = "rapportering/staff/seksjon.html"

    def get_context_data(self, **kwargs):
        program, seksjon = self.program(), self.seksjon()
        ar = self.ar(program)
        return super().get_context_data(
            program=program,
            seksjon=seksjon,
            del_=seksjon.bygg(program, ar),
            ar=ar,
            arene=programmets_ar(program),
            seksjoner=seksjoner.alle(),
            **kwargs,
        )


def _filnavn(program, seksjon, ar, ending: str) -> str:
    return f"{program.slug}-{slugify(seksjon.slug)}-{ar or 'alle-ar'}.{ending}"


class XlsxView(ReportMixin, View):
    def get(self, request, slug):
        program, seksjon = self.program(), self.seksjon()
        ar = self.ar(program)
        innhold = tabeller_xlsx(seksjon.bygg(program, ar).tabeller)
        response = HttpResponse(
            innhold,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{_filnavn(program, seksjon, ar, "xlsx")}"'
        )
        return response


class CsvView(ReportMixin, View):
    def get(self, request, slug, tabell):
        program, seksjon = self.program(), self.seksjon()
        ar = self.ar(program)
        try:
            valgt = seksjon.bygg(program, ar).tabell(tabell)
        except KeyError:
            raise Http404 from None
        response = HttpResponse(tabell_csv(valgt), content_type="text/csv; charset=utf-8")
        navn = f"{program.slug}-{tabell}-{ar or 'alle-ar'}.csv"
        response["Content-Disposition"] = f'attachment; filename="{navn}"'
        return response
