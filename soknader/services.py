"""Writes of the soknader app: drafts, attachments, submitting and withdrawing.

`soknad_submit` is the one way an application is sent. The case-handling flow starts
from it: an app registers a receiver with `on_submitted`, and the receiver is called
inside the submit transaction, after the case number and the snapshot are stored, so a
failing receiver undoes the submission instead of leaving a case without its flow.
"""

import hashlib
import logging
import uuid
from collections.abc import Callable
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from felles.errors import DomainError
from felles.pdf import render_pdf
from handlingsplan.models import Program

from . import epost, filtyper
from .models import (
    Aktivitet,
    Finansieringslinje,
    Hendelse,
    InnsendtSoknad,
    Kostnadslinje,
    OffentligStotte,
    Saksnummerteller,
    Soknad,
    Vedlegg,
)
from .models.sak import InnsendtSoknadPdf
from .models.soknad import draft_token_hash, new_draft_token
from .rules import Problem, bagatell_status, personell_belop, soknad_problems, soknadsbelop
from .selectors import epost_known
from .snapshot import APPLICANT_FIELDS, soknad_as_dict

logger = logging.getLogger(__name__)

S = Soknad.Status

# Allowed status moves. Later issues add their states (under assessment, decided, ...).
TRANSITIONS: dict[str, set[str]] = {
    S.UTKAST: {S.SENDT},
    S.SENDT: {S.TRUKKET},
    S.TRUKKET: set(),
}
# States from which the applicant may withdraw: before the decision.
WITHDRAWABLE: set[str] = {S.SENDT}

_submitted_receivers: list[Callable[[Soknad], None]] = []


def on_submitted(receiver: Callable[[Soknad], None]) -> Callable[[Soknad], None]:
    """Register `receiver(soknad)` to run inside soknad_submit's transaction (e.g. a flow start).

    Call it from an AppConfig.ready(); registering the same function twice has no effect.
    """
    if receiver not in _submitted_receivers:
        _submitted_receivers.append(receiver)
    return receiver


class SoknadIncomplete(DomainError):
    """Submission refused; `problems` names each missing or wrong thing by step and field."""

    def __init__(self, problems: list[Problem]):
        super().__init__(
            ngettext(
                "Søknaden kan ikke sendes: %(n)d ting må rettes.",
                "Søknaden kan ikke sendes: %(n)d ting må rettes.",
                len(problems),
            )
            % {"n": len(problems)},
            code="incomplete",
        )
        self.problems = problems


def _lock(soknad: Soknad) -> Soknad:
    return Soknad.objects.select_for_update().select_related("program").get(pk=soknad.pk)


def _move(soknad: Soknad, to: str) -> None:
    if to not in TRANSITIONS.get(soknad.status, set()):
        raise DomainError(
            _("Søknaden kan ikke endres fra «%(fra)s» til «%(til)s».")
            % {"fra": soknad.get_status_display(), "til": S(to).label},
            code="wrong_state",
        )
    soknad.status = to


def _require_draft(soknad: Soknad) -> None:
    if soknad.status != S.UTKAST:
        raise DomainError(
            _("Søknaden er allerede sendt inn og kan ikke endres."), code="not_a_draft"
        )


def soknad_create(*, program: Program, sprak: str = "nb") -> Soknad:
    """A new draft. Its secret link's token is on the returned object as `utkast_token`,
    the only time it is known: the database keeps its hash."""
    token = new_draft_token()
    with transaction.atomic():
        soknad = Soknad.objects.create(
            program=program,
            sprak=sprak if sprak in S_LANG else "nb",
            utkast_token_hash=draft_token_hash(token),
        )
        Hendelse.objects.create(soknad=soknad, type=Hendelse.Type.OPPRETTET)
    soknad.utkast_token = token
    return soknad


def utkast_token_issue(*, soknad: Soknad) -> str:
    """A new secret link to a draft, for an applicant on Min side; the old link stops working."""
    token = new_draft_token()
    with transaction.atomic():
        locked = _lock(soknad)
        _require_draft(locked)
        locked.utkast_token_hash = draft_token_hash(token)
        locked.save(update_fields=["utkast_token_hash"])
    return token


S_LANG = {choice.value for choice in Soknad.Sprak}

# Fields the applicant may write on a draft; everything else is set by services.
DRAFT_FIELDS = {
    *APPLICANT_FIELDS,
    "tidligere_fase",
    "foreslatt_innsatsomrade",
    "foreslatt_strategi",
}


def soknad_draft_save(
    *,
    soknad: Soknad,
    fields: dict | None = None,
    aktiviteter: list[dict] | None = None,
    kostnader: list[dict] | None = None,
    finansiering: dict[str, int] | None = None,
    offentlig_stotte: list[dict] | None = None,
) -> Soknad:
    """Save a step of a draft. Lists given replace the lines there were; None leaves them."""
    fields = fields or {}
    unknown = set(fields) - DRAFT_FIELDS
    if unknown:
        raise ValueError(f"not draft fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = _lock(soknad)
        _require_draft(locked)
        for name, value in fields.items():
            if name.endswith("_epost") and value:
                value = value.strip().lower()
            setattr(locked, name, value)
        locked.save()
        if aktiviteter is not None:
            locked.aktiviteter.all().delete()
            Aktivitet.objects.bulk_create(Aktivitet(soknad=locked, **a) for a in aktiviteter)
        if kostnader is not None:
            locked.kostnader.all().delete()
            Kostnadslinje.objects.bulk_create(_kostnadslinje(locked, k) for k in kostnader)
        if finansiering is not None:
            locked.finansiering.all().delete()
            Finansieringslinje.objects.bulk_create(
                Finansieringslinje(soknad=locked, kilde=kilde, belop=belop)
                for kilde, belop in finansiering.items()
                if belop
            )
        if offentlig_stotte is not None:
            locked.offentlig_stotte.all().delete()
            OffentligStotte.objects.bulk_create(
                OffentligStotte(soknad=locked, **s) for s in offentlig_stotte
            )
    return locked


def _kostnadslinje(soknad: Soknad, line: dict) -> Kostnadslinje:
    line = dict(line)
    if line["kategori"] == Kostnadslinje.Kategori.PERSONELL:
        line["belop"] = personell_belop(line.get("timer"), line.get("timesats"))
    else:
        line["timer"] = line["timesats"] = None
    return Kostnadslinje(soknad=soknad, **line)


def vedlegg_add(*, soknad: Soknad, type: str, upload) -> Vedlegg:  # noqa: A002
    """Store an attachment after checking its size, the count, and its real content type."""
    max_bytes = settings.SOKNAD_VEDLEGG_MAKS_BYTE
    if upload.size > max_bytes:
        raise DomainError(
            _("Filen «%(navn)s» er for stor: den kan være høyst %(max)d MB.")
            % {"navn": upload.name, "max": max_bytes // (1024 * 1024)},
            field="fil",
            code="too_large",
        )
    kind = filtyper.filtype_detect(upload)
    allowed = ", ".join(t.navn for t in filtyper.ALLE)
    if kind is None:
        raise DomainError(
            _("Filen «%(navn)s» kan ikke tas imot: innholdet er ikke en av filtypene %(typer)s.")
            % {"navn": upload.name, "typer": allowed},
            field="fil",
            code="wrong_type",
        )
    suffix = PurePosixPath(upload.name).suffix.lower()
    if suffix not in kind.endelser:
        raise DomainError(
            _("Filen «%(navn)s» heter %(endelse)s, men innholdet er %(type)s.")
            % {"navn": upload.name, "endelse": suffix or "—", "type": kind.navn},
            field="fil",
            code="name_mismatch",
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    with transaction.atomic():
        locked = _lock(soknad)
        _require_draft(locked)
        if locked.vedlegg.count() >= settings.SOKNAD_VEDLEGG_MAKS_ANTALL:
            raise DomainError(
                _("En søknad kan ha høyst %(n)d vedlegg.")
                % {"n": settings.SOKNAD_VEDLEGG_MAKS_ANTALL},
                field="fil",
                code="too_many",
            )
        vedlegg = Vedlegg(
            soknad=locked,
            type=type,
            filnavn=PurePosixPath(upload.name).name[:255],
            innholdstype=kind.innholdstype,
            storrelse=upload.size,
            sha256=digest.hexdigest(),
        )
        vedlegg.fil.save(f"{locked.pk}/{uuid.uuid4().hex}{kind.endelser[0]}", upload, save=False)
        stored_name = vedlegg.fil.name
        try:
            vedlegg.save()
        except Exception:
            vedlegg.fil.storage.delete(stored_name)
            raise
    return vedlegg


def _delete_files_on_commit(names: list[str]) -> None:
    storage = Vedlegg._meta.get_field("fil").storage

    def delete():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


def vedlegg_delete(*, vedlegg: Vedlegg) -> None:
    with transaction.atomic():
        _require_draft(_lock(vedlegg.soknad))
        _delete_files_on_commit([vedlegg.fil.name])
        vedlegg.delete()


def soknad_draft_delete(*, soknad: Soknad) -> None:
    with transaction.atomic():
        locked = _lock(soknad)
        _require_draft(locked)
        _delete_files_on_commit(list(locked.vedlegg.values_list("fil", flat=True)))
        locked.delete()


def _next_saksnummer(year: int) -> str:
    # Insert the year's counter if it is missing (no error when another transaction
    # just did), then lock it: concurrent submissions queue here for a few milliseconds.
    Saksnummerteller.objects.bulk_create([Saksnummerteller(ar=year)], ignore_conflicts=True)
    teller = Saksnummerteller.objects.select_for_update().get(ar=year)
    Saksnummerteller.objects.filter(ar=year).update(siste=F("siste") + 1)
    return f"{year}-{teller.siste + 1:04d}"


def soknad_submit(*, soknad: Soknad, by=None) -> Soknad:
    """Send a complete draft: case number, frozen snapshot, receipt, and the flow's start."""
    with transaction.atomic():
        locked = _lock(soknad)
        _require_draft(locked)
        kostnader = list(locked.kostnader.all())
        finansiering = list(locked.finansiering.all())
        problems = soknad_problems(locked, kostnader=kostnader, finansiering=finansiering)
        if problems:
            raise SoknadIncomplete(problems)
        _move(locked, S.SENDT)
        now = timezone.now()
        locked.innsendt = now
        locked.saksnummer = _next_saksnummer(timezone.localdate(now).year)
        bagatell = bagatell_status(
            stotte=locked.offentlig_stotte.all(),
            belop=soknadsbelop(finansiering),
            program=locked.program,
            today=timezone.localdate(now),
        )
        locked.bagatell_over_tak = bagatell.over_tak
        locked.save(
            update_fields=["status", "innsendt", "saksnummer", "bagatell_over_tak", "endret"]
        )
        innsendt = InnsendtSoknad.objects.create(
            soknad=locked, data=soknad_as_dict(locked), innsendt=now
        )
        transaction.on_commit(lambda: _innsendt_pdf_enqueue(innsendt.pk))
        by_user = by if getattr(by, "is_authenticated", False) else None
        Hendelse.objects.create(soknad=locked, type=Hendelse.Type.SENDT, utfort_av=by_user)
        if bagatell.over_tak:
            Hendelse.objects.create(
                soknad=locked,
                type=Hendelse.Type.BAGATELL_OVER_TAK,
                tekst=_(
                    "Oppgitt bagatellmessig støtte siste tre år og dette beløpet er "
                    "%(sum)s EUR; taket er %(tak)s EUR."
                )
                % {"sum": bagatell.sum_eur, "tak": bagatell.tak_eur},
            )
        epost.mottaksbrev_send(locked)
        for receiver in _submitted_receivers:
            receiver(locked)
    return locked


def _innsendt_pdf_enqueue(innsendt_id: int) -> None:
    from .tasks import innsendt_pdf_task

    try:
        innsendt_pdf_task.apply_async(args=[innsendt_id], retry=False)
    except Exception as exc:  # the broker, not the submission, failed: made when first read
        logger.warning("Could not enqueue the PDF of submission %d: %s", innsendt_id, exc)


def innsendt_pdf_ensure(*, innsendt: InnsendtSoknad) -> InnsendtSoknadPdf:
    """The PDF of exactly what was submitted, in the applicant's language; made once.

    Rendered from the frozen snapshot, never from the live application, and outside any
    transaction (WeasyPrint takes a while): two callers at once both render, one stores.
    """
    existing = InnsendtSoknadPdf.objects.filter(innsendt_soknad=innsendt).first()
    if existing is not None:
        return existing
    language = innsendt.data.get("sprak") or "nb"
    content = render_pdf(
        "soknader/pdf/innsendt.html",
        {"data": innsendt.data, "innsendt": innsendt},
        language=language,
    )
    try:
        with transaction.atomic():
            return InnsendtSoknadPdf.objects.create(
                innsendt_soknad=innsendt,
                filnavn=f"soknad-{innsendt.data['saksnummer']}.pdf",
                sprak=language,
                innhold=content,
                sha256=hashlib.sha256(content).hexdigest(),
            )
    except IntegrityError:
        return InnsendtSoknadPdf.objects.get(innsendt_soknad=innsendt)


def soknad_withdraw(*, soknad: Soknad, by=None) -> Soknad:
    """The applicant withdraws a submitted application before it is decided."""
    with transaction.atomic():
        locked = _lock(soknad)
        if locked.status not in WITHDRAWABLE:
            raise DomainError(
                _("Søknaden kan ikke trekkes nå (status: %(status)s).")
                % {"status": locked.get_status_display()},
                code="wrong_state",
            )
        _move(locked, S.TRUKKET)
        locked.save(update_fields=["status", "endret"])
        by_user = by if getattr(by, "is_authenticated", False) else None
        Hendelse.objects.create(soknad=locked, type=Hendelse.Type.TRUKKET, utfort_av=by_user)
    return locked


def innloggingslenke_request(*, epost_adresse: str, language: str = "nb") -> None:
    """Send a one-time login link if the address belongs to an application; silent otherwise."""
    from sesame.utils import get_query_string

    address = (epost_adresse or "").strip().lower()
    if not address or not epost_known(address):
        return
    with transaction.atomic():
        user, created = get_user_model().objects.get_or_create(
            username=f"soker:{address}"[:150], defaults={"email": address}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        url = settings.SITE_URL + reverse("soknader:minside_innlogging") + get_query_string(user)
        epost.innloggingslenke_send(user=user, url=url, language=language)
