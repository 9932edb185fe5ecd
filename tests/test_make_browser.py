"""`make test` sets up Chromium on a bare machine: the Makefile's `browser` step, run for real
with a fake `id` and `apt-get` in front of PATH and a Chromium path in a temporary folder."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _fake(bin_dir: Path, name: str, script: str) -> Path:
    path = bin_dir / name
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)
    return path


def _browser_step(tmp_path, *, uid: int, apt_get: str):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake(bin_dir, "id", f"echo {uid}\n")
    chromium = tmp_path / "usr-bin" / "chromium"
    log = tmp_path / "apt.log"
    fake_apt = _fake(
        bin_dir,
        "apt-get",
        f'echo "$@" >> {log}\n'
        f'if [ "$1" = install ]; then mkdir -p {chromium.parent}; '
        f'printf "#!/bin/sh\\n" > {chromium}; chmod +x {chromium}; fi\n',
    )
    env = {"PATH": f"{bin_dir}:{os.environ.get('PATH', '/usr/bin:/bin')}", "HOME": str(tmp_path)}
    result = subprocess.run(
        [
            "make",
            "-s",
            "--no-print-directory",
            "-C",
            str(REPO),
            "browser",
            f"CHROMIUM={chromium}",
            f"APT_GET={fake_apt if apt_get == 'fake' else apt_get}",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return result, chromium, log


def test_as_root_with_apt_it_installs_debians_chromium(tmp_path):
    result, chromium, log = _browser_step(tmp_path, uid=0, apt_get="fake")

    assert result.returncode == 0, result.stderr
    assert os.access(chromium, os.X_OK)
    assert log.read_text().splitlines() == ["update", "install -y chromium"]


def test_without_root_it_stops_and_names_the_command(tmp_path):
    result, chromium, log = _browser_step(tmp_path, uid=1000, apt_get="fake")

    assert result.returncode != 0
    assert "Install it with: sudo apt-get install chromium" in result.stderr
    assert not chromium.exists()
    assert not log.exists()


def test_without_apt_get_it_stops_and_names_the_command(tmp_path):
    result, chromium, _ = _browser_step(tmp_path, uid=0, apt_get="no-such-apt-get")

    assert result.returncode != 0
    assert "apt-get install chromium" in result.stderr


def test_with_chromium_present_it_does_nothing(tmp_path):
    chromium = tmp_path / "usr-bin" / "chromium"
    chromium.parent.mkdir()
    chromium.write_text("#!/bin/sh\n")
    chromium.chmod(0o755)
    result = subprocess.run(
        ["make", "-s", "-C", str(REPO), "browser", f"CHROMIUM={chromium}", "APT_GET=false"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0
    assert result.stdout == ""


def test_ci_leaves_chromium_to_make_test():
    ci = (REPO / ".ci" / "run").read_text()

    assert "apt-get" not in ci
    assert "make test" in ci
