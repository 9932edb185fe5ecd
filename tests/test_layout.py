"""The layout holds: small product modules, and no code or document that points outside
the repository."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 400
OUTSIDE = "../" + "shared"  # spelled so that this file does not match itself
PRODUCT = ("config", "felles", "handlingsplan", "notifications", "soknader", "workflow", "plp")
PRODUCT += ("rapportering",)


def _tracked(*patterns: str) -> list[Path]:
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", *patterns],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [ROOT / line for line in out.splitlines() if (ROOT / line).exists()]


def _product_modules() -> list[Path]:
    return [
        path
        for path in _tracked("*.py")
        if path.relative_to(ROOT).parts[0] in PRODUCT
        and "migrations" not in path.relative_to(ROOT).parts
    ]


def test_the_product_has_modules_to_check():
    names = {p.relative_to(ROOT).as_posix() for p in _product_modules()}
    assert "workflow/services/vedtak.py" in names
    assert "soknader/models/soknad.py" in names


def test_no_product_module_is_over_400_lines():
    long = {
        path.relative_to(ROOT).as_posix(): n
        for path in _product_modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"split these modules (over {MAX_LINES} lines): {long}"


def test_nothing_points_outside_the_repository():
    outside = [
        path.relative_to(ROOT).as_posix()
        for path in _tracked("*.py", "*.html", "*.md", "*.txt", "*.toml")
        if OUTSIDE in path.read_text(encoding="utf-8", errors="ignore")
    ]
    assert outside == []
