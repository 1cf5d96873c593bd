"""Settings: defaults, environment overrides, and every setting documented in README."""

from __future__ import annotations

import tomllib

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


def _streamlit_config() -> dict:
    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_every_streamlit_option_is_documented_in_readme() -> None:
    config = _streamlit_config()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for section, options in config.items():
        for option in options:
            assert f"`{section}.{option}`" in readme, f"{section}.{option}"


def test_no_full_garbage_collection_after_every_run() -> None:
    # Streamlit's default walks every open session's objects after each script run; with
    # 50 viewers that was about 40 % of the server's time (bench/load.py, README).
    config = _streamlit_config()
    assert config["runner"]["postScriptGC"] is False


def test_source_files_are_not_watched() -> None:
    # The watcher re-reads every imported module's path after each run and handles file
    # events in threads of its own: the first map at 10 000 measures came 0.65 s later.
    config = _streamlit_config()
    assert config["server"]["fileWatcherType"] == "none"


def test_the_server_runs_on_the_c_http_parser_and_event_loop() -> None:
    # uvicorn and Streamlit pick them up only when installed (requirements.txt): each file a
    # new visitor's browser fetches costs the server about a third less with them.
    from streamlit.web.bootstrap import _get_uvloop_loop_factory
    from uvicorn.protocols.http.auto import AutoHTTPProtocol
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    assert AutoHTTPProtocol is HttpToolsProtocol
    assert _get_uvloop_loop_factory() is not None
