"""The pieces of `generator.extract`: normalisation, dates, amounts, language, quotes, YAML."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

from generator.data.check import check
from generator.data.dataset import Dataset
from generator.extract import extract
from generator.extract.amounts import find_amounts
from generator.extract.dates import find_dates
from generator.extract.normalize import normalize, normalize_text, strip_article, word_forms
from generator.extract.reading import detect_language
from generator.extract.text import Document
from generator.extract.yamlout import Commented, Quoted, dump

ROOT = Path(__file__).resolve().parents[1]
TODAY = datetime.date(2025, 11, 25)  # a Tuesday


def data() -> Dataset:
    result = check(ROOT / "site_data")
    assert result.dataset is not None
    return result.dataset


# --- normalisation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أحمد إبراهيم آمال ٱلله", "احمد ابراهيم امال الله"),  # alef forms
        ("مصطفى", "مصطفي"),  # alef maqsura
        ("وزارة", "وزاره"),  # ta marbuta
        ("جدّدت مُحَمَّد", "جددت محمد"),  # diacritics
        ("لـ«إرنا» مـــحمد", "ل«ارنا» محمد"),  # tatweel
        ("٢٠٢٥ و۱۲", "2025 و12"),  # Arabic-Indic and Persian digits
        ("Ishaq DAR", "ishaq dar"),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_normalized_offsets_point_at_the_original() -> None:
    text = "قال مُحَمَّد"
    normalized = normalize_text(text)
    start = normalized.norm.index("محمد")
    begin, end = normalized.span(start, start + 4)
    assert text[begin:end] == "مُحَمَّد"


def test_article_and_clitics() -> None:
    assert strip_article("الباكستاني") == "باكستاني"
    assert strip_article("الي") == "الي"  # too short to be the article
    assert word_forms("وبالرئيس")["رئيس"] == 4
    assert word_forms("للرئيس")["رئيس"] == 2
    assert word_forms("لإسلام".replace("إ", "ا"))["اسلام"] == 1
    assert word_forms("visit") == {"visit": 0}


def test_arabic_names_match_across_spellings() -> None:
    text = "وقال إسحَاق دار إن الرئيس الإيرانى مسعود بزشكيـان وصل، وأكد لاريجانيّ ذلك."
    result = extract(text, dataset=data(), lang="ar", article_date=TODAY)
    found = {person.ref.id: [m.text for m in person.mentions] for person in result.people}
    assert found == {
        "mohammad-ishaq-dar": ["إسحَاق دار"],
        "masoud-pezeshkian": ["مسعود بزشكيـان"],
        "ali-larijani": ["لاريجانيّ"],
    }


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("on 25 November 2025 in", "2025-11-25", "day"),
        ("November 25, 2025", "2025-11-25", "day"),
        ("يوم 25 نوفمبر 2025", "2025-11-25", "day"),
        ("في ٣ آب ٢٠٢٤", "2024-08-03", "day"),
        ("في أغسطس (آب) 2025", "2025-08", "month"),
        ("في آب الماضي", "2025-08", "month"),
        ("في تشرين الأول 2025", "2025-10", "month"),
        ("في أكتوبر (تشرين الأول) الماضي", "2025-10", "month"),
        ("في نوفمبر الماضي", "2024-11", "month"),  # "last November" in November
        ("في يناير المقبل", "2026-01", "month"),
        ("in August", "2025-08", "month"),
        ("in December", "2025-12", "month"),  # nearest: next month, not last year's
        ("last month", "2025-10", "month"),
        ("الشهر الماضي", "2025-10", "month"),
        ("العام الماضي", "2024", "year"),
        ("in 2019", "2019", "year"),
        ("الثلاثاء", "2025-11-25", "day"),  # the article's own weekday
        ("يوم الأحد", "2025-11-23", "day"),
        ("on Friday", "2025-11-21", "day"),
        ("next Friday", "2025-11-28", "day"),
        ("He will travel on Friday", "2025-11-28", "day"),  # the clause speaks of the future
        ("أمس الاثنين", "2025-11-24", "day"),
        ("today", "2025-11-25", "day"),
    ],
)
def test_dates(text: str, value: str, precision: str) -> None:
    dates = find_dates(Document(text), TODAY)
    assert [(str(d.value), d.precision) for d in dates] == [(value, precision)]


@pytest.mark.parametrize(
    "text",
    [
        "Both sides may agree to march on.",  # "may", "march": not months uncapitalised
        "قال إن أب الشهيد حضر",  # أب (father) is not آب (August)
        "الحرب التي استمرت 12 يوماً",
        "مارس الضغط على الحكومة",  # مارس: a verb here
        "وصل وفد من 30 شخصا",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(Document(text), TODAY) == []


def test_no_article_date_no_invented_day() -> None:
    dates = find_dates(Document("زار طهران الشهر الماضي والثلاثاء في 3 مايو 2024"), None)
    assert [(d.evidence.text, d.value) for d in dates] == [
        ("الشهر الماضي", None),
        ("الثلاثاء", None),
        ("3 مايو 2024", dates[2].value),
    ]
    assert str(dates[2].value) == "2024-05-03"


# --- amounts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("raising trade to $10 billion", ("target", 10e9, "USD", None, False)),
        ("رفع التجارة إلى 10 مليارات دولار", ("target", 10e9, "USD", None, False)),
        ("رفع التبادل إلى ملياري دولار", ("target", 2e9, "USD", None, False)),
        ("an investment of 2.5 billion euros", ("statement", 2.5e9, "EUR", None, False)),
        ("أكثر من 300 مليون روبية باكستانية", ("statement", 300e6, "PKR", None, False)),
        ("وقّعا ما لا يقل عن 12 مذكرة تفاهم", ("memorandum", None, None, 12, True)),
        ("وقّعا اثنتي عشرة مذكرة تفاهم", ("memorandum", None, None, 12, False)),
        ("signed twelve memoranda of understanding", ("memorandum", None, None, 12, False)),
        ("at least 5 trade agreements", ("agreement", None, None, 5, True)),
        ("سبع اتفاقيات", ("agreement", None, None, 7, False)),
    ],
)
def test_amounts(text: str, expected: tuple[object, ...]) -> None:
    amounts = find_amounts(Document(text))
    assert [(a.kind, a.value, a.currency, a.count, a.count_is_minimum) for a in amounts] == [
        expected
    ]


def test_not_amounts() -> None:
    assert find_amounts(Document("الحرب التي استمرت 12 يوماً خلال 5 سنوات")) == []


# --- language ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وصل الوزير إلى إسلام آباد في زيارة رسمية تستمر يومين.", "ar"),
        ("The minister arrived in Islamabad on Tuesday for talks with his counterpart.", "en"),
        ("El ministro llegó a Islamabad el martes para una visita de dos días con su homólogo.",
         None),
        ("Der Minister ist am Dienstag zu einem zweitägigen Besuch in Islamabad eingetroffen.",
         None),
        ("وزیر امور خارجه روز سه‌شنبه وارد اسلام‌آباد شد و این سفر دو روزه است.", None),
    ],
)  # fmt: skip
def test_detect_language(text: str, expected: str | None) -> None:
    assert detect_language(text)[0] == expected


# --- quotes -----------------------------------------------------------------------------------


def test_names_in_guillemets_are_not_quotes() -> None:
    text = "وقال لاريجاني لوكالة «إرنا» ولـ«إيسنا» في منشور على منصة «إكس» إن «التعاون مهم»."
    result = extract(text, dataset=data(), lang="ar", article_date=TODAY)
    assert [(q.speaker.id if q.speaker else None, q.evidence.text) for q in result.quotes] == [
        ("ali-larijani", "التعاون مهم")
    ]


def test_english_quote_after_its_speaker_verb() -> None:
    text = '"We are ready," Larijani told reporters. He added: "Trade will grow."'
    result = extract(text, dataset=data(), lang="en", article_date=TODAY)
    assert [(q.speaker.id if q.speaker else None, q.evidence.text) for q in result.quotes] == [
        ("ali-larijani", "We are ready,"),
        ("ali-larijani", "Trade will grow."),
    ]


# --- YAML -------------------------------------------------------------------------------------


def test_yaml_with_comments_round_trips() -> None:
    document = {
        "id": Commented("x-1", ["REVIEW: an id"], "note"),
        "start_date": Quoted("2025-10"),
        "name": {"ar": "محمد: «نعم»", "en": None},
        "items": [Commented({"a": Commented(1, ["first key"]), "b": [True]}, ["an item"])],
        "empty": [],
        "yes": "yes",
    }
    text = dump(document, ["header"])
    assert text.startswith("# header\n# REVIEW: an id\nid: x-1  # note\n")
    assert 'start_date: "2025-10"' in text
    assert yaml.safe_load(text) == {
        "id": "x-1",
        "start_date": "2025-10",
        "name": {"ar": "محمد: «نعم»", "en": None},
        "items": [{"a": 1, "b": [True]}],
        "empty": [],
        "yes": "yes",
    }
