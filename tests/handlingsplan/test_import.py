"""The 2021 plan's data file and `manage.py import_handlingsplan`."""

import io
from datetime import date
from decimal import Decimal

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.db.models import Sum

from handlingsplan import models as hp
from handlingsplan.services import handlingsplan_advance, ledger_verify, pot_commit
from handlingsplan.services.plan_import import DEFAULT_PLAN_FILE, handlingsplan_import

pytestmark = pytest.mark.django_db

BUDGETS = {
    "A": 200_000, "B": 300_000, "C": 100_000, "D": 100_000, "E": 100_000,
    "F": 200_000, "G": 200_000, "H": 100_000, "I": 100_000, "J": 100_000,
    "K": 200_000, "L": 100_000, "M": 100_000, "N": 100_000,
    "O": 200_000, "P": 300_000, "Q": 100_000,
    "R": 100_000, "S": 100_000,
    "T": 150_000, "U": 150_000,
}  # fmt: skip

# The figures the 2021 document states that its own arithmetic contradicts.
EXPECTED_DISAGREEMENTS = [
    "Innsatsområde 4 Forretningsmessig tjenesteyting, sum budsjett for strategiene: "
    "oppgitt 500 000 kr, beregnet 600 000 kr",
    "Budsjett 2021, 4. Forretningsmessig tjenesteyting, avsatt ramme til prosjekter: "
    "oppgitt 500 000 kr, beregnet 600 000 kr",
    "Budsjett 2021, 4. Forretningsmessig tjenesteyting, sum inkl. prosjektarbeid: "
    "oppgitt 537 500 kr, beregnet 637 500 kr",
    "Budsjett 2021, 6. Kultur og samfunn, sum inkl. prosjektarbeid: "
    "oppgitt 231 250 kr, beregnet 331 250 kr",
    "Budsjett 2021, sum innsatsområder, avsatt ramme: oppgitt 3 000 000 kr, beregnet 3 100 000 kr",
    "Budsjett 2021, sum innsatsområder inkl. prosjektarbeid: "
    "oppgitt 3 400 000 kr, beregnet 3 500 000 kr",
    "Budsjett 2021, sum innsatsområder, prosjektarbeid og administrasjon: "
    "oppgitt 3 800 000 kr, beregnet 3 900 000 kr",
    "Finansiering 2021 i alt mot budsjett 2021 i alt: oppgitt 3 800 000 kr, beregnet 3 900 000 kr",
    "Administrasjon, andel av årlig ramme (5 000 000 kr): oppgitt 5 %, beregnet 8 %",
    "Innsatsområde 1 Eksisterende næringsliv, delmål «Bedriftsutviklingsprosjekt» i kap. 2.2 "
    "mot strategiene: oppgitt 3 igangsatt, beregnet 3 gjennomført",
    "Innsatsområde 2 Industri, delmål «Bedriftsutviklingsprosjekt» i kap. 2.2 mot strategiene: "
    "oppgitt 2 igangsatt, beregnet 2 gjennomført",
    "Innsatsområde 3 Opplevelsesnæring, delmål «Kompetanse og samarbeid» i kap. 2.2 "
    "mot strategiene: oppgitt 1 gjennomført, beregnet 0",
    "Innsatsområde 3 Opplevelsesnæring, delmål «Kompetanseheving» i kap. 2.2 mot strategiene: "
    "oppgitt 0, beregnet 1 gjennomført",
    "Innsatsområde 3 Opplevelsesnæring, delmål «Kompetansekartlegging» i kap. 2.2 "
    "mot strategiene: oppgitt 0, beregnet 1 gjennomført",
    "Innsatsområde 4 Forretningsmessig tjenesteyting, delmål «Bedriftsutviklingsprosjekt» "
    "i kap. 2.2 mot strategiene: oppgitt 1 igangsatt, beregnet 2 gjennomført",
]

MODELS = [
    hp.Program,
    hp.Finansieringskilde,
    hp.Handlingsplan,
    hp.HandlingsplanStatusendring,
    hp.Finansiering,
    hp.Innsatsomrade,
    hp.Arbeidsplassmal,
    hp.ProgramlederTimer,
    hp.Strategi,
    hp.Delmal,
    hp.Indikator,
    hp.Pot,
    hp.Forpliktelse,
    hp.Postering,
]


def run(path=DEFAULT_PLAN_FILE) -> str:
    out = io.StringIO()
    call_command("import_handlingsplan", str(path), stdout=out)
    return out.getvalue()


def disagreements(output: str) -> list[str]:
    return [
        line.strip().removeprefix("AVVIK").strip()
        for line in output.splitlines()
        if "AVVIK" in line
    ]


def row_counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


def snapshot() -> dict:
    """Every row of every plan model, to prove a run changed nothing."""
    return {m.__name__: sorted(map(repr, m.objects.values())) for m in MODELS}


def real_data() -> dict:
    return yaml.safe_load(DEFAULT_PLAN_FILE.read_text(encoding="utf-8"))


def write(tmp_path, data, name="plan.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# -- The real file ---------------------------------------------------------------------------


def test_real_file_gives_the_2021_plan():
    run()
    program = hp.Program.objects.get()
    assert (program.kommune, program.kommunenummer, program.arlig_ramme) == (
        "Sel",
        "3437",
        5_000_000,
    )
    assert (program.start_ar, program.slutt_ar) == (2021, 2026)
    assert (program.mal_nye_arbeidsplasser, program.mal_sikrede_arbeidsplasser) == (180, 30)
    assert program.mal_arbeidsplasser == 210
    # Settings get the defaults written in the file.
    assert (program.delegert_grense, program.maks_stotteintensitet) == (100_000, 50)
    assert (program.akseptfrist_dager, program.bagatell_tak_eur) == (21, 300_000)

    plan = hp.Handlingsplan.objects.get()
    assert (plan.ar, plan.status, plan.timekostnad) == (2021, "utkast", 500)
    assert plan.administrasjonsbudsjett == 400_000
    assert plan.godkjent_dato is None and plan.vedtatt_dato is None

    areas = list(program.innsatsomrader.order_by("nummer"))
    assert [a.navn for a in areas] == [
        "Eksisterende næringsliv",
        "Industri",
        "Opplevelsesnæring",
        "Forretningsmessig tjenesteyting",
        "Attraktivitet for næringsliv",
        "Kultur og samfunn",
    ]
    assert [a.har_arbeidsplassmal for a in areas] == [True] * 4 + [False] * 2
    assert all(a.beskrivelse for a in areas)

    strategies = {s.bokstav: s for s in plan.strategier.select_related("innsatsomrade")}
    assert {k: s.budsjett for k, s in strategies.items()} == BUDGETS
    assert "".join(sorted(strategies)) == "ABCDEFGHIJKLMNOPQRSTU"
    assert [strategies[k].innsatsomrade.nummer for k in "AFKORT"] == [1, 2, 3, 4, 5, 6]
    assert strategies["B"].resultatmal_arbeidsplasser == 3
    assert strategies["R"].resultatmal_arbeidsplasser is None
    # Area 4's stored strategies add up to what they add up to, not to the document's 500 000.
    area4 = plan.strategier.filter(innsatsomrade__nummer=4).aggregate(s=Sum("budsjett"))["s"]
    assert area4 == 600_000

    b = strategies["B"].delmal.get()
    assert (b.type, b.antall, b.milepael) == ("bedriftsutvikling", 3, "gjennomfort")
    d = list(strategies["D"].delmal.values_list("type", "antall", "milepael"))
    assert d == [("kompetansekartlegging", 1, "gjennomfort"), ("kompetanseheving", 1, "igangsatt")]
    assert hp.Delmal.objects.filter(strategi__handlingsplan=plan).count() == 24


def test_job_targets_hours_and_financing():
    run()
    targets = hp.Arbeidsplassmal.objects.all()
    assert targets.aggregate(s=Sum("antall"))["s"] == 210
    per_year = {y: targets.filter(ar=y).aggregate(s=Sum("antall"))["s"] for y in range(2021, 2027)}
    assert per_year == {2021: 12, 2022: 25, 2023: 33, 2024: 44, 2025: 47, 2026: 49}
    per_area = {
        n: targets.filter(innsatsomrade__nummer=n).aggregate(s=Sum("antall"))["s"]
        for n in (1, 2, 3, 4)
    }
    assert per_area == {1: 90, 2: 70, 3: 20, 4: 30}
    assert not targets.filter(innsatsomrade__nummer__in=[5, 6]).exists()

    hours = {
        t.innsatsomrade.nummer: t
        for t in hp.ProgramlederTimer.objects.select_related("innsatsomrade", "handlingsplan")
    }
    assert {n: t.timer for n, t in hours.items()} == {
        1: Decimal("250"), 2: Decimal("250"), 3: Decimal("100"),
        4: Decimal("75"), 5: Decimal("62.5"), 6: Decimal("62.5"),
    }  # fmt: skip
    assert sum(t.timer for t in hours.values()) == 800
    assert [hours[n].kostnad for n in range(1, 7)] == [
        125_000,
        125_000,
        50_000,
        37_500,
        31_250,
        31_250,
    ]
    assert sum(t.kostnad for t in hours.values()) == 400_000

    financing = {f.kilde.navn: f.belop for f in hp.Finansiering.objects.select_related("kilde")}
    assert financing == {"Innlandet fylkeskommune": 1_900_000, "Sel kommune": 1_900_000}
    assert sum(financing.values()) == 3_800_000
    assert hp.Indikator.objects.count() == 6


def test_one_pot_per_strategy_filled_through_the_ledger():
    run()
    pots = hp.Pot.objects.select_related("strategi")
    assert pots.count() == 21
    for pot in pots:
        assert pot.tildelt == pot.tilgjengelig == BUDGETS[pot.strategi.bokstav]
        assert (pot.forpliktet, pot.utbetalt) == (0, 0)
        entries = list(pot.posteringer.values_list("type", "belop", "begrunnelse"))
        assert entries == [("allokering", BUDGETS[pot.strategi.bokstav], "Handlingsplan 2021")]
    assert ledger_verify() == []


def test_prints_exactly_the_documents_real_disagreements_and_a_summary():
    output = run()
    assert disagreements(output) == EXPECTED_DISAGREEMENTS
    assert "Innsatsområder:   6 (4 med mål for arbeidsplasser)" in output
    assert "Strategier:       21 (A–U)" in output
    assert "Potter:           21, tildelt i alt 3 100 000 kr" in output
    assert "Arbeidsplassmål:  210 i perioden (hovedmål 180 nye + 30 sikrede)" in output
    assert "Programleder:     800 t à 500 kr = 400 000 kr" in output
    assert "Finansiering:     3 800 000 kr" in output
    assert "Avvik:            15" in output


def test_a_consistent_plan_prints_no_disagreement(tmp_path):
    data = real_data()
    area4, area6 = data["innsatsomrader"][3], data["innsatsomrader"][5]
    area4["oppgitt"]["strategier_budsjett_sum"] = 600_000
    area4["oppgitt"]["budsjett_tabell"].update(ramme=600_000, sum_inkl_prosjektarbeid=637_500)
    area6["oppgitt"]["budsjett_tabell"]["sum_inkl_prosjektarbeid"] = 331_250
    table = data["handlingsplan"]["oppgitt"]["budsjett_tabell"]
    table["sum_innsatsomrader"] = {"ramme": 3_100_000, "sum_inkl_prosjektarbeid": 3_500_000}
    table["sum_totalt"] = 3_900_000
    data["handlingsplan"]["finansiering"][1]["belop"] = 2_000_000
    data["handlingsplan"]["finansiering"][0]["oppgitt"]["andel_prosent"] = 49
    data["handlingsplan"]["finansiering"][1]["oppgitt"]["andel_prosent"] = 51
    data["handlingsplan"]["oppgitt"]["finansiering_sum"] = 3_900_000
    data["handlingsplan"]["oppgitt"]["administrasjon_andel_av_ramme_prosent"] = 8
    for area in data["innsatsomrader"]:
        area["oppgitt"].pop("delmal_kapittel_2_2")
    output = run(write(tmp_path, data))
    assert disagreements(output) == []
    assert "Alle oppgitte summer stemmer." in output


def test_a_wrong_job_table_sum_is_printed(tmp_path):
    data = real_data()
    data["innsatsomrader"][1]["arbeidsplassmal"][2024] = 16
    result = handlingsplan_import(path=write(tmp_path, data))
    lines = [a.line() for a in result.avvik]
    job = "Arbeidsplassmål 2021–2026"
    assert lines == [
        f"{job}, Innsatsområde 2 Industri, sum: oppgitt 70 arbeidsplasser, "
        "beregnet 71 arbeidsplasser",
        "Innsatsområde 2 Industri, målsetting for hele perioden: oppgitt 70 arbeidsplasser, "
        "beregnet 71 arbeidsplasser",
        f"{job}, sum 2024: oppgitt 44 arbeidsplasser, beregnet 45 arbeidsplasser",
        f"{job}, sum i alt: oppgitt 210 arbeidsplasser, beregnet 211 arbeidsplasser",
        f"{job}, sum i alt mot hovedmålet: oppgitt 210 arbeidsplasser, beregnet 211 arbeidsplasser",
        *EXPECTED_DISAGREEMENTS,
    ]
    # What is stored is computed: the targets as given, not the stated 210.
    assert hp.Arbeidsplassmal.objects.aggregate(s=Sum("antall"))["s"] == 211


# -- Idempotency and changes -----------------------------------------------------------------


def test_second_run_with_the_same_file_changes_nothing():
    run()
    counts, rows = row_counts(), snapshot()
    output = run()
    assert row_counts() == counts
    assert snapshot() == rows
    assert counts["Postering"] == 21 and counts["Pot"] == 21
    assert "Ingen endringer: databasen stemmer allerede med fila." in output
    assert disagreements(output) == EXPECTED_DISAGREEMENTS


def test_a_changed_text_is_updated_without_touching_the_ledger(tmp_path):
    run()
    data = real_data()
    data["innsatsomrader"][0]["strategier"][0]["navn"] = (
        "Proaktivt arbeid i eksisterende næringsliv"
    )
    output = run(write(tmp_path, data))
    assert "1 strategier endret" in output
    assert hp.Strategi.objects.get(bokstav="A").navn == "Proaktivt arbeid i eksisterende næringsliv"
    assert hp.Postering.objects.count() == 21
    assert ledger_verify() == []


def test_a_changed_budget_after_import_is_refused_and_nothing_is_stored(tmp_path):
    run()
    plan = hp.Handlingsplan.objects.get()
    handlingsplan_advance(
        plan=plan,
        to="godkjent",
        date=date(2021, 2, 10),
        reference="Sak 3/21",
        resolusjon="Strategienes budsjetter gjelder.",
    )
    pot_commit(pot=hp.Pot.objects.get(strategi__bokstav="B"), amount=50_000, reference="T-1")
    counts, rows = row_counts(), snapshot()
    data = real_data()
    data["innsatsomrader"][0]["navn"] = "Eksisterende næringsliv (endret)"  # written before O
    data["innsatsomrader"][3]["strategier"][0]["budsjett"] = 250_000
    with pytest.raises(CommandError) as error:
        run(write(tmp_path, data))
    message = str(error.value)
    assert "Ingenting er lagret." in message
    assert "innsatsomrader[3].strategier[0].budsjett" in message
    assert "Strategi O" in message and "200 000 kr" in message and "250 000 kr" in message
    assert "omfordeling" in message
    assert row_counts() == counts
    assert snapshot() == rows
    assert hp.Innsatsomrade.objects.get(nummer=1).navn == "Eksisterende næringsliv"
    assert ledger_verify() == []


def test_a_strategy_missing_from_the_file_is_refused(tmp_path):
    run()
    data = real_data()
    data["innsatsomrader"][5]["strategier"].pop()
    with pytest.raises(CommandError, match="Strategiene U finnes i handlingsplanen for 2021"):
        run(write(tmp_path, data))
    assert hp.Strategi.objects.count() == 21


def test_status_history_in_the_file_moves_the_plan_forward_once(tmp_path, time_machine):
    time_machine.move_to("2021-06-01 12:00 +02:00")
    data = real_data()
    data["handlingsplan"]["status"] = "vedtatt"
    data["handlingsplan"]["statusendringer"] = [
        {
            "til": "godkjent",
            "dato": date(2021, 2, 10),
            "referanse": "Styringsgruppen sak 3/21",
            "resolusjon": "Strategienes budsjetter gjelder; avvikene i summene rettes i 2022.",
        },
        {"til": "vedtatt", "dato": date(2021, 3, 1), "referanse": "Kommunestyret sak 12/21"},
    ]
    path = write(tmp_path, data)
    run(path)
    plan = hp.Handlingsplan.objects.get()
    assert plan.status == "vedtatt"
    assert (
        str(plan.godkjent_dato) == "2021-02-10"
        and plan.godkjent_referanse == "Styringsgruppen sak 3/21"
    )
    assert (
        str(plan.vedtatt_dato) == "2021-03-01"
        and plan.vedtatt_referanse == "Kommunestyret sak 12/21"
    )
    assert plan.statusendringer.count() == 2
    assert "Ingen endringer" in run(path)


# -- Wrong files: a clear error with the position, and nothing stored ------------------------


def _drop_budget(d):
    del d["innsatsomrader"][3]["strategier"][1]["budsjett"]


def _set(path, value):
    def mutate(d):
        target = d
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


P_BUDGET = ("innsatsomrader", 3, "strategier", 1, "budsjett")


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (_drop_budget, "innsatsomrader[3].strategier[1] (linje "),
        (_set(P_BUDGET, "mye"), "innsatsomrader[3].strategier[1].budsjett (linje "),
        (_set(P_BUDGET, -300_000), "innsatsomrader[3].strategier[1].budsjett (linje "),
        (_set(P_BUDGET, 12.5), "innsatsomrader[3].strategier[1].budsjett (linje "),
        (
            _set(("innsatsomrader", 3, "strategier", 1, "bokstav"), "O"),
            "innsatsomrader[3].strategier[1].bokstav (linje ",
        ),
        (
            _set(("innsatsomrader", 0, "strategier", 1, "delmal", 0, "type"), "ukjent"),
            "innsatsomrader[0].strategier[1].delmal[0].type (linje ",
        ),
        (
            _set(("innsatsomrader", 2, "strategier", 0, "delmal", 1, "milepael"), "snart"),
            "innsatsomrader[2].strategier[0].delmal[1].milepael (linje ",
        ),
        (_set(("innsatsomrader", 1, "budsjet"), 1), "innsatsomrader[1].budsjet (linje "),
        (_set(("innsatsomrader", 5, "nummer"), 2), "innsatsomrader[5].nummer (linje "),
        (
            _set(("innsatsomrader", 4, "strategier", 0, "resultatmal_arbeidsplasser"), 1),
            "innsatsomrader[4].strategier[0].resultatmal_arbeidsplasser (linje ",
        ),
        (
            _set(("handlingsplan", "finansiering", 0, "belop"), -1),
            "handlingsplan.finansiering[0].belop",
        ),
        (_set(("program", "arlig_ramme"), True), "program.arlig_ramme (linje "),
        (
            _set(("innsatsomrader", 0, "programleder_timer"), 62.55),
            "innsatsomrader[0].programleder_timer",
        ),
        (
            _set(("innsatsomrader", 0, "arbeidsplassmal", 2030), 3),
            "innsatsomrader[0].arbeidsplassmal.2030",
        ),
        (_set(("handlingsplan", "status"), "godkjent"), "handlingsplan.status (linje "),
        (_set(("innsatsomrader",), []), "innsatsomrader (linje "),
    ],
)
def test_wrong_file_names_the_position_and_stores_nothing(tmp_path, mutate, expected):
    data = real_data()
    mutate(data)
    with pytest.raises(CommandError) as error:
        run(write(tmp_path, data))
    assert expected in str(error.value)
    assert str(error.value).startswith("Ingenting er lagret.")
    assert set(row_counts().values()) == {0}


def test_yaml_syntax_error_names_line_and_column(tmp_path):
    text = DEFAULT_PLAN_FILE.read_text(encoding="utf-8").replace(
        "  kommune: Sel\n", "  kommune: [Sel\n", 1
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match=r"ikke gyldig YAML \(linje \d+, kolonne \d+\)"):
        run(path)
    assert set(row_counts().values()) == {0}


def test_duplicate_key_names_both_lines(tmp_path):
    text = DEFAULT_PLAN_FILE.read_text(encoding="utf-8").replace(
        "  timekostnad: 500\n", "  timekostnad: 500\n  timekostnad: 600\n", 1
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match=r"handlingsplan.timekostnad \(linje \d+\): .*to ganger"):
        run(path)
    assert set(row_counts().values()) == {0}


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="finnes ikke"):
        run(tmp_path / "mangler.yaml")


def test_a_refusal_after_some_rows_were_written_rolls_all_back(tmp_path):
    """The changed-budget refusal comes after the program and areas are written: all undone."""
    run()
    data = real_data()
    data["program"]["navn"] = "Nytt navn"
    data["innsatsomrader"][5]["strategier"][1]["budsjett"] = 1
    with pytest.raises(CommandError):
        run(write(tmp_path, data))
    assert hp.Program.objects.get().navn == "Omstillingsprogrammet i Sel 2021–2026"


def test_swapping_area_names_against_the_database_is_a_clear_error(tmp_path):
    run()
    data = real_data()
    first, second = data["innsatsomrader"][0], data["innsatsomrader"][1]
    first["navn"], second["navn"] = second["navn"], first["navn"]
    with pytest.raises(CommandError, match="strider mot data som allerede er lagret"):
        run(write(tmp_path, data))
    assert hp.Innsatsomrade.objects.get(nummer=1).navn == "Eksisterende næringsliv"


@pytest.mark.parametrize("value", [5, "mange", [1, 2]])
def test_a_job_table_that_is_not_a_table_is_named(tmp_path, value):
    data = real_data()
    data["innsatsomrader"][2]["arbeidsplassmal"] = value
    with pytest.raises(CommandError, match=r"innsatsomrader\[2\]\.arbeidsplassmal \(linje \d+\)"):
        run(write(tmp_path, data))
    assert set(row_counts().values()) == {0}
