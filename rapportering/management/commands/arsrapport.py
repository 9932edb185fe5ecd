"""`manage.py arsrapport YEAR --pdf FILE --xlsx FILE`: the annual report for one year of the
program, as PDF, as an Excel workbook, or both."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from felles.errors import DomainError
from rapportering.arsrapport import arsrapport_bygg, arsrapport_pdf, arsrapport_xlsx
from rapportering.selectors.felles import gjeldende_program


class Command(BaseCommand):
    help = gettext_lazy(
        "Lager årsrapporten for ett år av programmet: tabellene og diagrammene i alle "
        "rapportdelene, som PDF og/eller Excel."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "ar", type=int, help=gettext_lazy("Året rapporten gjelder, f.eks. 2022")
        )
        parser.add_argument(
            "--pdf", metavar="FIL", help=gettext_lazy("Skriv rapporten som PDF hit")
        )
        parser.add_argument(
            "--xlsx", metavar="FIL", help=gettext_lazy("Skriv tabellene som Excel-arbeidsbok hit")
        )
        parser.add_argument(
            "--program",
            metavar="SLUG",
            default="",
            help=gettext_lazy("Programmets kortnavn (standard: det nyeste programmet)"),
        )
        parser.add_argument(
            "--sprak",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help=gettext_lazy("Språket rapporten skrives på"),
        )

    def handle(self, *args, ar, pdf, xlsx, program, sprak, **options):
        if not pdf and not xlsx:
            raise CommandError(_("Oppgi --pdf FIL, --xlsx FIL eller begge."))
        valgt = gjeldende_program(program)
        if valgt is None:
            raise CommandError(_("Det finnes ikke noe program ennå."))
        if program and valgt.slug != program:
            raise CommandError(_("Fant ikke programmet «%(slug)s».") % {"slug": program})
        with translation.override(sprak):
            try:
                rapport = arsrapport_bygg(valgt, ar)
            except DomainError as exc:
                raise CommandError(str(exc)) from exc
            filer = []
            if pdf:
                filer.append((pdf, arsrapport_pdf(rapport)))
            if xlsx:
                filer.append((xlsx, arsrapport_xlsx(rapport)))
            for sti, innhold in filer:
                Path(sti).write_bytes(innhold)
                self.stdout.write(
                    self.style.SUCCESS(
                        _("Skrev %(fil)s (%(kb)s kB).") % {"fil": sti, "kb": len(innhold) // 1024}
                    )
                )
