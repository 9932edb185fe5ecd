"""Grants to report to the state aid register (støtteregisteret): the list and its exports
(CSV and Excel), with the same columns."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from felles.formatting import dato
from workflow.models import Vedtak


def stotteregister_vedtak(*, rapportert: bool = False):
    """Grants marked for reporting, not yet reported (or, with `rapportert`, reported),
    oldest first."""
    return (
        Vedtak.objects.filter(rapporteres=True, rapportert__isnull=not rapportert)
        .select_related("sak__soknad", "bagatellregime", "rapportert_av")
        .order_by("vedtatt", "id")
    )


def _columns():
    return [
        _("Vedtak"),
        _("Vedtaksdato"),
        _("Organisasjonsnummer"),
        _("Mottaker"),
        _("Prosjekt"),
        _("Beløp (kr)"),
        _("Beløp (EUR)"),
        _("Kurs NOK per EUR"),
        _("Forordning"),
        _("Rapportert"),
    ]


def _row(vedtak: Vedtak) -> list:
    soknad = vedtak.sak.soknad
    return [
        vedtak.referanse,
        timezone.localdate(vedtak.vedtatt),
        soknad.orgnr,
        soknad.org_navn,
        soknad.tittel,
        vedtak.belop,
        vedtak.bagatell_eur,
        vedtak.eurokurs,
        vedtak.bagatellregime.forordning if vedtak.bagatellregime else "",
        timezone.localdate(vedtak.rapportert) if vedtak.rapportert else None,
    ]


def stotteregister_csv(vedtak) -> bytes:
    """The list as CSV (semicolon-separated, UTF-8 with BOM, as spreadsheets in Norway
    open it)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(_columns())
    for v in vedtak:
        writer.writerow(
            [
                dato(cell) if hasattr(cell, "isoformat") else ("" if cell is None else cell)
                for cell in _row(v)
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def stotteregister_xlsx(vedtak) -> bytes:
    """The list as an Excel workbook: numbers as numbers, dates as dates."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Støtteregisteret")[:31]
    sheet.append(_columns())
    for v in vedtak:
        row = _row(v)
        row[7] = float(row[7]) if row[7] is not None else None
        sheet.append(row)
    for cell in sheet["B"][1:] + sheet["J"][1:]:
        cell.number_format = "DD.MM.YYYY"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
