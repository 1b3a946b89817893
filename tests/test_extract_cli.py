"""`python -m generator extract`: drafts, the report, refusals and bad input."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.cli import main

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "site_data"
GOLD = Path(__file__).resolve().parent / "extract_gold" / "dev"
ARABIC = GOLD / "ar-1-fidan-islamabad.txt"
ENGLISH = GOLD / "en-2-ghalibaf-islamabad.txt"


def run(*args: str | Path) -> int:
    return main(["extract", *map(str, args)])


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_arabic_article_drafts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(ARABIC, "--date", "2025-06-17", "--out", tmp_path, "--data", DATA)
    out = capsys.readouterr().out
    assert code == 0, out
    folder = tmp_path / "ar-1-fidan-islamabad"
    assert sorted(tree(folder)) == [
        "mentions.yml",
        "outcomes.yml",
        "people/new-person-1.yml",
        "people/new-person-2.yml",
        "people/new-person-3.yml",
        "quotes.yml",
        "sources/ar-1-fidan-islamabad.yml",
        "visits/2025-05-new-person-2-turkiye.yml",
        "visits/2025-06-new-person-1-pakistan.yml",
    ]
    person = (folder / "people" / "new-person-1.yml").read_text(encoding="utf-8")
    assert "# REVIEW: the id is a placeholder" in person
    data = yaml.safe_load(person)
    assert data["name"] == {"ar": "هاكان فيدان", "en": None}
    assert data["country"] == "TR"
    assert data["memberships"][0]["role"]["ar"] == "وزير الخارجية التركي"
    visit = yaml.safe_load(
        (folder / "visits" / "2025-06-new-person-1-pakistan.yml").read_text(encoding="utf-8")
    )
    assert visit["visitors"] == ["new-person-1"]
    assert (visit["to_country"], visit["start_date"]) == ("PK", "2025-06-16")
    assert "Candidate new people (3)" in out
    assert "الاثنين' -> 2025-06-16 (day; weekday" in out


def test_every_span_comment_points_at_its_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(ENGLISH, "--date", "2025-10-14", "--out", tmp_path, "--data", DATA) == 0
    capsys.readouterr()
    text = ENGLISH.read_text(encoding="utf-8")
    comments = 0
    for path, content in tree(tmp_path).items():
        assert b"\r" not in content, path
        document = content.decode("utf-8")
        yaml.safe_load(document)  # every draft is YAML
        for match in re.finditer(r'# from chars (\d+)-(\d+): "(.*)"$', document, re.MULTILINE):
            start, end, sentence = int(match[1]), int(match[2]), match[3]
            assert text[start:end].strip() and " ".join(text[start:end].split()) in sentence
            comments += 1
    assert comments > 20


def test_deterministic_and_no_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = (ENGLISH, "--date", "2025-10-14", "--out", tmp_path, "--data", DATA)
    assert run(*args) == 0
    first = tree(tmp_path)
    (tmp_path / "en-2-ghalibaf-islamabad" / "quotes.yml").write_text("edited\n", encoding="utf-8")
    capsys.readouterr()
    assert run(*args) == 1
    assert "already holds a draft" in capsys.readouterr().err
    assert (tmp_path / "en-2-ghalibaf-islamabad" / "quotes.yml").read_text(
        encoding="utf-8"
    ) == "edited\n"
    assert run(*args, "--force") == 0
    assert tree(tmp_path) == first


def test_source_id_and_date_found_in_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "report.en.txt"
    article.write_text(
        "ISLAMABAD, 25 November 2025 — Ali Larijani arrived in Islamabad on Tuesday for talks "
        "with Foreign Minister Mohammad Ishaq Dar.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert run(article, "--out", out, "--data", DATA, "--source-id", "larijani-report") == 0
    report = capsys.readouterr().out
    assert "date: 2025-11-25 (found at chars 11-27)" in report
    source = (out / "larijani-report" / "sources" / "larijani-report.yml").read_text(
        encoding="utf-8"
    )
    assert 'published: "2025-11-25"  # REVIEW: the first full date of the text' in source
    assert yaml.safe_load(source)["language"] == "en"
    visit_file = out / "larijani-report" / "visits" / "2025-11-larijani-pakistan.yml"
    visit = yaml.safe_load(visit_file.read_text(encoding="utf-8"))
    assert visit["start_date"] == "2025-11-25"


def test_default_source_id_drops_the_language_suffix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "2025-11-25 Larijani.ar.txt"
    shutil.copy(ARABIC, article)
    assert run(article, "--date", "2025-06-17", "--out", tmp_path / "d", "--data", DATA) == 0
    assert (tmp_path / "d" / "2025-11-25-larijani" / "sources").is_dir()


def test_never_writes_into_the_data_folder(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree(data_copy)
    assert run(ARABIC, "--out", data_copy / "drafts", "--data", data_copy) == 1
    assert "refusing to write drafts into the data folder" in capsys.readouterr().err
    assert tree(data_copy) == before


def test_invalid_data_is_no_gazetteer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "people" / "ali-larijani.yml").write_text("id: [\n", encoding="utf-8")
    assert run(ARABIC, "--out", tmp_path / "out", "--data", data) == 1
    assert "cannot serve as the gazetteer" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


BAD_INPUT = {
    "empty": (b"", "the file is empty"),
    "blank": (b"  \n\n\t\n", "the file is empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a binary file (NUL byte"),
    "latin-1": (
        "Le ministre a déclaré à Téhéran".encode("latin-1"),
        "not UTF-8 text (byte 0xe9 at offset 15 is invalid)",
    ),
    "french": (
        "Le ministre iranien des Affaires étrangères est arrivé mardi à Islamabad pour une "
        "visite de deux jours, a indiqué le ministère dans un communiqué.".encode(),
        "neither Arabic nor English (Latin script but not English (looks like French))",
    ),
    "persian": (
        "وزیر امور خارجه ایران روز سه‌شنبه برای یک سفر دو روزه وارد اسلام‌آباد شد و با "
        "همتای پاکستانی خود دیدار کرد. این سفر در ادامه رایزنی‌های دو کشور است.".encode(),
        "neither Arabic nor English (Arabic script but Persian or Urdu text",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_exits_1_and_writes_nothing(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, message = BAD_INPUT[case]
    article = tmp_path / f"{case}.txt"
    article.write_bytes(content)
    out = tmp_path / "drafts"
    assert run(article, "--out", out, "--data", DATA) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: {article.as_posix()}: "), error
    assert message in error
    assert not out.exists()


def test_missing_file_and_bad_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path / "nope.txt", "--out", tmp_path / "o", "--data", DATA) == 1
    assert "nope.txt: no such file" in capsys.readouterr().err
    assert run(ARABIC, "--date", "2025-13-01", "--out", tmp_path / "o", "--data", DATA) == 2
    assert "'2025-13-01' is not a date; allowed: YYYY-MM-DD" in capsys.readouterr().err
    assert run(ARABIC, "--source-id", "Bad Id", "--out", tmp_path / "o", "--data", DATA) == 2
    assert run(ARABIC, "--lang", "fr", "--out", tmp_path / "o", "--data", DATA) == 2
    assert not (tmp_path / "o").exists()
