"""Reading YAML with positions, and checking single values with errors that name where they are.

Positions look like `innsatsomrader[3].strategier[1].budsjett` (list indexes count from 0);
each error also gives the line in the file.
"""

import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from django.utils.translation import gettext as _

from felles.errors import DomainError

# Far above any real plan, far below what the database columns hold.
MAX_NUMBER = 10**12


class PlanfilFeil(DomainError):
    """The plan file is wrong. `position` names where, e.g. `innsatsomrader[3].strategier[1]`."""

    def __init__(self, message, *, position: str = "", line: int | None = None):
        where = position
        if line is not None:
            where = _("%(where)s (linje %(line)s)") % {"where": where or _("fila"), "line": line}
        text = f"{where}: {message}" if where else str(message)
        super().__init__(text, field=position or None, code="planfil")
        self.position = position
        self.line = line


# -- YAML with positions -------------------------------------------------------------------


def join(path: str, key) -> str:
    return f"{path}.{key}" if path else str(key)


def _lines_of(node, path: str, lines: dict[str, int]) -> None:
    """Map every position to its line (1-based), refusing duplicate keys on the way."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = join(path, key)
            if key in seen:
                raise PlanfilFeil(
                    _("Nøkkelen «%(key)s» står to ganger (første gang på linje %(first)s).")
                    % {"key": key, "first": seen[key]},
                    position=child,
                    line=key_node.start_mark.line + 1,
                )
            seen[key] = key_node.start_mark.line + 1
            _lines_of(value_node, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines_of(item, f"{path}[{index}]", lines)


def read_yaml(path: str | Path) -> tuple[object, dict[str, int]]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlanfilFeil(_("Fila %(path)s finnes ikke.") % {"path": path}) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanfilFeil(
            _("Kan ikke lese %(path)s: %(error)s") % {"path": path, "error": exc}
        ) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (
            _("linje %(line)s, kolonne %(column)s")
            % {"line": mark.line + 1, "column": mark.column + 1}
            if mark
            else ""
        )
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        raise PlanfilFeil(
            _("Fila er ikke gyldig YAML (%(where)s): %(problem)s")
            % {"where": where, "problem": problem}
        ) from None
    except yaml.YAMLError as exc:
        raise PlanfilFeil(_("Fila er ikke gyldig YAML: %(error)s") % {"error": exc}) from None
    lines: dict[str, int] = {}
    if node is not None:
        _lines_of(node, "", lines)
    return data, lines


# -- Checking values -------------------------------------------------------------------------


class Reader:
    def __init__(self, lines: dict[str, int]):
        self.lines = lines

    def fail(self, position: str, message: str):
        line = self.lines.get(position)
        if line is None and "." in position:
            line = self.lines.get(position.rsplit(".", 1)[0])
        raise PlanfilFeil(message, position=position, line=line)

    def mapping(self, value, position: str, *, required=(), optional=(), any_keys=False) -> dict:
        if not isinstance(value, dict):
            self.fail(position, _("Her skal det stå en tabell med nøkler (mapping)."))
        keys = {str(k) for k in value}
        if any_keys:
            return value
        for key in required:
            if key not in keys:
                self.fail(position, _("Nøkkelen «%(key)s» mangler.") % {"key": key})
        allowed = set(required) | set(optional)
        for key in sorted(keys - allowed):
            self.fail(join(position, key), _("Ukjent nøkkel «%(key)s».") % {"key": key})
        return value

    def sequence(self, value, position: str) -> list:
        if not isinstance(value, list):
            self.fail(position, _("Her skal det stå en liste."))
        return value

    def integer(self, value, position: str, *, minimum: int = 0) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(
                position, _("Her skal det stå et helt tall, ikke «%(value)s».") % {"value": value}
            )
        if value > MAX_NUMBER:
            self.fail(position, _("Tallet er urimelig stort (står %(value)s).") % {"value": value})
        if value < minimum:
            message = (
                _("Tallet kan ikke være negativt (står %(value)s).")
                if minimum == 0
                else _("Tallet må være minst %(minimum)s (står %(value)s).")
            )
            self.fail(position, message % {"value": value, "minimum": minimum})
        return value

    def hours(self, value, position: str) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(
                position,
                _("Her skal det stå et antall timer, ikke «%(value)s».") % {"value": value},
            )
        try:
            hours = Decimal(str(value))
        except InvalidOperation:
            self.fail(position, _("Ugyldig antall timer."))
        if not hours.is_finite() or hours > MAX_NUMBER:
            self.fail(position, _("Ugyldig antall timer."))
        if hours < 0 or hours != hours.quantize(Decimal("0.1")):
            self.fail(
                position,
                _("Timer må være et ikke-negativt tall med høyst én desimal (står %(value)s).")
                % {"value": value},
            )
        return hours.quantize(Decimal("0.1"))

    def text(self, value, position: str, *, blank=False, max_length: int | None = None) -> str:
        if value is None and blank:
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.fail(position, _("Her skal det stå en tekst."))
        value = " ".join(value.split())
        if not value and not blank:
            self.fail(position, _("Teksten kan ikke være tom."))
        if max_length and len(value) > max_length:
            self.fail(
                position,
                _("Teksten er for lang (%(length)s tegn, høyst %(max)s).")
                % {"length": len(value), "max": max_length},
            )
        return value

    def boolean(self, value, position: str) -> bool:
        if not isinstance(value, bool):
            self.fail(position, _("Her skal det stå true eller false."))
        return value

    def choice(self, value, position: str, choices) -> str:
        values = [c.value for c in choices]
        if value not in values:
            self.fail(
                position,
                _("Ugyldig verdi «%(value)s»; gyldige verdier er %(values)s.")
                % {"value": value, "values": ", ".join(values)},
            )
        return value

    def date(self, value, position: str) -> datetime.date:
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        self.fail(position, _("Her skal det stå en dato på formen 2021-03-15."))

    def stated(self, value, position: str, *, keys, nested=None, hours=()) -> dict:
        """An `oppgitt` section: known keys only, each a whole number (or hours)."""
        nested = nested or {}
        section = self.mapping(value, position, optional=[*keys, *nested, *hours])
        result = {}
        for key, item in section.items():
            child = join(position, key)
            if key in nested:
                result[key] = nested[key](item, child)
            elif key in hours:
                result[key] = self.hours(item, child)
            else:
                result[key] = self.integer(item, child)
        return result
