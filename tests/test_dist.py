"""The standalone executable: PyInstaller builds it from build.spec and it plays a route headless."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NAME = "dead-mans-click"


def test_selftest_runs_from_the_source_tree():
    done = subprocess.run([sys.executable, "-m", "vn.launcher", "--selftest"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "selftest ok: reached" in done.stdout


@pytest.mark.slow
def test_built_executable_contains_the_game_and_passes_its_selftest(tmp_path):
    pyinstaller = Path(sys.executable).parent / "pyinstaller"
    build = subprocess.run([str(pyinstaller), "--noconfirm", "--log-level", "WARN",
                            "--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "build"),
                            str(ROOT / "build.spec")], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert build.returncode == 0, build.stderr[-3000:]
    bundle = tmp_path / "dist" / NAME
    exe = bundle / NAME
    assert exe.is_file()
    assert (bundle / "_internal" / "scripts" / "game.yaml").is_file()
    assert (bundle / "_internal" / "assets" / "theme.json").is_file()

    env = {k: v for k, v in os.environ.items() if k != "VN_DATA_DIR"}
    env["HOME"] = str(tmp_path / "home")        # the user data folder, kept out of the real home
    env.pop("XDG_DATA_HOME", None)
    selftest = subprocess.run([str(exe), "--selftest"], capture_output=True, text=True, timeout=300, env=env)
    assert selftest.returncode == 0, selftest.stdout + selftest.stderr
    assert "selftest ok: reached" in selftest.stdout

    # the bundled commands work on the bundled scripts, and saves live outside the bundle
    check = subprocess.run([str(exe), "check"], capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    saves = subprocess.run([str(exe), "run", "--text", "--choices", "1,1", "--save", "2"],
                           capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)
    assert saves.returncode == 0, saves.stdout + saves.stderr
    listing = subprocess.run([str(exe), "saves", "--json"], capture_output=True, text=True, timeout=120,
                             env=env, cwd=tmp_path)
    folder = Path(json.loads(listing.stdout)["folder"])
    assert folder.is_relative_to(tmp_path / "home") and not folder.is_relative_to(bundle)
    assert (folder / "2.json").is_file()
