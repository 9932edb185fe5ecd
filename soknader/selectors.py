"""Reads of the soknader app, with a fixed number of queries."""

import hmac
from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404

from handlingsplan.models import Program

from . import lenker
from .models import Soknad, Tilgang
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


def soknad_for_user_by_saksnummer(user, saksnummer: str) -> Soknad:
    """The submitted application with this saksnummer if this applicant may see it; 404
    otherwise."""
    try:
        return soknader_for_user(user).get(saksnummer=saksnummer)
    except Soknad.DoesNotExist:
        raise Http404 from None


def epost_known(email: str) -> bool:
    email = email.strip().lower()
    return (
        Soknad.objects.filter(Q(kontakt_epost=email) | Q(prosjektleder_epost=email)).exists()
        or Tilgang.objects.filter(epost=email).exists()
    )


def soknad_for_draft_token(token: str) -> Soknad:
    """The draft whose secret link carries `token`; 404 for any other token. A link is the
    draft's id and an HMAC of its secret (soknader.lenker); links e-mailed before carried the
    secret itself, of which the database keeps the hash."""
    pk = lenker.draft_link_parse(token)
    if pk is not None:
        soknad = Soknad.objects.select_related("program").filter(pk=pk).first()
        if soknad is None or not lenker.draft_link_valid(soknad, token):
            raise Http404
        return soknad
    digest = draft_token_hash(token or "")
    soknad = Soknad.objects.select_related("program").filter(utkast_token_hash=digest).first()
    # Found by an index on the hash; compared again in constant time all the same.
    if soknad is None or not hmac.compare_digest(soknad.utkast_token_hash, digest):
        raise Http404
    return soknad


def soknad_for_draft_held(session, pk: int) -> Soknad:
    """Draft `pk` if this browser's session holds it (it followed the draft's link, or
    started the draft) and its secret has not been renewed since; 404 otherwise."""
    held = lenker.draft_held(session, pk)
    soknad = Soknad.objects.select_related("program").filter(pk=pk).first()
    if not held or soknad is None or not hmac.compare_digest(soknad.utkast_token_hash, held):
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
