"""Impartiality beyond a member's first declaration (forvaltningsloven §§ 6–8): a member
changes their own declaration before voting; the board rules when a member is in doubt;
the programleder declares in each case they handle, and the chair gives the case of a
disqualified programleder to another; the board elects an acting chair for a case when the
chair is disqualified and no deputy chair can act."""

from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from felles.errors import DomainError
from felles.transaksjon import tjeneste
from workflow import regler
from workflow.models import Habilitet, Habilitetsstemme, Hendelse, Sak, Settestyreleder, Stemme

from .grunnlag import hendelse_record, required_text, sak_lock
from .styre import erklaring_check, erklaring_inhabil, erklaring_record
from .tilstand import AVSLUTTET, sak_move

H = Hendelse.Type
R = Habilitet.Rolle


def _navn(user) -> str:
    return user.get_full_name() or user.username


def habilitet_change(
    *,
    sak: Sak,
    medlem,
    grunner: list[str],
    andre_forhold: str = "",
    inhabil_andre: bool = False,
    tvil: bool = False,
) -> Habilitet:
    """A member changes their own declaration until they have voted; a ruling of the board
    stands (the history keeps what the declaration said before)."""
    erklaring_check(grunner, andre_forhold, inhabil_andre, tvil)
    with tjeneste():
        sak = sak_lock(sak)
        sak_move(sak, "stem")
        erklaring = (
            Habilitet.objects.select_for_update()
            .filter(sak=sak, medlem=medlem, rolle=R.STYREMEDLEM)
            .first()
        )
        if erklaring is None:
            raise DomainError(_("Du har ikke erklært habilitet i saken."), code="no_declaration")
        if erklaring.avgjort is not None:
            raise DomainError(_("Styret har avgjort habiliteten din i saken."), code="ruled")
        if Stemme.objects.filter(sak=sak, medlem=medlem).exists():
            raise DomainError(_("Du har allerede stemt i saken."), code="done")
        for_ = _erklaring_tekst(erklaring)
        erklaring.grunner = sorted(set(grunner))
        erklaring.andre_forhold = (andre_forhold or "").strip()
        erklaring.inhabil = erklaring_inhabil(grunner, inhabil_andre, tvil)
        erklaring.tvil = erklaring.inhabil is None
        erklaring.endret = timezone.now()
        erklaring.save()
        endret = _("Endret fra: %(for)s") % {"for": for_}
        erklaring_record(sak, erklaring, medlem, endret)
    return erklaring


def _erklaring_tekst(erklaring: Habilitet) -> str:
    if erklaring.inhabil is None:
        return _("styret avgjør")
    return _("inhabil") if erklaring.inhabil else _("habil")


def habilitet_rule(*, erklaring: Habilitet, by, stemmer: dict[int, bool], begrunnelse: str):
    """The board rules on a member's impartiality (§ 8 annet ledd). `stemmer` holds the
    position of each member who took part ({member id: disqualified}); only eligible members
    other than the one concerned take part, and the reasons are recorded."""
    begrunnelse = required_text(begrunnelse, "begrunnelse", _("Skriv styrets begrunnelse."))
    with tjeneste():
        sak = sak_lock(erklaring.sak)
        sak_move(sak, "stem")
        erklaring = (
            Habilitet.objects.select_for_update().select_related("medlem").get(pk=erklaring.pk)
        )
        if not erklaring.venter_pa_styret:
            raise DomainError(_("Styret har allerede avgjort spørsmålet."), code="done")
        habile = {m.pk: m for m in regler.habile_medlemmer(sak, unntatt=erklaring.medlem)}
        if by is None or by.pk not in habile:
            raise DomainError(
                _(
                    "Bare habile styremedlemmer som ikke selv er part i spørsmålet, "
                    "kan avgjøre det."
                ),
                code="not_eligible",
            )
        if not stemmer or set(stemmer) - set(habile):
            raise DomainError(
                _("Bare de andre habile medlemmene kan ta del i avgjørelsen."), field="stemmer"
            )
        inhabil, ved_leder = regler.habilitet_utfall(sak, stemmer)
        Habilitetsstemme.objects.bulk_create(
            [
                Habilitetsstemme(habilitet=erklaring, medlem_id=pk, inhabil=bool(v))
                for pk, v in stemmer.items()
            ]
        )
        erklaring.inhabil, erklaring.begrunnelse = inhabil, begrunnelse
        erklaring.avgjort, erklaring.avgjort_av = timezone.now(), by
        erklaring.save()
        sak._inhabile = None
        utfall = _("inhabil") if inhabil else _("habil")
        tekst = _(
            "%(navn)s er %(utfall)s (%(ja)d for inhabil, %(nei)d mot)%(leder)s. %(grunn)s"
        ) % {
            "navn": _navn(erklaring.medlem),
            "utfall": utfall,
            "ja": sum(1 for v in stemmer.values() if v),
            "nei": sum(1 for v in stemmer.values() if not v),
            "leder": _(", avgjort ved møteleders stemme") if ved_leder else "",
            "grunn": begrunnelse,
        }
        hendelse_record(sak, H.HABILITET_AVGJORT, by, tekst)
        if inhabil:
            from notifications.services import deadline_close

            deadline_close(key=f"sak:{sak.pk}:stemme:{erklaring.medlem_id}")
    return erklaring


def saksbehandler_declare(
    *, sak: Sak, by, grunner: list[str], andre_forhold: str = "", inhabil_andre: bool = False
) -> Habilitet:
    """The programleder's own declaration in a case they handle, made before the completeness
    check, the recommendation or a delegated decision."""
    erklaring_check(grunner, andre_forhold, inhabil_andre)
    if sak.status in AVSLUTTET:
        raise DomainError(_("Saken er avsluttet."), code="wrong_state")
    try:
        with tjeneste():
            erklaring = Habilitet.objects.create(
                sak=sak,
                medlem=by,
                rolle=R.SAKSBEHANDLER,
                grunner=sorted(set(grunner)),
                andre_forhold=(andre_forhold or "").strip(),
                inhabil=erklaring_inhabil(grunner, inhabil_andre, False),
            )
            labels = ", ".join(str(Habilitet.Grunn(g).label) for g in erklaring.grunner)
            if erklaring.inhabil:
                tekst = "; ".join(x for x in (labels, erklaring.andre_forhold) if x)
                hendelse_record(sak, H.SAKSBEHANDLER_INHABIL, by, tekst)
            else:
                hendelse_record(sak, H.SAKSBEHANDLER_HABIL, by)
    except IntegrityError:  # one declaration per handler and case (a database constraint)
        raise DomainError(_("Du har allerede erklært habilitet i saken."), code="done") from None
    regler.saksbehandler_inhabil_known(sak, by, erklaring.inhabil)
    return erklaring


def saksbehandler_check(sak: Sak, by) -> None:
    """A programleder acts in a case only when declared impartial in it."""
    inhabil = regler.saksbehandler_inhabil(sak, by)
    if inhabil is None:
        raise DomainError(
            _("Erklær habilitet i saken før du behandler den."), code="no_declaration"
        )
    if inhabil:
        raise DomainError(
            _(
                "Du er inhabil i sak %(nr)s og kan ikke behandle den. Styreleder tildeler "
                "saken til en annen saksbehandler."
            )
            % {"nr": sak.saksnummer},
            code="disqualified",
        )


def saksbehandler_assign(*, sak: Sak, ny, by) -> Sak:
    """The chair gives the case of a disqualified programleder to another, impartial one:
    the case and its open tasks go to them."""
    with tjeneste():
        sak = sak_lock(sak)
        if sak.status in AVSLUTTET:
            raise DomainError(_("Saken er avsluttet."), code="wrong_state")
        leder = regler.moteleder(sak).user
        if leder is None or by is None or leder.pk != by.pk:
            raise DomainError(
                _("Bare styreleder kan tildele saken til en annen saksbehandler."),
                code="not_chair",
            )
        habile = regler.habile_saksbehandlere(sak)
        if not habile.exists():
            raise DomainError(
                _(
                    "Ingen habil saksbehandler kan overta sak %(nr)s. Saken kan ikke behandles "
                    "videre før en habil programleder er på plass."
                )
                % {"nr": sak.saksnummer},
                code="none_qualified",
            )
        if ny is None or not habile.filter(pk=ny.pk).exists():
            raise DomainError(_("Velg en habil saksbehandler."), field="saksbehandler")
        forrige = sak.programleder
        sak.programleder = ny
        sak.save(update_fields=["programleder"])
        if sak.prosess_id is not None:
            sak.prosess.task_set.filter(
                status__in=[STATUS.NEW, STATUS.ASSIGNED], flow_task_type="HUMAN"
            ).exclude(owner=None).filter(owner=forrige).update(owner=ny, status=STATUS.ASSIGNED)
        tekst = _("Fra %(fra)s til %(til)s.") % {
            "fra": _navn(forrige) if forrige else "–",
            "til": _navn(ny),
        }
        hendelse_record(sak, H.SAKSBEHANDLER_TILDELT, by, tekst)
    return sak


def settestyreleder_elect(*, sak: Sak, by, valgt, deltakere, merknad: str = ""):
    """The board elects an acting chair for the case among its eligible members, when the
    chair is disqualified and no deputy chair can act. `deltakere`: the eligible members who
    took part in the election (at least a majority of them)."""
    with tjeneste():
        sak = sak_lock(sak)
        sak_move(sak, "stem")
        if not regler.settestyreleder_trengs(sak):
            raise DomainError(
                _("Saken har allerede en møteleder; det skal ikke velges settestyreleder."),
                code="not_needed",
            )
        habile = {m.pk: m for m in regler.habile_medlemmer(sak)}
        erklart = set(
            Habilitet.objects.filter(sak=sak, rolle=R.STYREMEDLEM, inhabil=False).values_list(
                "medlem_id", flat=True
            )
        )
        if by is None or by.pk not in habile:
            raise DomainError(
                _("Bare habile styremedlemmer kan registrere valget."), code="not_eligible"
            )
        if valgt is None or valgt.pk not in habile or valgt.pk not in erklart:
            raise DomainError(
                _("Settestyreleder må være et styremedlem som har erklært seg habil i saken."),
                field="valgt",
            )
        ids = {m.pk for m in deltakere}
        if ids - set(habile) or len(ids) * 2 <= len(habile):
            raise DomainError(
                _("Et flertall av de habile medlemmene må ta del i valget."), field="deltakere"
            )
        Settestyreleder.objects.filter(sak=sak).delete()
        valg = Settestyreleder.objects.create(
            sak=sak, valgt=valgt, registrert_av=by, merknad=(merknad or "").strip()
        )
        valg.deltakere.set(ids)
        tekst = _("%(navn)s valgt som settestyreleder (deltok: %(deltok)s).") % {
            "navn": _navn(valgt),
            "deltok": ", ".join(_navn(habile[pk]) for pk in sorted(ids)),
        }
        hendelse_record(sak, H.SETTESTYRELEDER, by, tekst)
        _leder_task_assign(sak, valgt)
    return valg


def _leder_task_assign(sak: Sak, valgt) -> None:
    """The chair's confirmation task, if it waits without an owner, goes to the elected."""
    if sak.prosess_id is None:
        return
    waiting = sak.prosess.task_set.filter(status=STATUS.NEW, owner=None, flow_task_type="HUMAN")
    ids = [task.pk for task in waiting if task.flow_task.name == "bekreft"]
    sak.prosess.task_set.filter(pk__in=ids).update(owner=valgt, status=STATUS.ASSIGNED)
