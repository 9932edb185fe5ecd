"""Reads for the case pages, each with a fixed number of queries."""

from django.contrib.contenttypes.models import ContentType

from notifications.models import Message
from soknader.behandling import regler
from soknader.models import Behandling, Stemme


def sak_detail(behandling_pk: int) -> Behandling:
    return (
        Behandling.objects.select_related(
            "soknad__program",
            "programleder",
            "mote",
            "innstilling__pot__strategi__handlingsplan",
            "vedtak__tilsagn__forpliktelse",
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
        .get(pk=behandling_pk)
    )


def sak_messages(behandling: Behandling):
    """Every e-mail of the case (letters included), oldest first."""
    soknad_type = ContentType.objects.get_for_model(behandling.soknad)
    return Message.objects.filter(case_type=soknad_type, case_id=behandling.soknad_id).order_by(
        "created_at", "pk"
    )


def votes_visible_to(user, behandling: Behandling) -> bool:
    """Board members see how others voted only after their own vote, or once the case is
    decided; everyone else who may read the case sees the votes."""
    return behandling.pk not in votes_hidden_from(user, [behandling])


def votes_hidden_from(user, saker) -> set[int]:
    """The cases among `saker` whose votes `user` may not see yet (two queries at most)."""
    undecided = {sak.pk for sak in saker if sak.status == Behandling.Status.STYRET}
    if not undecided or user.pk not in {m.pk for m in regler.styremedlemmer()}:
        return set()
    voted = set(
        Stemme.objects.filter(behandling_id__in=undecided, medlem=user).values_list(
            "behandling_id", flat=True
        )
    )
    return undecided - voted
