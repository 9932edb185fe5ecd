"""Attachments of a draft: checked for size, count and real content type before they are kept."""

import hashlib
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from felles.errors import DomainError

from .. import filtyper
from ..models import Soknad, Vedlegg
from ..ratelimit import rate_limit_hit, rate_limit_reached
from .tilstand import require_draft, soknad_lock


def _refused_key(soknad: Soknad) -> str:
    return f"vedlegg-avvist:{soknad.pk}"


def vedlegg_add(*, soknad: Soknad, type: str, upload) -> Vedlegg:  # noqa: A002
    """Store an attachment after checking its size, the count, and its real content type.

    A refused file counts toward the draft's limit of refused files
    (SOKNAD_VEDLEGG_MAKS_AVVIST per day): past it, no file is read at all.
    """
    limit, window = settings.SOKNAD_VEDLEGG_MAKS_AVVIST
    if rate_limit_reached(_refused_key(soknad), limit=limit):
        raise DomainError(
            _(
                "For mange filer er avvist for denne søknaden. Vent et døgn, "
                "eller kontakt programlederen."
            ),
            field="fil",
            code="too_many_refused",
        )
    try:
        return _vedlegg_check_and_store(soknad=soknad, type=type, upload=upload)
    except DomainError as exc:
        if exc.code in ("too_large", "wrong_type", "name_mismatch"):
            rate_limit_hit(_refused_key(soknad), limit=limit, window=window)
        raise


def vedlegg_filtype_check(upload) -> filtyper.Filtype:
    """The upload's real type, read from its content; refused when it is too large, not one
    of the allowed types, or named as another type than it is."""
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
    return kind


def _vedlegg_check_and_store(*, soknad: Soknad, type: str, upload) -> Vedlegg:  # noqa: A002
    kind = vedlegg_filtype_check(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    with transaction.atomic():
        locked = soknad_lock(soknad)
        require_draft(locked)
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


def delete_files_on_commit(names: list[str]) -> None:
    storage = Vedlegg._meta.get_field("fil").storage

    def delete():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


def vedlegg_delete(*, vedlegg: Vedlegg) -> None:
    with transaction.atomic():
        require_draft(soknad_lock(vedlegg.soknad))
        delete_files_on_commit([vedlegg.fil.name])
        vedlegg.delete()
