"""Parts of a submitted application exempt from public access (offentleglova § 13)."""

from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.roles import Rolle, has_role
from felles.transaksjon import tjeneste
from soknader.models import Soknad, Vedlegg
from workflow.models import Hendelse, Sak, Unntak

from .grunnlag import hendelse_record, sak_lock

H = Hendelse.Type


def unntak_set(
    *, soknad: Soknad, felt=(), vedlegg=(), hjemmel: str, by, sak: Sak | None = None
) -> list[Unntak]:
    """Replace the parts of a submitted application that are exempt from public access
    (offentleglova § 13): the text fields or sections in `felt` and the attachments in
    `vedlegg`, all on the legal basis `hjemmel`. Marks that stay keep who set them and when.
    Only the programleder or an administrator may do this. A service that holds the case's
    lock passes the locked `sak`."""
    if by is None or not (
        getattr(by, "is_superuser", False) or has_role(by, Rolle.PROGRAMLEDER, Rolle.ADMINISTRATOR)
    ):
        raise DomainError(
            _("Bare programleder kan unnta deler av søknaden fra offentlighet."), code="forbidden"
        )
    felt = set(felt)
    if felt - set(Unntak.Felt.values):
        raise DomainError(_("Ukjent felt i søknaden."), field="felt")
    vedlegg_ids = {v.pk if isinstance(v, Vedlegg) else int(v) for v in vedlegg}
    hjemmel = (hjemmel or "").strip()
    if (felt or vedlegg_ids) and not hjemmel:
        raise DomainError(_("Oppgi hjemmelen for unntaket."), field="hjemmel")
    with tjeneste():
        if sak is None:
            sak = Sak.objects.filter(soknad_id=soknad.pk).first()
            sak = sak_lock(sak) if sak is not None else None
        if sak is not None:
            soknad = sak.soknad  # locked with its case
        else:
            soknad = Soknad.objects.select_for_update().get(pk=soknad.pk)
        if soknad.status == Soknad.Status.UTKAST:
            raise DomainError(_("Et utkast er ikke offentlig."), code="wrong_state")
        if vedlegg_ids:
            egne = set(Vedlegg.objects.filter(soknad=soknad).values_list("pk", flat=True))
            if vedlegg_ids - egne:
                raise DomainError(_("Vedlegget hører til en annen søknad."), field="vedlegg")
        gjeldende = {
            (u.felt, u.vedlegg_id): u
            for u in Unntak.objects.filter(soknad=soknad).select_related("vedlegg").order_by("id")
        }
        onsket = {(f, None) for f in felt} | {("", pk) for pk in vedlegg_ids}
        if onsket == set(gjeldende) and all(u.hjemmel == hjemmel for u in gjeldende.values()):
            return list(gjeldende.values())  # nothing changes
        fjernet = [u.pk for key, u in gjeldende.items() if key not in onsket]
        if fjernet:
            Unntak.objects.filter(pk__in=fjernet).delete()
        endret = bool(fjernet)
        beholdt = [u for key, u in gjeldende.items() if key in onsket and u.hjemmel != hjemmel]
        for u in beholdt:
            u.hjemmel = hjemmel
            u.save(update_fields=["hjemmel"])
        endret = endret or bool(beholdt)
        nye = [
            Unntak(soknad=soknad, felt=f, vedlegg_id=pk, hjemmel=hjemmel, merket_av=by)
            for f, pk in sorted(onsket - set(gjeldende), key=lambda k: (k[0], k[1] or 0))
        ]
        Unntak.objects.bulk_create(nye)
        endret = endret or bool(nye)
        resultat = list(
            Unntak.objects.filter(soknad=soknad).select_related("vedlegg").order_by("id")
        )
        if endret and sak is not None:
            deler = ", ".join(str(u) for u in resultat)
            tekst = (
                _("Unntatt offentlighet: %(deler)s (%(hjemmel)s)")
                % {"deler": deler, "hjemmel": hjemmel}
                if resultat
                else _("Ingen deler av søknaden er unntatt offentlighet.")
            )
            hendelse_record(sak, H.UNNTAK, by, tekst)
    return resultat
