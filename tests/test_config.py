"""Settings: defaults, environment overrides, and every setting documented in README."""

from __future__ import annotations

from safetymap.config import ROOT, SETTINGS, get_settings


def test_defaults_point_at_the_shipped_files() -> None:
    settings = get_settings({})
    assert settings.measures_path == ROOT / "measures.csv"
    assert settings.places_path.is_file() and settings.context_path.is_file()


def test_environment_overrides(tmp_path) -> None:
    settings = get_settings({"SAFETYMAP_MEASURES": str(tmp_path / "x.csv")})
    assert settings.measures_path == tmp_path / "x.csv"


def test_every_setting_is_documented_in_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"`{setting.env}`" in readme, setting.env
