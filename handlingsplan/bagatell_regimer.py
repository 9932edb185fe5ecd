"""The de minimis regimes as first configured: seeded by a data migration and ensured by the
plan import and the demo. Plain data, so that a migration may read it.

The end of the Norwegian pause (and the start of Regulation (EU) 2023/2831 in Norway) is a
setting: an administrator changes both dates in the admin when the date the EEA Joint
Committee's decision took effect is confirmed."""

from datetime import date

FORORDNING_1407 = "(EU) nr. 1407/2013"
PAUSE = "Pause i Norge"
FORORDNING_2831 = "(EU) 2023/2831"

REGIMER = [
    {
        "forordning": FORORDNING_1407,
        "tittel": (
            "Kommisjonsforordning (EU) nr. 1407/2013 av 18. desember 2013 om anvendelse av "
            "artikkel 107 og 108 i traktaten om Den europeiske unions virkemåte på "
            "bagatellmessig støtte"
        ),
        "tittel_en": (
            "Commission Regulation (EU) No 1407/2013 of 18 December 2013 on the application "
            "of Articles 107 and 108 of the Treaty on the Functioning of the European Union "
            "to de minimis aid"
        ),
        "gyldig_fra": date(2014, 1, 1),
        "gyldig_til": date(2023, 12, 31),
        "tak_eur": 200_000,
        "periode": "regnskapsar",
        "rapporteringsgrense_eur": 100_000,
    },
    {
        "forordning": PAUSE,
        "tittel": (
            "Ingen forordning om bagatellmessig støtte gjelder i Norge før forordning "
            "(EU) 2023/2831 er tatt inn i EØS-avtalen"
        ),
        "tittel_en": (
            "No regulation on de minimis aid applies in Norway until Regulation (EU) "
            "2023/2831 is incorporated into the EEA Agreement"
        ),
        "gyldig_fra": date(2024, 1, 1),
        "gyldig_til": date(2024, 12, 31),
        "tak_eur": None,
        "periode": "lopende",
        "rapporteringsgrense_eur": 100_000,
    },
    {
        "forordning": FORORDNING_2831,
        "tittel": (
            "Kommisjonsforordning (EU) 2023/2831 av 13. desember 2023 om anvendelse av "
            "artikkel 107 og 108 i traktaten om Den europeiske unions virkemåte på "
            "bagatellmessig støtte"
        ),
        "tittel_en": (
            "Commission Regulation (EU) 2023/2831 of 13 December 2023 on the application of "
            "Articles 107 and 108 of the Treaty on the Functioning of the European Union to "
            "de minimis aid"
        ),
        "gyldig_fra": date(2025, 1, 1),
        "gyldig_til": None,
        "tak_eur": 300_000,
        "periode": "lopende",
        "rapporteringsgrense_eur": 100_000,
    },
]
