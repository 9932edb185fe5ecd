"""Public access to a submitted application (offentleglova): what anyone may see of it, with
the parts the programleder marked exempt replaced by the exemption and its legal basis."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from felles import formatting
from soknader.models import Finansieringslinje, Soknad
from workflow.models import Unntak


@dataclass(frozen=True)
class OffentligDel:
    """One part of an application in its public view: a text field or section, or an
    attachment. An exempt part carries only its name and the exemption with its legal basis;
    an exempt attachment shows neither its file name nor how to fetch it."""

    navn: str
    tekst: str
    unntatt: bool
    felt: str = ""
    vedlegg_id: int | None = None


@dataclass(frozen=True)
class OffentligInnsyn:
    saksnummer: str
    org_navn: str
    orgnr: str
    tittel: str
    belop_sokt: int
    belop_innvilget: int | None
    formal: str
    felt: list[OffentligDel]
    vedlegg: list[OffentligDel]


def unntatt_tekst(hjemmel: str) -> str:
    return _("Unntatt offentlighet (%(hjemmel)s)") % {"hjemmel": hjemmel}


def _seksjon(soknad: Soknad, felt: str) -> str:
    if felt == Unntak.Felt.AKTIVITETER:
        return "\n".join(
            f"{a.navn} ({formatting.dato(a.start)} – {formatting.dato(a.slutt)})"
            for a in soknad.aktiviteter.all()
        )
    if felt == Unntak.Felt.KOSTNADER:
        return "\n".join(
            f"{k.get_kategori_display()}{': ' + k.beskrivelse if k.beskrivelse else ''}: "
            f"{formatting.kr(k.belop)}"
            for k in soknad.kostnader.all()
        )
    if felt == Unntak.Felt.FINANSIERING:
        return "\n".join(
            f"{f.get_kilde_display()}: {formatting.kr(f.belop)}" for f in soknad.finansiering.all()
        )
    return getattr(soknad, felt)


def offentlig_innsyn(soknad: Soknad) -> OffentligInnsyn:
    """What anyone may see of a submitted application (offentleglova): who applied, for what
    and how much, what was granted, and every part not marked exempt. Exempt parts are
    replaced by «Unntatt offentlighet (hjemmel)». Six queries, whatever the application holds."""
    soknad = (
        Soknad.objects.select_related("sak__vedtak")
        .prefetch_related("aktiviteter", "kostnader", "finansiering", "vedlegg", "unntak")
        .get(pk=soknad.pk)
    )
    unntak = list(soknad.unntak.all())
    felt_unntak = {u.felt: u for u in unntak if u.felt}
    vedlegg_unntak = {u.vedlegg_id: u for u in unntak if u.vedlegg_id}
    deler = []
    for felt, navn in Unntak.Felt.choices:
        u = felt_unntak.get(felt)
        tekst = unntatt_tekst(u.hjemmel) if u else _seksjon(soknad, felt)
        deler.append(OffentligDel(navn=str(navn), tekst=tekst, unntatt=bool(u), felt=felt))
    vedlegg = []
    for v in soknad.vedlegg.all():
        u = vedlegg_unntak.get(v.pk)
        if u:
            vedlegg.append(
                OffentligDel(
                    navn=str(v.get_type_display()), tekst=unntatt_tekst(u.hjemmel), unntatt=True
                )
            )
        else:
            vedlegg.append(
                OffentligDel(
                    navn=v.filnavn, tekst=str(v.get_type_display()), unntatt=False, vedlegg_id=v.pk
                )
            )
    sokt = sum(
        f.belop for f in soknad.finansiering.all() if f.kilde == Finansieringslinje.Kilde.PROGRAMMET
    )
    sak = getattr(soknad, "sak", None)
    vedtak = getattr(sak, "vedtak", None) if sak else None
    formal = next(d.tekst for d in deler if d.felt == Unntak.Felt.KORT_BESKRIVELSE)
    return OffentligInnsyn(
        saksnummer=soknad.saksnummer or "",
        org_navn=soknad.org_navn,
        orgnr=soknad.orgnr,
        tittel=soknad.tittel,
        belop_sokt=sokt,
        belop_innvilget=vedtak.belop if vedtak is not None and vedtak.innvilget else None,
        formal=formal,
        felt=deler,
        vedlegg=vedlegg,
    )
