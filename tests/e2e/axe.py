"""axe-core in the browser: `assert_accessible(page)` fails listing every violation.

The axe-core script is the one bundled with axe-playwright-python; no network.
"""

from functools import cache
from pathlib import Path

import axe_playwright_python

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@cache
def _axe_source() -> str:
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def axe_violations(page, *, include=None, exclude=None, disable_rules=(), tags=WCAG_TAGS):
    """Run axe-core on the page as it is now and return its violations (a list of dicts)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    context = {}
    if include:
        context["include"] = [[selector] for selector in include]
    if exclude:
        context["exclude"] = [[selector] for selector in exclude]
    options = {
        "runOnly": {"type": "tag", "values": list(tags)},
        "rules": {rule: {"enabled": False} for rule in disable_rules},
        "resultTypes": ["violations"],
    }
    results = page.evaluate(
        "([context, options]) => axe.run(Object.keys(context).length ? context : document, "
        "options)",
        [context, options],
    )
    return results["violations"]


def format_violations(violations) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact') or 'n/a'}): {v['help']}  <{v['helpUrl']}>")
        for node in v["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    at {target}: {summary}")
    return "\n".join(lines)


def assert_accessible(page, *, include=None, exclude=None, disable_rules=(), tags=WCAG_TAGS):
    """Fail with one line per violation (rule id, impact, help) and each failing node."""
    violations = axe_violations(
        page, include=include, exclude=exclude, disable_rules=disable_rules, tags=tags
    )
    if violations:
        raise AssertionError(
            f"axe-core found {len(violations)} accessibility violation(s) on {page.url}:\n"
            + format_violations(violations)
        )
