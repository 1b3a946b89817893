"""The site's address and repository: one section of mkdocs.yml (`extra.sijill_site`), the
deploy's environment overrides, a clear error for a missing or malformed value, and every
address of the per-language configs derived from them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.languages import language
from generator.mkdocs.address import SiteAddress, site_address
from generator.mkdocs.configs import language_config, site_urls
from generator.project import BuildError, Project
from tests.conftest import ROOT

SECTION = """\
site_name: Sijill
extra:
  sijill_site:
    url: {url}
    repository: {repository}
    branch: {branch}
"""


def project_with(tmp_path: Path, text: str) -> Project:
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    return Project.at(tmp_path)


def config_of(project: Project, lang: str, **options: object) -> dict[str, object]:
    text = language_config(project, language(lang), site_dir=project.site_dir, **options)  # type: ignore[arg-type]
    config: dict[str, object] = json.loads(text.split("\n", 1)[1])
    return config


def test_the_shipped_config_names_the_site_and_its_repository() -> None:
    address = site_address(Project.at(ROOT), environ={})
    assert address == SiteAddress(
        url="https://sijill.example.org/",
        repository="https://github.com/sijill/sijill",
        branch="main",
    )
    assert address.edit_base == "https://github.com/sijill/sijill/edit/main/"


def test_the_deploys_environment_overrides_the_file() -> None:
    environ = {
        "SIJILL_SITE_URL": "https://owner.github.io/sijill-archive",
        "SIJILL_REPOSITORY": "https://github.com/owner/sijill-archive/",
    }
    address = site_address(Project.at(ROOT), environ=environ)
    assert address.url == "https://owner.github.io/sijill-archive/"
    assert address.edit_base == "https://github.com/owner/sijill-archive/edit/main/"


def test_every_address_of_a_language_derives_from_it(tmp_path: Path) -> None:
    project = project_with(
        tmp_path,
        SECTION.format(
            url="https://owner.github.io/repo/", repository="https://github.com/o/r", branch="trunk"
        ),
    )
    config = config_of(project, "ar")
    assert config["site_url"] == "https://owner.github.io/repo/ar/"
    sijill = config["extra"]["sijill"]  # type: ignore[index]
    assert sijill["urls"] == {
        "root": "https://owner.github.io/repo/",
        "languages": {
            "ar": "https://owner.github.io/repo/ar/",
            "en": "https://owner.github.io/repo/en/",
        },
    }
    assert sijill["edit_base"] == "https://github.com/o/r/edit/trunk/"
    assert site_urls(project).languages["en"] == "https://owner.github.io/repo/en/"
    # The live preview serves each language at the root of its own port, whatever the path.
    preview = config_of(
        project, "en", alternate_base={"en": "http://h:1/en/", "ar": "http://h:2/ar/"}
    )
    assert preview["site_url"] == "http://h:1/en/"


def test_every_malformed_value_is_named_with_where_it_is(tmp_path: Path) -> None:
    project = project_with(
        tmp_path,
        SECTION.format(url="ftp://owner.example/", repository="[a, b]", branch="'bad..name'"),
    )
    with pytest.raises(BuildError) as caught:
        site_address(project, environ={})
    assert str(caught.value) == (
        "the site's address is not usable:\n"
        "  mkdocs.yml:4:10: extra.sijill_site.url: 'ftp://owner.example/' is not an http(s) "
        "address; expected the address the site is published at, e.g. "
        "'https://owner.github.io/sijill/'\n"
        "  mkdocs.yml:5:17: extra.sijill_site.repository: the value is a list, not an address; "
        "expected the repository's web address, e.g. 'https://github.com/owner/sijill'\n"
        "  mkdocs.yml:6:13: extra.sijill_site.branch: 'bad..name' is not a branch name; "
        "expected the branch the edit links open, e.g. 'main'"
    )


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("", "missing"),
        ("sijill.example.org", "'sijill.example.org' is not an http(s) address"),
        ("https://", "'https://' names no host"),
        ("https://o.github.io/r/?x=1", "'https://o.github.io/r/?x=1' has a query or a fragment"),
        ("https://o.github.io/r/#top", "'https://o.github.io/r/#top' has a query or a fragment"),
        ("https://u:p@o.github.io/", "'https://u:p@o.github.io/' holds credentials"),
        ("https://o.github.io:x/", "'https://o.github.io:x/' has a port that is not a number"),
        ('https://o.github.io/"><b>', "'https://o.github.io/\"><b>' holds a character"),
        ("https://o.github.io/a b/", "'https://o.github.io/a b/' holds a character"),
    ],
)
def test_a_malformed_environment_value_names_the_variable(value: str, why: str) -> None:
    with pytest.raises(BuildError) as caught:
        site_address(Project.at(ROOT), environ={"SIJILL_SITE_URL": value})
    assert f"\n  SIJILL_SITE_URL: {why}" in str(caught.value)


def test_a_missing_section_says_what_to_write(tmp_path: Path) -> None:
    project = project_with(tmp_path, "site_name: Sijill\nextra:\n  generator: false\n")
    with pytest.raises(BuildError) as caught:
        site_address(project, environ={"SIJILL_REPOSITORY": "https://github.com/o"})
    assert str(caught.value) == (
        "the site's address is not usable:\n"
        "  mkdocs.yml: extra.sijill_site.url: missing; expected the address the site is "
        "published at, e.g. 'https://owner.github.io/sijill/'\n"
        "  SIJILL_REPOSITORY: 'https://github.com/o' names no repository (its owner and "
        "name); expected the repository's web address, e.g. 'https://github.com/owner/sijill'\n"
        "  mkdocs.yml: extra.sijill_site.branch: missing; expected the branch the edit links "
        "open, e.g. 'main'"
    )


def test_a_build_with_a_malformed_address_stops_before_any_work(
    data_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the published site", encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("SIJILL_SITE_URL", "https://owner.github.io/<repo>/")
    out = ["--site-dir", str(site), "--build-dir", str(tmp_path / "build")]
    assert main(["build", "--data", str(data_copy), *out]) == 1
    error = capsys.readouterr().err
    assert "SIJILL_SITE_URL: 'https://owner.github.io/<repo>/' holds a character" in error
    assert (site / "index.html").read_text(encoding="utf-8") == "the published site"
    assert not (tmp_path / "build" / "cache").exists()
