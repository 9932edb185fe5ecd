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
            "soknad__vedlegg",
            "soknad__finansiering",
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
    """Board members see how others voted only after their own vote."""
    if user.pk not in {m.pk for m in regler.styremedlemmer()}:
        return True
    return Stemme.objects.filter(behandling=behandling, medlem=user).exists()
