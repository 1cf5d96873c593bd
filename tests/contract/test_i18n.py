"""UI text: both languages for every key, and Markdown shown literally."""

from __future__ import annotations

import string

import pytest

from safetymap.contract.i18n import TEXT, escape_markdown, format_number, t


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_text_has_both_languages_with_the_same_placeholders(key: str) -> None:
    sv, en = TEXT[key]
    fields = [{n for _, n, _, _ in string.Formatter().parse(x) if n} for x in (sv, en)]
    assert sv and en and fields[0] == fields[1]


@pytest.mark.parametrize(
    "text, escaped",
    [
        ("![x](http://evil/x.png)", "\\!\\[x\\]\\(http\\:\u2060//evil/x\\.png\\)"),
        ("www.evil.example", "www\u2060\\.evil\\.example"),
        ("kontakt@evil.example", "kontakt\u2060@evil\\.example"),
        ("A & B &lt;", "A \\& B \\&lt;"),
        ("<img src=x>", "\\<img src=x\\>"),
        ("**fet** _kursiv_", "\\*\\*fet\\*\\* \\_kursiv\\_"),
        ("Kista busstorg", "Kista busstorg"),
    ],
)
def test_escape_markdown(text: str, escaped: str) -> None:
    assert escape_markdown(text) == escaped


def test_t_fills_placeholders() -> None:
    assert t("data_file", "en", path="x.csv") == "Data file: x.csv"


@pytest.mark.parametrize(
    ("value", "lang", "text"),
    [
        (14261.0, "sv", "14\u00a0261"),
        (14261.0, "en", "14,261"),
        (20.5, "sv", "20,5"),
        (20.5, "en", "20.5"),
    ],
)
def test_numbers_are_written_as_each_language_writes_them(value, lang, text) -> None:
    assert format_number(value, lang) == text
