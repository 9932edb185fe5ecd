"""Look-ups in Enhetsregisteret's open API (Brønnøysundregistrene), with the standard library only.

The register may be slow or unreachable: every look-up has a short timeout, and any
failure means "not available, type it in by hand". Found and unknown answers are cached.
"""

import json
import logging
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from enum import StrEnum

from django.conf import settings
from django.core.cache import cache

from .models import Soknad

logger = logging.getLogger(__name__)

CACHE_SECONDS = 24 * 3600


class Svar(StrEnum):
    FUNNET = "funnet"
    UKJENT = "ukjent"  # 404
    SLETTET = "slettet"  # 410
    IKKE_TILGJENGELIG = "ikke_tilgjengelig"  # timeout, connection refused, bad answer


@dataclass(frozen=True)
class Enhet:
    orgnr: str
    navn: str = ""
    organisasjonsform: str = ""
    adresse: str = ""
    postnummer: str = ""
    poststed: str = ""
    kommune: str = ""
    naeringskode: str = ""
    antall_ansatte: int | None = None
    konkurs: bool = False
    under_avvikling: bool = False


@dataclass(frozen=True)
class Oppslag:
    svar: Svar
    enhet: Enhet | None = None


def _enhet_from_json(orgnr: str, data: dict) -> Enhet:
    form = data.get("organisasjonsform") or {}
    address = data.get("forretningsadresse") or data.get("postadresse") or {}
    naering = data.get("naeringskode1") or {}
    naeringskode = " ".join(
        part for part in (naering.get("kode", ""), naering.get("beskrivelse", "")) if part
    )
    return Enhet(
        orgnr=str(data.get("organisasjonsnummer") or orgnr),
        navn=data.get("navn") or "",
        organisasjonsform=form.get("beskrivelse") or form.get("kode") or "",
        adresse=", ".join(line for line in address.get("adresse") or [] if line),
        postnummer=address.get("postnummer") or "",
        poststed=address.get("poststed") or "",
        kommune=address.get("kommune") or "",
        naeringskode=naeringskode,
        antall_ansatte=data.get("antallAnsatte"),
        konkurs=bool(data.get("konkurs")),
        under_avvikling=bool(data.get("underAvvikling")),
    )


def _fetch(orgnr: str) -> Oppslag:
    url = f"{settings.ENHETSREGISTERET_URL}/enheter/{orgnr}"
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(  # noqa: S310 (the base URL is a setting, https in production)
            request, timeout=settings.ENHETSREGISTERET_TIMEOUT
        ) as response:
            data = json.loads(response.read(1_000_000).decode("utf-8"))
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return Oppslag(Svar.UKJENT)
        if exc.code == 410:
            return Oppslag(Svar.SLETTET)
        logger.warning("Enhetsregisteret answered %s for %s", exc.code, orgnr)
        return Oppslag(Svar.IKKE_TILGJENGELIG)
    except (OSError, ValueError) as exc:  # timeouts, refused connections, bad JSON
        logger.warning("Enhetsregisteret not available for %s: %s", orgnr, exc)
        return Oppslag(Svar.IKKE_TILGJENGELIG)
    if not isinstance(data, dict):
        return Oppslag(Svar.IKKE_TILGJENGELIG)
    return Oppslag(Svar.FUNNET, _enhet_from_json(orgnr, data))


def enhet_lookup(orgnr: str) -> Oppslag:
    """Look up a (valid, cleaned) organisation number; never raises, never waits long."""
    key = f"enhetsregisteret:{orgnr}"
    cached = cache.get(key)
    if cached is not None:
        svar, enhet = cached
        return Oppslag(Svar(svar), Enhet(**enhet) if enhet else None)
    result = _fetch(orgnr)
    if result.svar in (Svar.FUNNET, Svar.UKJENT):
        cache.set(
            key, (str(result.svar), asdict(result.enhet) if result.enhet else None), CACHE_SECONDS
        )
    return result


# The register's facts behind an organisation number; what the applicant typed stands.
FAKTA = ("org_form", "org_antall_ansatte", "org_konkurs", "org_under_avvikling")


@dataclass(frozen=True)
class Opplysninger:
    """The draft's organisation fields after a look-up, and what the register answered."""

    svar: Svar
    felt: dict


def _register_fields(enhet: Enhet) -> dict:
    return {
        "org_navn": enhet.navn,
        "org_form": enhet.organisasjonsform,
        "org_adresse": enhet.adresse,
        "org_postnummer": enhet.postnummer,
        "org_poststed": enhet.poststed,
        "org_naeringskode": enhet.naeringskode,
        "org_antall_ansatte": enhet.antall_ansatte,
        "org_konkurs": enhet.konkurs,
        "org_under_avvikling": enhet.under_avvikling,
    }


def _unchecked() -> dict:
    return {
        "org_kilde": Soknad.Kilde.MANUELL,
        "org_form": "",
        "org_antall_ansatte": None,
        "org_konkurs": False,
        "org_under_avvikling": False,
    }


def enhet_opplysninger(orgnr: str, *, skrevet: dict, fyll_inn: bool = False) -> Opplysninger:
    """The organisation fields of a draft: what was typed (`skrevet`) merged with the register.

    Found, the register's facts (form, employees, bankruptcy, winding-up) are added, and with
    `fyll_inn` also its name, address and industry code over what was typed. Not found, or
    the register not answering, the typed fields stand and the facts are cleared: marked as
    typed by the applicant.
    """
    oppslag = enhet_lookup(orgnr)
    felt = dict(skrevet)
    if oppslag.svar == Svar.FUNNET:
        found = _register_fields(oppslag.enhet)
        felt.update(found if fyll_inn else {name: found[name] for name in FAKTA})
        felt["org_kilde"] = Soknad.Kilde.REGISTER
    else:
        felt.update(_unchecked())
    return Opplysninger(oppslag.svar, felt)
