"""Tables to files: CSV (UTF-8, a header row) and Excel (numbers as numbers, totals as
formulas where the column adds up)."""

import csv
import io
from datetime import date

from django.utils.encoding import force_str

from rapportering.tabell import ANTALL, DATO, DESIMAL, KR, PROSENT, Tabell

FORMAT = {KR: "#,##0", ANTALL: "0", PROSENT: "0.0", DESIMAL: "#,##0.0", DATO: "dd.mm.yyyy"}


def _excel_verdi(value):
    if value is None:
        return None
    if isinstance(value, (int, float, date)):
        return value
    if hasattr(value, "as_tuple"):  # Decimal
        return float(value)
    return force_str(value)


def tabell_csv(tabell: Tabell) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([force_str(k.navn) for k in tabell.kolonner])
    for rad in tabell.rader:
        writer.writerow(["" if v is None else force_str(v) for v in tabell.verdier(rad)])
    if tabell.har_sum:
        totals = tabell.summer()
        totals[0] = totals[0] if totals[0] is not None else force_str(_sumtekst())
        writer.writerow(["" if v is None else force_str(v) for v in totals])
    return buffer.getvalue().encode("utf-8")


def _sumtekst():
    from django.utils.translation import gettext

    return gettext("Sum")


def tabeller_xlsx(tabeller: list[Tabell]) -> bytes:
    """One sheet per table, named by the table's title."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    brukte: set[str] = set()
    for tabell in tabeller:
        navn = _arknavn(force_str(tabell.tittel), brukte)
        ark = workbook.create_sheet(navn)
        ark.append([force_str(k.navn) for k in tabell.kolonner])
        for cell in ark[1]:
            cell.font = Font(bold=True)
        for rad in tabell.rader:
            ark.append([_excel_verdi(v) for v in tabell.verdier(rad)])
        forste, siste = 2, len(tabell.rader) + 1
        if tabell.har_sum:
            sumrad = []
            for i, kolonne in enumerate(tabell.kolonner):
                bokstav = get_column_letter(i + 1)
                if kolonne.summer:
                    sumrad.append(f"=SUM({bokstav}{forste}:{bokstav}{siste})")
                elif i == 0:
                    sumrad.append(_sumtekst())
                else:
                    sumrad.append(None)
            ark.append(sumrad)
            for cell in ark[ark.max_row]:
                cell.font = Font(bold=True)
        for i, kolonne in enumerate(tabell.kolonner):
            bokstav = get_column_letter(i + 1)
            ark.column_dimensions[bokstav].width = max(
                12, min(50, len(force_str(kolonne.navn)) + 4)
            )
            if kolonne.type in FORMAT:
                for row in range(2, ark.max_row + 1):
                    ark[f"{bokstav}{row}"].number_format = FORMAT[kolonne.type]
    if not workbook.sheetnames:
        workbook.create_sheet("-")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _arknavn(tittel: str, brukte: set[str]) -> str:
    base = "".join(ch for ch in tittel if ch not in "[]:*?/\\")[:28] or "Tabell"
    navn, n = base, 2
    while navn in brukte:
        navn = f"{base[:25]} {n}"
        n += 1
    brukte.add(navn)
    return navn
