"""Bar charts as SVG geometry, drawn on the server: grouped bars per category, one colour per
series, a value axis with round steps. The chart is a picture; its numbers are in the table
beside it, which is what screen readers and the Excel file read."""

from dataclasses import dataclass

from rapportering.tabell import Diagram

FARGER = ("#1f4e79", "#c55a11", "#548235", "#7030a0", "#806000", "#2e75b6")
BREDDE, HOYDE = 720, 280
VENSTRE, BUNN, TOPP = 70, 60, 16


@dataclass(frozen=True)
class Stolpe:
    x: float
    y: float
    bredde: float
    hoyde: float
    farge: str
    verdi: object
    serie: str


def _steg(maks: float) -> float:
    if maks <= 0:
        return 1
    raw = maks / 5
    magnitude = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    for faktor in (1, 2, 2.5, 5, 10):
        if raw <= faktor * magnitude:
            return faktor * magnitude
    return 10 * magnitude


def geometri(diagram: Diagram) -> dict:
    """Everything the SVG template draws: bars, axis ticks, category labels, legend."""
    verdier = [float(v or 0) for s in diagram.serier for v in s.verdier]
    maks = max(verdier, default=0)
    steg = _steg(maks)
    topp = steg * max(1, -(-maks // steg)) if maks > 0 else steg
    plot_b, plot_h = BREDDE - VENSTRE - 10, HOYDE - BUNN - TOPP
    n_kat = max(1, len(diagram.kategorier))
    n_ser = max(1, len(diagram.serier))
    gruppe = plot_b / n_kat
    stolpe_b = gruppe * 0.8 / n_ser
    stolper = []
    for si, serie in enumerate(diagram.serier):
        for ki, verdi in enumerate(serie.verdier):
            h = plot_h * float(verdi or 0) / topp
            stolper.append(
                Stolpe(
                    x=round(VENSTRE + ki * gruppe + gruppe * 0.1 + si * stolpe_b, 1),
                    y=round(TOPP + plot_h - h, 1),
                    bredde=round(stolpe_b, 1),
                    hoyde=round(h, 1),
                    farge=FARGER[si % len(FARGER)],
                    verdi=verdi,
                    serie=serie.navn,
                )
            )
    ticks = []
    t = 0.0
    while t <= topp + 1e-9:
        ticks.append({"y": round(TOPP + plot_h - plot_h * t / topp, 1), "verdi": t})
        t += steg
    kategorier = [
        {"x": round(VENSTRE + (i + 0.5) * gruppe, 1), "navn": k}
        for i, k in enumerate(diagram.kategorier)
    ]
    forklaring = [
        {"x": VENSTRE + i * 170, "farge": FARGER[i % len(FARGER)], "navn": s.navn}
        for i, s in enumerate(diagram.serier)
    ]
    return {
        "bredde": BREDDE,
        "hoyde": HOYDE,
        "venstre": VENSTRE,
        "bunn_y": TOPP + plot_h,
        "hoyre": BREDDE - 10,
        "stolper": stolper,
        "ticks": ticks,
        "kategorier": kategorier,
        "forklaring": forklaring,
        "forklaring_y": HOYDE - 14,
    }
