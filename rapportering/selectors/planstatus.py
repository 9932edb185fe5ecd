"""Plan status: each year's action plan on its way from draft to published, with the date and
reference of every step, and the import's consistency report until the board has resolved it.

Two queries whatever the number of plans and steps: the plans, and their status history."""

from django.urls import reverse
from django.utils.translation import gettext as _

from handlingsplan.models import Handlingsplan, HandlingsplanStatusendring, Program
from rapportering.tabell import ANTALL, DATO, Celle, Kolonne, Rapportdel, Tabell

Status = Handlingsplan.Status


def _planlenke(ar: int) -> str:
    """The plan's own staff page, where its status, dates and budget are shown."""
    return f"{reverse('handlingsplan:index')}?ar={ar}"


def _uavklart(plan: Handlingsplan) -> bool:
    """The import found figures the plan's arithmetic contradicts, and the board has not yet
    recorded which figures stand."""
    return bool(plan.avvik) and not plan.avvik_resolusjon.strip()


def _avvik_tekst(avvik: dict) -> str:
    tekst, hvor = avvik.get("tekst", ""), avvik.get("hvor", "")
    prefiks = f"{hvor}: "
    return tekst[len(prefiks) :] if hvor and tekst.startswith(prefiks) else tekst


def _avklart(plan: Handlingsplan) -> str:
    if not plan.avvik:
        return ""
    return _("Nei") if _uavklart(plan) else _("Ja")


def _person(rad: dict) -> str:
    navn = " ".join(n for n in (rad["utfort_av__first_name"], rad["utfort_av__last_name"]) if n)
    return navn or rad["utfort_av__username"] or _("Importen")


def _statustabell(planer: list[Handlingsplan]) -> Tabell:
    rader = []
    for plan in planer:
        rader.append(
            [
                Celle(plan.ar, _planlenke(plan.ar)),
                plan.get_status_display(),
                plan.godkjent_dato,
                plan.godkjent_referanse,
                plan.vedtatt_dato,
                plan.vedtatt_referanse,
                plan.publisert_dato,
                plan.publisert_referanse,
                len(plan.avvik),
                _avklart(plan),
            ]
        )
    return Tabell(
        slug="planstatus",
        tittel=_("Handlingsplanenes status"),
        kolonner=[
            Kolonne(_("År")),
            Kolonne(_("Status")),
            Kolonne(_("Godkjent av styringsgruppen"), DATO),
            Kolonne(_("Saksreferanse, styringsgruppen")),
            Kolonne(_("Vedtatt av kommunestyret"), DATO),
            Kolonne(_("Saksreferanse, kommunestyret")),
            Kolonne(_("Publisert"), DATO),
            Kolonne(_("Publisert hvor")),
            Kolonne(_("Avvik i planens tall"), ANTALL),
            Kolonne(_("Avvikene avklart")),
        ],
        rader=rader,
        beskrivelse=_(
            "Utkast → godkjent av styringsgruppen → vedtatt av kommunestyret → publisert."
        ),
    )


def _historikk(endringer: list[dict]) -> Tabell:
    return Tabell(
        slug="statusendringer",
        tittel=_("Statusendringer"),
        kolonner=[
            Kolonne(_("År")),
            Kolonne(_("Fra")),
            Kolonne(_("Til")),
            Kolonne(_("Dato"), DATO),
            Kolonne(_("Referanse")),
            Kolonne(_("Registrert av")),
        ],
        rader=[
            [
                Celle(e["handlingsplan__ar"], _planlenke(e["handlingsplan__ar"])),
                Status(e["fra_status"]).label,
                Status(e["til_status"]).label,
                e["dato"],
                e["referanse"],
                _person(e),
            ]
            for e in endringer
        ],
        beskrivelse=_(
            "Hvert steg med datoen og referansen til vedtaket, og hvem som registrerte det."
        ),
    )


def _avvikstabell(uavklarte: list[Handlingsplan]) -> Tabell:
    return Tabell(
        slug="avvik",
        tittel=_("Avvik i planens egne tall som ikke er avklart"),
        kolonner=[Kolonne(_("År")), Kolonne(_("Hvor")), Kolonne(_("Oppgitt og beregnet"))],
        rader=[
            [Celle(plan.ar, _planlenke(plan.ar)), a.get("hvor", ""), _avvik_tekst(a)]
            for plan in uavklarte
            for a in plan.avvik
        ],
        beskrivelse=_(
            "Funnet da planen ble lest inn. Listen vises til styringsgruppen har vedtatt "
            "hvilke tall som gjelder."
        ),
    )


def _vedtakstabell(avklarte: list[Handlingsplan]) -> Tabell:
    return Tabell(
        slug="avklaringer",
        tittel=_("Styringsgruppens vedtak om avvikene"),
        kolonner=[
            Kolonne(_("År")),
            Kolonne(_("Avvik i planens tall"), ANTALL),
            Kolonne(_("Vedtak")),
        ],
        rader=[
            [Celle(p.ar, _planlenke(p.ar)), len(p.avvik), p.avvik_resolusjon.strip()]
            for p in avklarte
        ],
        beskrivelse=_("Hvilke tall som gjelder, vedtatt da planen ble godkjent."),
    )


def bygg(program: Program, ar: int | None) -> Rapportdel:
    planer_qs = Handlingsplan.objects.filter(program=program).order_by("ar")
    endringer_qs = HandlingsplanStatusendring.objects.filter(handlingsplan__program=program)
    if ar is not None:
        planer_qs = planer_qs.filter(ar=ar)
        endringer_qs = endringer_qs.filter(handlingsplan__ar=ar)
    planer = list(
        planer_qs.only(
            "ar",
            "status",
            "godkjent_dato",
            "godkjent_referanse",
            "vedtatt_dato",
            "vedtatt_referanse",
            "publisert_dato",
            "publisert_referanse",
            "avvik",
            "avvik_resolusjon",
        )
    )
    endringer = list(
        endringer_qs.order_by("handlingsplan__ar", "dato", "id").values(
            "handlingsplan__ar",
            "fra_status",
            "til_status",
            "dato",
            "referanse",
            "utfort_av__first_name",
            "utfort_av__last_name",
            "utfort_av__username",
        )
    )
    uavklarte = [p for p in planer if _uavklart(p)]
    merknader = [
        _(
            "Handlingsplanen for %(ar)s har %(n)s avvik i egne tall som styringsgruppen ikke "
            "har avklart."
        )
        % {"ar": p.ar, "n": len(p.avvik)}
        for p in uavklarte
    ]
    if not planer:
        merknader.append(
            _("Ingen handlingsplan for %(ar)s er lagt inn.") % {"ar": ar}
            if ar is not None
            else _("Ingen handlingsplan er lagt inn.")
        )
    tabeller = [_statustabell(planer), _historikk(endringer)]
    if uavklarte:
        tabeller.append(_avvikstabell(uavklarte))
    avklarte = [p for p in planer if p.avvik and not _uavklart(p)]
    if avklarte:
        tabeller.append(_vedtakstabell(avklarte))
    return Rapportdel(tabeller=tabeller, merknader=merknader)
