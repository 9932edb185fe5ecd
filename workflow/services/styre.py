"""The board in a case: each member declares impartiality (forvaltningsloven § 6), then votes."""

from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.formatting import dato
from felles.transaksjon import tjeneste
from notifications.services import deadline_close
from workflow.models import Habilitet, Hendelse, Sak, Stemme

from .grunnlag import hendelse_record, sak_lock
from .tilstand import sak_move

H = Hendelse.Type


def habilitet_declare(
    *,
    sak: Sak,
    medlem,
    grunner: list[str],
    andre_forhold: str = "",
    inhabil_andre: bool = False,
) -> Habilitet:
    """A board member's declaration (§ 6): any automatic ground, or other circumstances they
    find weighty, makes them disqualified in this case."""
    valid = set(Habilitet.Grunn.values)
    if set(grunner) - valid:
        raise DomainError(_("Ukjent habilitetsgrunn."), field="grunner")
    if inhabil_andre and not (andre_forhold or "").strip():
        raise DomainError(_("Beskriv forholdene som gjør deg inhabil."), field="andre_forhold")
    try:
        return _habilitet_declare(sak, medlem, grunner, inhabil_andre, andre_forhold)
    except IntegrityError:  # one declaration per member and case (a database constraint)
        if Habilitet.objects.filter(sak=sak, medlem=medlem).exists():
            raise DomainError(
                _("Du har allerede erklært habilitet i saken."), code="done"
            ) from None
        raise


def _habilitet_declare(sak, medlem, grunner, inhabil_andre, andre_forhold) -> Habilitet:
    with tjeneste():
        sak = sak_lock(sak)
        sak_move(sak, "stem")
        erklaring = Habilitet.objects.create(
            sak=sak,
            medlem=medlem,
            grunner=sorted(set(grunner)),
            andre_forhold=(andre_forhold or "").strip(),
            inhabil=bool(grunner) or inhabil_andre,
        )
        if erklaring.inhabil:
            labels = ", ".join(str(Habilitet.Grunn(g).label) for g in erklaring.grunner)
            hendelse_record(
                sak, H.INHABIL, medlem, "; ".join(x for x in (labels, erklaring.andre_forhold) if x)
            )
            deadline_close(key=f"sak:{sak.pk}:stemme:{medlem.pk}")
        else:
            hendelse_record(sak, H.HABILITET, medlem)
    return erklaring


def stemme_cast(*, sak: Sak, medlem, valg: str, kommentar: str = "") -> Stemme:
    if valg not in Stemme.Valg.values:
        raise DomainError(_("Velg for, mot eller avstår."), field="valg")
    try:
        return _stemme_cast(sak, medlem, valg, kommentar)
    except IntegrityError:  # one vote per member and case (a database constraint)
        if Stemme.objects.filter(sak=sak, medlem=medlem).exists():
            raise DomainError(_("Du har allerede stemt i saken."), code="done") from None
        raise


def _stemme_cast(sak, medlem, valg, kommentar) -> Stemme:
    with tjeneste():
        sak = sak_lock(sak)
        sak_move(sak, "stem")
        if sak.stemmefrist is not None and timezone.now() > sak.stemmefrist:
            raise DomainError(
                _("Fristen for å stemme gikk ut %(frist)s.") % {"frist": dato(sak.stemmefrist)},
                code="too_late",
            )
        erklaring = Habilitet.objects.filter(sak=sak, medlem=medlem).first()
        if erklaring is None:
            raise DomainError(_("Erklær habilitet før du stemmer."), code="no_declaration")
        if erklaring.inhabil:
            raise DomainError(_("Du er inhabil i saken og kan ikke stemme."), code="disqualified")
        stemme = Stemme.objects.create(
            sak=sak, medlem=medlem, valg=valg, kommentar=(kommentar or "").strip()
        )
        deadline_close(key=f"sak:{sak.pk}:stemme:{medlem.pk}")
        hendelse_record(sak, H.STEMME, medlem)
    return stemme
