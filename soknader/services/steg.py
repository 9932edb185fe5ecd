"""Saving the steps of the application form: each step's rules, then the draft is saved.

A step service returns a `Stegresultat`: the saved draft (None when the step's rules
refused it and nothing was saved), the problems to show by field, and messages for the
applicant. Network look-ups happen before any transaction.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.messages import constants
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from felles.errors import DomainError

from .. import epost
from ..enhetsregisteret import Svar, enhet_opplysninger
from ..models import Finansieringslinje, Soknad
from ..ratelimit import rate_limit_hit
from ..rules import Problem, balance_check, intensity_check
from .utkast import soknad_draft_save


@dataclass(frozen=True)
class Melding:
    niva: int  # a django.contrib.messages level
    tekst: str


@dataclass
class Stegresultat:
    soknad: Soknad | None = None
    problemer: list[Problem] = field(default_factory=list)
    meldinger: list[Melding] = field(default_factory=list)

    @property
    def lagret(self) -> bool:
        return self.soknad is not None


_FETCHED = {
    Svar.FUNNET: Melding(
        constants.INFO,
        gettext_lazy(
            "Vi hentet navn, adresse og næringskode fra Enhetsregisteret. Se over at de stemmer."
        ),
    ),
    Svar.UKJENT: Melding(
        constants.WARNING,
        gettext_lazy(
            "Organisasjonsnummeret finnes ikke i Enhetsregisteret. Fyll inn opplysningene selv."
        ),
    ),
    Svar.SLETTET: Melding(
        constants.WARNING,
        gettext_lazy(
            "Organisasjonen er slettet fra Enhetsregisteret. Fyll inn opplysningene selv."
        ),
    ),
    Svar.IKKE_TILGJENGELIG: Melding(
        constants.WARNING,
        gettext_lazy("Vi fikk ikke svar fra Enhetsregisteret nå. Fyll inn opplysningene selv."),
    ),
}

_UNCHECKED = {
    Svar.UKJENT: gettext_lazy(
        "Organisasjonsnummeret finnes ikke i Enhetsregisteret. "
        "Opplysningene du skrev inn, blir brukt."
    ),
    Svar.SLETTET: gettext_lazy(
        "Organisasjonen er slettet fra Enhetsregisteret. Opplysningene du skrev inn, blir brukt."
    ),
    Svar.IKKE_TILGJENGELIG: gettext_lazy(
        "Vi fikk ikke svar fra Enhetsregisteret nå. Opplysningene du skrev inn, blir brukt."
    ),
}


def soknad_enhet_fill(*, soknad: Soknad, fields: dict) -> Stegresultat:
    """Fill in step 1 from Enhetsregisteret by the typed organisation number (`fields["orgnr"]`);
    the other valid fields typed are kept, the rest is checked when the step is sent."""
    opplysninger = enhet_opplysninger(fields["orgnr"], skrevet=fields, fyll_inn=True)
    saved = soknad_draft_save(soknad=soknad, fields=opplysninger.felt)
    return Stegresultat(saved, meldinger=[_FETCHED[opplysninger.svar]])


def soknad_organisasjon_save(*, soknad: Soknad, fields: dict, sprak: str) -> Stegresultat:
    """Save step 1. `soknad` is the draft as stored; a new contact address is e-mailed the
    draft's secret link.

    A new organisation number, or one never looked up, is looked up in the register: what
    the applicant typed stands and the register adds the facts behind it.
    """
    fields = {**fields, "sprak": sprak}
    meldinger = []
    if fields["orgnr"] != soknad.orgnr or not soknad.org_kilde:
        opplysninger = enhet_opplysninger(fields["orgnr"], skrevet=fields)
        fields = opplysninger.felt
        if opplysninger.svar != Svar.FUNNET:
            meldinger.append(Melding(constants.INFO, _UNCHECKED[opplysninger.svar]))
    saved = soknad_draft_save(soknad=soknad, fields=fields)
    if saved.kontakt_epost and saved.kontakt_epost != soknad.kontakt_epost:
        meldinger.append(_draft_link_send(saved))
    return Stegresultat(saved, meldinger=meldinger)


def _draft_link_send(soknad: Soknad) -> Melding:
    """The draft's link to its new contact address, within SOKNAD_RATE_UTKASTLENKE per draft
    and per address: the form must not let anyone make the system mail any address."""
    limit, window = settings.SOKNAD_RATE_UTKASTLENKE
    address = soknad.kontakt_epost.strip().lower()
    per_draft = rate_limit_hit(f"utkastlenke-soknad:{soknad.pk}", limit=limit, window=window)
    per_address = per_draft and rate_limit_hit(
        f"utkastlenke-epost:{address}", limit=limit, window=window
    )
    if not per_address:
        return Melding(
            constants.WARNING,
            _(
                "Kontaktadressen er lagret, men vi sendte ikke lenken til utkastet til "
                "%(epost)s: adressen er endret for mange ganger. Ta vare på lenken til "
                "utkastet som står på denne siden."
            )
            % {"epost": soknad.kontakt_epost},
        )
    epost.utkastlenke_send(soknad)
    return Melding(
        constants.INFO,
        _("Vi har sendt lenken til utkastet til %(epost)s.") % {"epost": soknad.kontakt_epost},
    )


def soknad_prosjekt_save(
    *, soknad: Soknad, fields: dict | None, aktiviteter: list[dict], flere_rader: bool = False
) -> Stegresultat:
    """Save step 2: the project (None: its form did not validate) and its activities.

    At least one activity is needed, except while the applicant is only asking for more rows.
    """
    if not aktiviteter and not flere_rader:
        return Stegresultat(
            problemer=[Problem(2, "aktiviteter", _("Legg inn minst én aktivitet med tidsplan."))]
        )
    if fields is None:
        return Stegresultat()
    return Stegresultat(soknad_draft_save(soknad=soknad, fields=fields, aktiviteter=aktiviteter))


def soknad_okonomi_save(
    *,
    soknad: Soknad,
    kostnader: list[dict],
    finansiering: dict[str, int] | None,
    flere_rader: bool = False,
) -> Stegresultat:
    """Save step 3: costs and financing (None: the financing form did not validate).

    The financing must equal the costs and the amount applied for keep within the support
    intensity. While the applicant is only asking for more rows, what is there is saved
    without these checks.
    """
    if flere_rader:
        return Stegresultat(
            soknad_draft_save(soknad=soknad, kostnader=kostnader, finansiering=finansiering)
        )
    problemer = []
    if not kostnader:
        problemer.append(Problem(3, "kostnader", _("Legg inn minst én kostnadslinje.")))
    if problemer or finansiering is None:
        return Stegresultat(problemer=problemer)
    total = sum(line["belop"] for line in kostnader)
    checks = (
        (balance_check, {"kostnader_sum": total, "finansiering_sum": sum(finansiering.values())}),
        (
            intensity_check,
            {
                "belop": finansiering.get(Finansieringslinje.Kilde.PROGRAMMET, 0),
                "kostnader_sum": total,
                "program": soknad.program,
                "fase": soknad.fase,
            },
        ),
    )
    for check, kwargs in checks:
        try:
            check(**kwargs)
        except DomainError as exc:
            problemer.append(Problem(3, exc.field, exc.message))
    if problemer:
        return Stegresultat(problemer=problemer)
    return Stegresultat(
        soknad_draft_save(soknad=soknad, kostnader=kostnader, finansiering=finansiering)
    )
