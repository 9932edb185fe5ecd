"""Letters as PDF (WeasyPrint): tilsagnsbrev, avslagsbrev, and the board meeting's protokoll."""

from decimal import ROUND_HALF_UP, Decimal

from django.template.loader import render_to_string
from django.utils import timezone, translation

from felles.pdf import pdf_from_html
from soknader.models import Behandling, Brev, Vedtak

TEMPLATES = "soknader/behandling/pdf"


def _eur(belop: int, program) -> int:
    return int((Decimal(belop) / program.nok_per_eur).quantize(Decimal(1), ROUND_HALF_UP))


def brev_context(vedtak: Vedtak) -> dict:
    behandling = vedtak.behandling
    soknad = behandling.soknad
    program = soknad.program
    innstilling = behandling.innstilling
    tilsagn = getattr(vedtak, "tilsagn", None)
    return {
        "vedtak": vedtak,
        "soknad": soknad,
        "program": program,
        "innstilling": innstilling,
        "tilsagn": tilsagn,
        # The pot the money was committed from: the chair may have chosen another.
        "pot": tilsagn.forpliktelse.pot if tilsagn else innstilling.pot,
        "delegert": vedtak.organ == Behandling.Organ.PROGRAMLEDER,
        "bagatell_eur": _eur(vedtak.belop, program) if vedtak.belop else 0,
        "dato": timezone.localdate(vedtak.vedtatt),
    }


def brev_lag(*, vedtak: Vedtak) -> Brev:
    """Render the decision letter in the applicant's language and keep it in the case file."""
    soknad = vedtak.behandling.soknad
    kind = Brev.Type.TILSAGNSBREV if vedtak.innvilget else Brev.Type.AVSLAGSBREV
    language = soknad.sprak or "nb"
    with translation.override(language):
        html = render_to_string(f"{TEMPLATES}/{kind}.html", brev_context(vedtak))
    return Brev.objects.create(
        behandling=vedtak.behandling,
        type=kind,
        sprak=language,
        filnavn=f"{kind}-{soknad.saksnummer}.pdf",
        pdf=pdf_from_html(html),
    )
