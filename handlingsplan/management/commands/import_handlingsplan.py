from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from felles.errors import DomainError
from felles.formatting import kr, timer
from handlingsplan.services.plan_import import ImportResultat, handlingsplan_import, plan_summary


class Command(BaseCommand):
    help = gettext_lazy(
        "Leser en handlingsplan fra en YAML-fil (alt eller ingenting), kontrollerer summene "
        "planen oppgir og fyller én pott per strategi."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            help=gettext_lazy(
                "YAML-fila med planen, f.eks. handlingsplan/data/handlingsplan_2021.yaml"
            ),
        )

    def handle(self, *args, path, **options):
        try:
            result = handlingsplan_import(path=path)
        except DomainError as exc:
            raise CommandError(_("Ingenting er lagret. %(error)s") % {"error": exc}) from exc
        self._report(result)

    def _report(self, r: ImportResultat):
        out = self.stdout.write
        out(
            _("Handlingsplan: %(title)s (%(status)s)")
            % {"title": r.plan.tittel, "status": r.plan.get_status_display()}
        )
        if r.avvik:
            out(
                self.style.WARNING(
                    _("Oppgitte tall som ikke stemmer med det beregnede (%(n)s):")
                    % {"n": len(r.avvik)}
                )
            )
            for avvik in r.avvik:
                out(f"  AVVIK  {avvik.line()}")
        else:
            out(self.style.SUCCESS(_("Alle oppgitte summer stemmer.")))
        self._summary(r)
        if r.endringer.antall:
            e = r.endringer
            parts = [
                _("%(n)s %(what)s opprettet") % {"n": n, "what": w} for w, n in e.opprettet.items()
            ]
            parts += [_("%(n)s %(what)s endret") % {"n": n, "what": w} for w, n in e.endret.items()]
            parts += [
                _("%(n)s %(what)s slettet") % {"n": n, "what": w} for w, n in e.slettet.items()
            ]
            if e.statussteg:
                parts.append(_("%(n)s statussteg") % {"n": e.statussteg})
            out(
                self.style.SUCCESS(
                    _("Lagret: %(parts)s; %(pots)s potter fylt i hovedboka.")
                    % {"parts": ", ".join(parts), "pots": r.endringer.potter_fylt}
                )
            )
        else:
            out(self.style.SUCCESS(_("Ingen endringer: databasen stemmer allerede med fila.")))

    def _summary(self, r: ImportResultat):
        s = plan_summary(r.plan)
        out = self.stdout.write
        out(_("Oppsummering (beregnet og lagret):"))
        out(
            _("  Innsatsområder:   %(n)s (%(t)s med mål for arbeidsplasser)")
            % {"n": s["omrader"], "t": s["omrader_med_mal"]}
        )
        out(
            _("  Strategier:       %(n)s (%(letters)s)")
            % {"n": s["strategier"], "letters": s["bokstaver"]}
        )
        out(
            _("  Potter:           %(n)s, tildelt i alt %(kr)s")
            % {"n": s["potter"], "kr": kr(s["tildelt"])}
        )
        out(
            _("  Arbeidsplassmål:  %(n)s i perioden (hovedmål %(new)s nye + %(kept)s sikrede)")
            % {"n": s["arbeidsplassmal"], "new": s["nye"], "kept": s["sikrede"]}
        )
        out(
            _("  Programleder:     %(h)s à %(rate)s = %(cost)s")
            % {"h": timer(s["timer"]), "rate": kr(s["timekostnad"]), "cost": kr(s["timer_kostnad"])}
        )
        out(_("  Administrasjon:   %(kr)s") % {"kr": kr(s["administrasjon"])})
        out(
            _("  Budsjett i alt:   %(kr)s (rammer %(frames)s + programleder + administrasjon)")
            % {"kr": kr(s["budsjett"]), "frames": kr(s["rammer"])}
        )
        out(_("  Finansiering:     %(kr)s") % {"kr": kr(s["finansiering"])})
        out(_("  Avvik:            %(n)s") % {"n": len(r.avvik)})
