"""An application as plain data: what the applicant sees on review and what is frozen at submit."""

from .models import Soknad

# The application's own fields, as the applicant writes them on a draft.
APPLICANT_FIELDS = (
    "sprak",
    "orgnr",
    "org_navn",
    "org_form",
    "org_adresse",
    "org_postnummer",
    "org_poststed",
    "org_naeringskode",
    "org_antall_ansatte",
    "org_konkurs",
    "org_under_avvikling",
    "org_kilde",
    "kontakt_navn",
    "kontakt_epost",
    "kontakt_telefon",
    "prosjektleder_navn",
    "prosjektleder_epost",
    "prosjektleder_telefon",
    "tittel",
    "kort_beskrivelse",
    "bakgrunn",
    "mal",
    "forankring",
    "organisering",
    "fase",
    "startdato",
    "sluttdato",
    "nye_kvinner",
    "nye_menn",
    "sikrede_kvinner",
    "sikrede_menn",
    "tilknyttede_orgnr",
)

# What the snapshot and the review show of the application's own fields.
SOKNAD_FIELDS = ("saksnummer", *APPLICANT_FIELDS)


def _value(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def soknad_as_dict(soknad: Soknad) -> dict:
    data = {name: _value(getattr(soknad, name)) for name in SOKNAD_FIELDS}
    data["program"] = soknad.program.navn
    data["tidligere_fase"] = soknad.tidligere_fase.saksnummer if soknad.tidligere_fase else None
    data["foreslatt_innsatsomrade"] = (
        str(soknad.foreslatt_innsatsomrade) if soknad.foreslatt_innsatsomrade else None
    )
    data["foreslatt_strategi"] = (
        str(soknad.foreslatt_strategi) if soknad.foreslatt_strategi else None
    )
    data["aktiviteter"] = [
        {"navn": a.navn, "start": _value(a.start), "slutt": _value(a.slutt)}
        for a in soknad.aktiviteter.all()
    ]
    data["kostnader"] = [
        {
            "kategori": k.kategori,
            "beskrivelse": k.beskrivelse,
            "timer": k.timer,
            "timesats": k.timesats,
            "belop": k.belop,
        }
        for k in soknad.kostnader.all()
    ]
    data["finansiering"] = [{"kilde": f.kilde, "belop": f.belop} for f in soknad.finansiering.all()]
    data["offentlig_stotte"] = [
        {
            "type": s.type,
            "giver": s.giver,
            "ordning": s.ordning,
            "belop": s.belop,
            "dato": _value(s.dato),
        }
        for s in soknad.offentlig_stotte.all()
    ]
    data["vedlegg"] = [
        {
            "id": v.pk,
            "type": v.type,
            "filnavn": v.filnavn,
            "innholdstype": v.innholdstype,
            "storrelse": v.storrelse,
            "sha256": v.sha256,
        }
        for v in soknad.vedlegg.all()
    ]
    return data
