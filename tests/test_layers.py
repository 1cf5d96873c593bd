"""The package's import rule: imports run down the pipeline, the faces (``ui``, ``cli``,
``api``) import none of each other, and only ``ui`` imports Streamlit.

The rule is pyproject's ``[tool.importlinter]``, checked by import-linter in a real process, on
the tree as it is and on a copy with one forbidden import added, which it must refuse.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(command), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "safetymap", tmp_path / "safetymap", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_tree_keeps_the_import_rule() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Imports run down the pipeline" in result.stdout
    assert "Only ui imports Streamlit" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken", "chain"),
    [
        (
            "intake/reading.py",
            "from safetymap.present import mapping",
            "Imports run down the pipeline",
            "safetymap.intake.reading -> safetymap.present.mapping",
        ),
        (
            "contract/schema.py",
            "from safetymap.versions import store",
            "Imports run down the pipeline",
            "safetymap.contract.schema -> safetymap.versions.store",
        ),
        (
            "cli/commands.py",
            "from safetymap.ui import cache",
            "Imports run down the pipeline",
            "safetymap.cli.commands -> safetymap.ui.cache",
        ),
        (
            "selection/filters.py",
            "import streamlit",
            "Only ui imports Streamlit",
            "safetymap.selection.filters -> streamlit",
        ),
        # The API is a face beside ui and cli: neither imports the other, nor Streamlit.
        (
            "api/server.py",
            "import streamlit",
            "Only ui imports Streamlit",
            "safetymap.api.server -> streamlit",
        ),
        (
            "api/rows.py",
            "from safetymap.ui import cache",
            "Imports run down the pipeline",
            "safetymap.api.rows -> safetymap.ui.cache",
        ),
        (
            "ui/chrome.py",
            "from safetymap.api import documents",
            "Imports run down the pipeline",
            "safetymap.ui.chrome -> safetymap.api.documents",
        ),
    ],
)
def test_a_forbidden_import_is_refused(
    tmp_path: Path, module: str, line: str, broken: str, chain: str
) -> None:
    tree = _copy(tmp_path)
    path = tree / "safetymap" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    result = _lint(tree)
    assert result.returncode == 1, result.stdout + result.stderr
    verdicts = [line for line in result.stdout.splitlines() if line.startswith(broken)]
    assert verdicts and verdicts[0].endswith("BROKEN"), result.stdout
    assert chain in result.stdout
