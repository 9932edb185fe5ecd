"""Reads for the case pages and the board's meetings, each with a fixed number of queries."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from felles import access
from felles.pdf import render_pdf
from notifications.models import Message
from soknader.models import Soknad
from soknader.services import WITHDRAWABLE
from soknader.tilgang import Adgang, soknad_access
from workflow import regler
from workflow.models import Habilitet, Hendelse, Mote, Sak, Settestyreleder, Stemme
from workflow.services.moter import delegerte_vedtak, forrige_mote
from workflow.services.tilstand import AVSLUTTET


def sak_detail(pk: int | None = None, *, prosess_id: int | None = None) -> Sak:
    """A case with everything its page shows, by its id or by its flow process's id."""
    lookup = {"pk": pk} if pk is not None else {"prosess_id": prosess_id}
    return (
        Sak.objects.select_related(
            "soknad__program",
            "programleder",
            "mote",
            "prosess",
            "innstilling__pot__strategi__handlingsplan",
            "vedtak__tilsagn__forpliktelse",
            "vedtak__vedtatt_av",
            "soknad__foreslatt_strategi",
        )
        .prefetch_related(
            "soknad__vedlegg__unntak",
            "soknad__finansiering",
            "soknad__unntak__vedlegg",
            "opplysningskrav",
            "hendelser__utfort_av",
            "brev",
            "habilitet__medlem",
        )
        .get(**lookup)
    )


def sak_for_prosess(prosess_id: int, saksbehandler=None) -> Sak:
    """The case run by a flow process, with its application and program (one query), and
    whether `saksbehandler` declared themselves disqualified in it."""
    cases = Sak.objects.select_related(
        "soknad__program__behandlingsregler", "innstilling__pot__strategi__handlingsplan"
    )
    if saksbehandler is None:
        return cases.get(prosess_id=prosess_id)
    erklaring = Habilitet.objects.filter(
        sak=OuterRef("pk"), medlem_id=saksbehandler.pk, rolle=Habilitet.Rolle.SAKSBEHANDLER
    )
    sak = cases.annotate(
        pl_erklart=Exists(erklaring), pl_inhabil=Exists(erklaring.filter(inhabil=True))
    ).get(prosess_id=prosess_id)
    regler.saksbehandler_inhabil_known(
        sak, saksbehandler, sak.pl_inhabil if sak.pl_erklart else None
    )
    return sak


def sak_messages(sak: Sak):
    """Every e-mail of the case (letters included), oldest first."""
    emne = sak.emne
    return Message.objects.filter(
        case_type=ContentType.objects.get_for_model(emne), case_id=emne.pk
    ).order_by("created_at", "pk")


def sak_visible_to(user, sak_pk: int) -> bool:
    """The case page is for those who see its application as case handlers: the one rule of
    soknader.tilgang, which its files, its PDF and its letters follow too."""
    sak = Sak.objects.select_related("soknad", "klage__paklaget__soknad").filter(pk=sak_pk).first()
    if sak is None or (sak.soknad_id is None and sak.klage_id is None):
        return False  # a project's case has its page in plp
    return soknad_access(user, sak.gjelder_soknad) is Adgang.SAKSBEHANDLING


def _svarfrist_ute(sak: Sak) -> bool:
    if sak.status != Sak.Status.VENTER_SVAR:
        return False
    apne = [k for k in sak.opplysningskrav.all() if k.besvart is None]
    return bool(apne) and apne[-1].frist < timezone.now()


def sak_page(pk: int, user) -> dict:
    """What the case page shows to `user`."""
    sak = sak_detail(pk)
    innstilling = getattr(sak, "innstilling", None)
    process = sak.prosess
    tasks = process.task_set.select_related("owner").order_by("created", "pk") if process else []
    return {
        "sak": sak,
        "soknad": sak.soknad,
        "innsendt": getattr(sak.soknad, "innsendt_kopi", None),
        "innstilling": innstilling,
        "pot": innstilling.pot if innstilling else None,
        "meldinger": sak_messages(sak),
        "process": process,
        "tasks": tasks,
        "stemmer": sak.stemmer.select_related("medlem") if votes_visible_to(user, sak) else None,
        "kan_avslutte": access.may_handle(user),
        "svarfrist_ute": _svarfrist_ute(sak),
        "habilitet": habilitet_oversikt(sak, user),
    }


def habilitet_oversikt(sak: Sak, user) -> dict:
    """The impartiality of the case for its pages: every declaration and ruling, the
    questions `user` may rule on, and whether they may elect an acting chair or give the
    case to another handler."""
    erklaringer = list(
        Habilitet.objects.filter(sak=sak).select_related("medlem").order_by("erklart", "id")
    )
    open_ = sak.status not in AVSLUTTET
    til_avgjorelse = {
        h.pk
        for h in erklaringer
        if h.venter_pa_styret
        and user.pk in {m.pk for m in regler.habile_medlemmer(sak, unntatt=h.medlem)}
    }
    habile = {m.pk for m in regler.habile_medlemmer(sak)}
    pl_inhabil = any(
        h.inhabil
        and h.rolle == Habilitet.Rolle.SAKSBEHANDLER
        and h.medlem_id == sak.programleder_id
        for h in erklaringer
    )
    leder = regler.moteleder(sak).user if pl_inhabil and open_ else None
    return {
        "erklaringer": erklaringer,
        "til_avgjorelse": til_avgjorelse if sak.status == Sak.Status.STYRET else set(),
        "kan_velge": sak.status == Sak.Status.STYRET
        and user.pk in habile
        and regler.settestyreleder_trengs(sak),
        "kan_tildele": leder is not None and leder.pk == user.pk,
        "settestyreleder": Settestyreleder.objects.filter(sak=sak).select_related("valgt").first(),
    }


def votes_visible_to(user, sak: Sak) -> bool:
    """Board members see how others voted only after their own vote, or once the case is
    decided; everyone else who may read the case sees the votes."""
    return sak.pk not in votes_hidden_from(user, [sak])


def votes_hidden_from(user, saker) -> set[int]:
    """The cases among `saker` whose votes `user` may not see yet (two queries at most)."""
    undecided = {sak.pk for sak in saker if sak.status == Sak.Status.STYRET}
    if not undecided or user.pk not in {m.pk for m in regler.styremedlemmer()}:
        return set()
    voted = set(
        Stemme.objects.filter(sak_id__in=undecided, medlem=user).values_list("sak_id", flat=True)
    )
    return undecided - voted


def mote_saksliste(mote: Mote, user=None) -> dict:
    """The agenda and its decisions. A board member who has not voted in an undecided case
    does not see how the others voted in it."""
    saker = list(
        mote.saker.select_related(
            "soknad",
            "innstilling__pot__strategi",
            "vedtak__vedtatt_av",
            "settestyreleder__valgt",
        )
        .prefetch_related(
            "stemmer__medlem",
            "habilitet__medlem",
            "habilitet__avgjorelse_stemmer__medlem",
            "hendelser__utfort_av",
        )
        .order_by("saksnummer")
    )
    hidden = votes_hidden_from(user, saker) if user is not None else set()
    styresaker = [
        {
            "sak": sak,
            "vedtak": getattr(sak, "vedtak", None),
            "stemmer": [] if sak.pk in hidden else list(sak.stemmer.all()),
            "stemmer_skjult": sak.pk in hidden,
            "inhabile": [h for h in sak.habilitet.all() if h.inhabil],
            "avgjort": [h for h in sak.habilitet.all() if h.avgjort is not None],
            "settestyreleder": getattr(sak, "settestyreleder", None),
            "tildelt": [
                h for h in sak.hendelser.all() if h.type == Hendelse.Type.SAKSBEHANDLER_TILDELT
            ],
        }
        for sak in saker
        if sak.organ == Sak.Organ.STYRET
    ]
    return {
        "mote": mote,
        "program": mote.program,
        "saker": styresaker,
        "delegerte": [v.sak for v in delegerte_vedtak(mote)],
        "forrige": forrige_mote(mote),
    }


def protokoll_pdf(mote: Mote, user=None) -> bytes:
    """The minutes of a meeting as PDF, with the votes `user` may see."""
    return render_pdf("workflow/pdf/protokoll.html", mote_saksliste(mote, user))


def soknad_withdrawable(soknad: Soknad) -> bool:
    """Min side offers withdrawal while the application is submitted and its case (if any) is
    open: before the decision, and after a grant until it is accepted. Not after acceptance,
    a rejection, a lapse, or closing."""
    if soknad.status not in WITHDRAWABLE:
        return False
    status = Sak.objects.filter(soknad=soknad).values_list("status", flat=True).first()
    return status is None or status not in AVSLUTTET


def open_task_of(user, sak_pk: int):
    """The newest open task `user` holds in the case, or None."""
    return (
        Task.objects.filter(
            process__sak_for_prosess__pk=sak_pk,
            owner=user,
            status__in=[STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED],
        )
        .order_by("-created", "-pk")
        .first()
    )


def sak_staff_link(sak: Sak, viewer=None) -> str:
    """The case's staff page, for a viewer who may open it ('' for one who may not)."""
    if viewer is not None and not (access.may_read_all(viewer) or sak_visible_to(viewer, sak.pk)):
        return ""
    return reverse("saker:sak", kwargs={"pk": sak.pk})
