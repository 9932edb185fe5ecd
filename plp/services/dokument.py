"""The phase's mandate or project plan: structured text, milestones and decision points."""

import datetime

from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.transaksjon import tjeneste
from plp.models import Fase, Fasedokument, Milepael

from .felles import not_closed
from .tilstand import fase_lock

TEKSTFELT = (
    "problem",
    "mal",
    "omfang",
    "aktiviteter",
    "organisering",
    "interessenter",
    "risiko",
    "statusrapportering",
)
MAKS_MILEPAELER = 50


def fasedokument_save(
    *, fase: Fase, fields: dict, nye_milepaeler: list[dict] | None = None
) -> Fasedokument:
    """Save the mandate or plan's text and add milestones (`nye_milepaeler`: {navn, frist,
    ressurser, er_beslutningspunkt}; rows without a name are left out)."""
    unknown = set(fields) - set(TEKSTFELT) - {"rapportintervall_maneder"}
    if unknown:
        raise ValueError(f"not plan fields: {sorted(unknown)}")
    intervall = fields.get("rapportintervall_maneder")
    if intervall is not None and not 1 <= int(intervall) <= 12:
        raise DomainError(
            _("Statusrapport må sendes minst hver 12. måned."), field="rapportintervall_maneder"
        )
    milepaeler = [m for m in (nye_milepaeler or []) if (m.get("navn") or "").strip()]
    if milepaeler:
        for m in milepaeler:
            if not isinstance(m.get("frist"), datetime.date):
                raise DomainError(
                    _("Gi milepælen «%(navn)s» en frist.") % {"navn": m["navn"]},
                    field="milepaeler",
                )
    with tjeneste():
        fase = fase_lock(fase)
        not_closed(fase.prosjekt)
        if fase.status not in (Fase.Status.IKKE_STARTET, Fase.Status.LOPENDE):
            raise DomainError(_("Planen kan bare endres mens fasen pågår."), code="wrong_state")
        dokument, _created = Fasedokument.objects.get_or_create(fase=fase)
        for name, value in fields.items():
            setattr(dokument, name, value.strip() if isinstance(value, str) else value)
        dokument.save()
        if milepaeler is not None:
            used = set(fase.statusrapporter.values_list("milepaeler__milepael_id", flat=True))
            fase.milepaeler.exclude(pk__in=used).delete()
            Milepael.objects.bulk_create(
                Milepael(
                    fase=fase,
                    navn=m["navn"].strip()[:200],
                    frist=m["frist"],
                    ressurser=(m.get("ressurser") or "").strip()[:300],
                    er_beslutningspunkt=bool(m.get("er_beslutningspunkt")),
                )
                for m in milepaeler
            )
    return dokument
