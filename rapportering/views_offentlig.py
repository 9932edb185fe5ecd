"""The public pages (no login): the program, each published action plan, the decided grants
and goals against results, and the same as open data (JSON and CSV). Each view reads one
selector and renders."""

import csv
import io
import json

from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from rapportering.forms_offentlig import TilskuddSok
from rapportering.selectors import mal
from rapportering.selectors.felles import gjeldende_program
from rapportering.selectors.offentlig import (
    FELTER,
    filtervalg,
    tilskudd_alle,
    tilskudd_utvalg,
)
from rapportering.selectors.offentlig_plan import maloppnaelse_data, program_side, publisert_plan

PER_SIDE = 50


def _program():
    program = gjeldende_program()
    if program is None:
        raise Http404
    return program


@require_safe
def program(request):
    side = program_side(_program())
    return render(request, "rapportering/offentlig/program.html", {"side": side, "her": "program"})


@require_safe
def plan(request, ar: int):
    data = publisert_plan(_program(), ar)
    if data is None:
        raise Http404
    return render(request, "rapportering/offentlig/plan.html", {"data": data, "her": "program"})


@require_safe
def tilskudd(request):
    program = _program()
    skjema = TilskuddSok(request.GET or None, valg=filtervalg(program))
    utvalg = skjema.utvalg()
    sider = Paginator(tilskudd_utvalg(program, utvalg).values(*FELTER), PER_SIDE)
    side = sider.get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "rapportering/offentlig/tilskudd.html",
        {
            "program": program,
            "skjema": skjema,
            "side": side,
            "query": query.urlencode(),
            "filtrert": utvalg != type(utvalg)(),
            "her": "tilskudd",
        },
    )


@require_safe
def maloppnaelse(request):
    program = _program()
    del_ = mal.bygg(program)
    return render(
        request,
        "rapportering/offentlig/maloppnaelse.html",
        {"program": program, "del_": del_, "her": "maloppnaelse"},
    )


def _json(data) -> HttpResponse:
    svar = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    svar["Access-Control-Allow-Origin"] = "*"
    return svar


@require_safe
def tilskudd_json(request):
    return _json(tilskudd_alle(_program()))


@require_safe
def tilskudd_csv(request):
    rader = tilskudd_alle(_program())
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FELTER, lineterminator="\r\n")
    writer.writeheader()
    for rad in rader:
        writer.writerow({**rad, "vedtaksdato": rad["vedtaksdato"].isoformat()})
    svar = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    svar["Content-Disposition"] = 'inline; filename="tilskudd.csv"'
    svar["Access-Control-Allow-Origin"] = "*"
    return svar


@require_safe
def maloppnaelse_json(request):
    return _json(maloppnaelse_data(_program()))
