"""Drafts: created with a secret link, saved step by step, deleted by the applicant."""

from django.db import transaction

from handlingsplan.models import Program

from ..lenker import draft_link_token
from ..models import (
    Aktivitet,
    Finansieringslinje,
    Kostnadslinje,
    OffentligStotte,
    Soknad,
    Soknadslogg,
)
from ..models.soknad import draft_token_hash, new_draft_token
from ..rules import personell_belop
from ..snapshot import APPLICANT_FIELDS
from .tilstand import require_draft, soknad_lock
from .vedlegg import delete_files_on_commit

S_LANG = {choice.value for choice in Soknad.Sprak}

# Fields the applicant may write on a draft; everything else is set by services.
DRAFT_FIELDS = {
    *APPLICANT_FIELDS,
    "tidligere_fase",
    "foreslatt_innsatsomrade",
    "foreslatt_strategi",
}


def soknad_create(*, program: Program, sprak: str = "nb") -> Soknad:
    """A new draft with a secret of its own; only the secret's hash is stored, and its links
    are made from that (soknader.lenker)."""
    with transaction.atomic():
        soknad = Soknad.objects.create(
            program=program,
            sprak=sprak if sprak in S_LANG else "nb",
            utkast_token_hash=draft_token_hash(new_draft_token()),
        )
        Soknadslogg.objects.create(soknad=soknad, type=Soknadslogg.Type.OPPRETTET)
    return soknad


def utkast_token_issue(*, soknad: Soknad) -> str:
    """Renew a draft's secret, for an applicant on Min side: every earlier link, and every
    browser that held the draft, stops working. Returns the new link's token."""
    with transaction.atomic():
        locked = soknad_lock(soknad)
        require_draft(locked)
        locked.utkast_token_hash = draft_token_hash(new_draft_token())
        locked.save(update_fields=["utkast_token_hash"])
    soknad.utkast_token_hash = locked.utkast_token_hash
    return draft_link_token(locked)


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
        locked = soknad_lock(soknad)
        require_draft(locked)
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


def soknad_draft_delete(*, soknad: Soknad) -> None:
    with transaction.atomic():
        locked = soknad_lock(soknad)
        require_draft(locked)
        delete_files_on_commit(list(locked.vedlegg.values_list("fil", flat=True)))
        locked.delete()
