"""The annual report (årsrapport) for one year of the program: a front page (the program, the
year, the status of the year's plan, the day it was made) and every section of the reporting
pages for that year, with their tables and charts.

It is written to PDF for the board, the municipal council and the county, and to one Excel
workbook. Both are made from the same sections the staff pages show, so the figures are the
same everywhere."""

import datetime
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.formatting import dato
from felles.pdf import pdf_from_html
from handlingsplan.models import Handlingsplan, Program
from rapportering import seksjoner
from rapportering.eksport import tabeller_xlsx
from rapportering.selectors.felles import programmets_ar
from rapportering.tabell import Kolonne, Rapportdel, Tabell

PDF_MAL = "rapportering/pdf/arsrapport.html"


@dataclass
class Kapittel:
    """One section of the report: the registry's section and what it built for the year."""

    seksjon: seksjoner.Seksjon
    del_: Rapportdel

    @property
    def tittel(self) -> str:
        return str(self.seksjon.tittel)


@dataclass
class Arsrapport:
    program: Program
    ar: int
    plan: Handlingsplan | None
    laget: datetime.date
    kapitler: list[Kapittel] = field(default_factory=list)

    def planstatus(self) -> str:
        """The year's plan as the front page states it: its status and the last step's date."""
        if self.plan is None:
            return _("Ingen handlingsplan for året")
        steg = [
            (self.plan.publisert_dato, self.plan.publisert_referanse),
            (self.plan.vedtatt_dato, self.plan.vedtatt_referanse),
            (self.plan.godkjent_dato, self.plan.godkjent_referanse),
        ]
        status = self.plan.get_status_display()
        for dag, referanse in steg:
            if dag:
                detalj = f"{dato(dag)}, {referanse}" if referanse else dato(dag)
                return f"{status} ({detalj})"
        return str(status)

    def forside(self) -> Tabell:
        """The front page as a table, the first sheet of the workbook."""
        return Tabell(
            slug="arsrapport",
            tittel=_("Årsrapport %(ar)s") % {"ar": self.ar},
            kolonner=[Kolonne(_("Opplysning")), Kolonne(_("Verdi"))],
            rader=[
                [_("Program"), self.program.navn],
                [_("Kommune"), self.program.kommune],
                [
                    _("Programperiode"),
                    f"{self.program.start_ar}–{self.program.slutt_ar}",
                ],
                [_("År"), self.ar],
                [_("Handlingsplan"), self.plan.tittel if self.plan else "–"],
                [_("Planens status"), self.planstatus()],
                [_("Laget"), dato(self.laget)],
            ],
        )

    def tabeller(self) -> list[Tabell]:
        return [self.forside()] + [t for k in self.kapitler for t in k.del_.tabeller]


def arsrapport_bygg(program: Program, ar: int) -> Arsrapport:
    """Every section of the registry for year `ar`; a year outside the program is refused."""
    arene = programmets_ar(program)
    if ar not in arene:
        raise DomainError(
            _("%(ar)s er ikke et år i %(program)s, som varer fra %(start)s til %(slutt)s.")
            % {"ar": ar, "program": program.navn, "start": arene[0], "slutt": arene[-1]},
            field="ar",
        )
    plan = Handlingsplan.objects.filter(program=program, ar=ar).first()
    kapitler = [Kapittel(s, s.bygg(program, ar)) for s in seksjoner.alle()]
    return Arsrapport(
        program=program, ar=ar, plan=plan, laget=timezone.localdate(), kapitler=kapitler
    )


def arsrapport_html(rapport: Arsrapport) -> str:
    """The HTML WeasyPrint draws: the front page, then each section's charts and tables."""
    return render_to_string(PDF_MAL, {"r": rapport})


def arsrapport_pdf(rapport: Arsrapport) -> bytes:
    """The report as PDF, in the active language (the sections' texts were written in it when
    the report was built, so the caller builds and renders in the same language)."""
    return pdf_from_html(arsrapport_html(rapport))


def arsrapport_xlsx(rapport: Arsrapport) -> bytes:
    """One workbook: the front page, then one sheet per table of every section."""
    return tabeller_xlsx(rapport.tabeller())


def filnavn(rapport: Arsrapport, ending: str) -> str:
    return f"{rapport.program.slug}-arsrapport-{rapport.ar}.{ending}"


def standard_ar(program: Program) -> int:
    """The year the report form offers first: last year, the year an annual report is written
    for, kept within the program's years."""
    arene = programmets_ar(program)
    return min(max(timezone.localdate().year - 1, arene[0]), arene[-1])
