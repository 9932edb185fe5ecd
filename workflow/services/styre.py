"""The board in a case: each member declares impartiality (forvaltningsloven § 6), then votes."""

from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.formatting import dato
from felles.transaksjon import tjeneste
from notifications.services import deadline_close
from workflow import regler
from workflow.models import Habilitet, Hendelse, Sak, Stemme

from .grunnlag import hendelse_record, sak_lock
from .tilstand import sak_move

H = Hendelse.Type
STYREMEDLEM = Habilitet.Rolle.STYREMEDLEM


def habilitet_declare(
    *,
    sak: Sak,
    medlem,
    grunner: list[str],
    andre_forhold: str = "",
    inhabil_andre: bool = False,
    tvil: bool = False,
) -> Habilitet:
    """A board member's declaration (§ 6): any automatic ground, or other circumstances they
    find weighty, makes them disqualified in this case. In doubt they may instead ask the
    board to decide (`tvil`, § 8 annet ledd): they are then neither eligible nor
    disqualified until the board has ruled (workflow.services.habilitet_rule)."""
    erklaring_check(grunner, andre_forhold, inhabil_andre, tvil)
    try:
        return _habilitet_declare(sak, medlem, grunner, inhabil_andre, andre_forhold, tvil)
    except IntegrityError:  # one declaration per member and case (a database constraint)
        if Habilitet.objects.filter(sak=sak, medlem=medlem, rolle=STYREMEDLEM).exists():
            raise DomainError(
                _("Du har allerede erklært habilitet i saken."), code="done"
            ) from None
        raise


def erklaring_check(grunner, andre_forhold, inhabil_andre, tvil=False) -> None:
    if set(grunner) - set(Habilitet.Grunn.values):
        raise DomainError(_("Ukjent habilitetsgrunn."), field="grunner")
    if inhabil_andre and not (andre_forhold or "").strip():
        raise DomainError(_("Beskriv forholdene som gjør deg inhabil."), field="andre_forhold")
    if tvil and not (andre_forhold or "").strip():
        raise DomainError(
            _("Beskriv forholdene styret skal ta stilling til."), field="andre_forhold"
        )


def erklaring_inhabil(grunner, inhabil_andre, tvil) -> bool | None:
    """A ground of the first paragraph disqualifies by itself; otherwise the member's own
    weighing, or nothing yet when they asked the board."""
    if grunner:
        return True
    return None if tvil else bool(inhabil_andre)


def erklaring_record(sak, erklaring, by, endret: str = "") -> None:
    """The declaration in the case's history; a disqualified member's vote deadline ends."""
    medlem = erklaring.medlem
    labels = ", ".join(str(Habilitet.Grunn(g).label) for g in erklaring.grunner)
    tekst = "; ".join(x for x in (endret, labels, erklaring.andre_forhold) if x)
    if erklaring.inhabil:
        hendelse_record(sak, H.INHABIL, by, tekst)
        deadline_close(key=f"sak:{sak.pk}:stemme:{medlem.pk}")
    elif erklaring.inhabil is None:
        hendelse_record(sak, H.HABILITET_TVIL, by, tekst)
    else:
        hendelse_record(sak, H.HABILITET_ENDRET if endret else H.HABILITET, by, endret)


def _habilitet_declare(sak, medlem, grunner, inhabil_andre, andre_forhold, tvil) -> Habilitet:
    with tjeneste():
        sak = sak_lock(sak)
        sak_move(sak, "stem")
        if not any(m.pk == medlem.pk for m in regler.styret(sak)):
            raise DomainError(
                _("Bare styrets medlemmer erklærer habilitet her."), code="not_member"
            )
        inhabil = erklaring_inhabil(grunner, inhabil_andre, tvil)
        erklaring = Habilitet.objects.create(
            sak=sak,
            medlem=medlem,
            grunner=sorted(set(grunner)),
            andre_forhold=(andre_forhold or "").strip(),
            inhabil=inhabil,
            tvil=inhabil is None,
        )
        erklaring_record(sak, erklaring, medlem)
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
        erklaring = Habilitet.objects.filter(sak=sak, medlem=medlem, rolle=STYREMEDLEM).first()
        if erklaring is None:
            raise DomainError(_("Erklær habilitet før du stemmer."), code="no_declaration")
        if erklaring.inhabil is None:
            raise DomainError(
                _("Styret har ikke avgjort habiliteten din ennå."), code="awaiting_ruling"
            )
        if erklaring.inhabil:
            raise DomainError(_("Du er inhabil i saken og kan ikke stemme."), code="disqualified")
        stemme = Stemme.objects.create(
            sak=sak, medlem=medlem, valg=valg, kommentar=(kommentar or "").strip()
        )
        deadline_close(key=f"sak:{sak.pk}:stemme:{medlem.pk}")
        hendelse_record(sak, H.STEMME, medlem)
    return stemme
