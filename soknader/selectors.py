"""Reads of the soknader app, with a fixed number of queries."""

import hmac
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from felles import formatting
from felles.roles import is_staff_member
from handlingsplan.models import Program

from .models import Finansieringslinje, Soknad, Tilgang, Unntak
from .models.soknad import draft_token_hash


def program_current(today: date | None = None) -> Program | None:
    """The program applications go to: the one running this year, else the newest."""
    from django.utils import timezone

    year = (today or timezone.localdate()).year
    programs = Program.objects.order_by("-start_ar", "id")
    return programs.filter(start_ar__lte=year, slutt_ar__gte=year).first() or programs.first()


def _user_email(user) -> str:
    return (getattr(user, "email", "") or "").strip().lower()


def soknader_for_user(user) -> QuerySet[Soknad]:
    """Applications a logged-in applicant may see: as contact or project leader, or
    every application of an organisation their address has been given access to."""
    email = _user_email(user)
    if not getattr(user, "is_authenticated", False) or not email:
        return Soknad.objects.none()
    orgnrs = Tilgang.objects.filter(epost=email).values("orgnr")
    return Soknad.objects.filter(
        Q(kontakt_epost=email) | Q(prosjektleder_epost=email) | Q(orgnr__in=orgnrs)
    ).select_related("program")


def soknad_for_user(user, pk: int) -> Soknad:
    """The application if this applicant may see it; 404 otherwise (no hint it exists)."""
    try:
        return soknader_for_user(user).get(pk=pk)
    except Soknad.DoesNotExist:
        raise Http404 from None


def user_may_see(user, soknad: Soknad) -> bool:
    if is_staff_member(user):
        return True
    return soknader_for_user(user).filter(pk=soknad.pk).exists()


def epost_known(email: str) -> bool:
    email = email.strip().lower()
    return (
        Soknad.objects.filter(Q(kontakt_epost=email) | Q(prosjektleder_epost=email)).exists()
        or Tilgang.objects.filter(epost=email).exists()
    )


def soknad_for_draft_token(token: str) -> Soknad:
    """The draft whose secret link carries `token`; 404 for any other token."""
    digest = draft_token_hash(token or "")
    soknad = Soknad.objects.select_related("program").filter(utkast_token_hash=digest).first()
    # Found by an index on the hash; compared again in constant time all the same.
    if soknad is None or not hmac.compare_digest(soknad.utkast_token_hash, digest):
        raise Http404
    return soknad


def soknad_detail(soknad: Soknad) -> Soknad:
    """One application with every line, in a fixed number of queries."""
    return (
        Soknad.objects.select_related(
            "program", "foreslatt_innsatsomrade", "foreslatt_strategi", "tidligere_fase"
        )
        .prefetch_related(
            "aktiviteter",
            "kostnader",
            "finansiering",
            "offentlig_stotte",
            "vedlegg",
            "program__faseinnstillinger",
        )
        .get(pk=soknad.pk)
    )


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
        Soknad.objects.select_related("behandling__vedtak")
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
    behandling = getattr(soknad, "behandling", None)
    vedtak = getattr(behandling, "vedtak", None) if behandling else None
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
