"""Where the site is published and where its source is: the one place both are read from.

mkdocs.yml holds them in one section, `extra.sijill_site` (`url`, `repository`, `branch`); a
deploy overrides the first two with the environment (`SIJILL_SITE_URL`, `SIJILL_REPOSITORY`):
the GitHub Pages workflow sets them from what `actions/configure-pages` and the run's context
say, without editing files. Every address the build writes derives from `SiteAddress`: each
language's MkDocs `site_url` (canonical and hreflang links, MkDocs' sitemaps, the 404 pages'
asset paths), the root sitemap and robots.txt, the feeds and embeddable cards, the downloads'
page URLs and the "Edit this page" links.

A value that is missing or is not an address of that kind stops the build with one line per
problem, naming where it came from (`mkdocs.yml:12:10: extra.sijill_site.url: …` or
`SIJILL_SITE_URL: …`), all of them at once.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from generator.project import BuildError, Project, os_error_text

SECTION = "sijill_site"  # under mkdocs.yml's `extra`, which MkDocs passes on untouched
ENV_SITE_URL = "SIJILL_SITE_URL"
ENV_REPOSITORY = "SIJILL_REPOSITORY"

# What an address may hold, RFC 3986's characters: no space, double quote or angle bracket.
_URL_CHARACTERS = re.compile(r"[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]+")
# A git branch as `git check-ref-format --branch` takes it, in its common form.
_BRANCH = re.compile(r"(?!/)(?!.*(?:\.\.|//|@\{|\.lock$|/$|\.$))[A-Za-z0-9._/-]+")


@dataclass(frozen=True)
class SiteAddress:
    """The published site's address and its repository, checked and in one form."""

    url: str  # "https://owner.github.io/sijill/": always ends with "/"
    repository: str  # "https://github.com/owner/sijill": no trailing "/"
    branch: str  # "main"

    @property
    def edit_base(self) -> str:
        """Where "Edit this page" opens a file: {edit_base}{path in the repository} (the
        form GitHub, Gitea and Forgejo share)."""
        return f"{self.repository}/edit/{self.branch}/"


@dataclass(frozen=True)
class _Kind:
    """A value of mkdocs.yml that is a list or a map where text belongs."""

    name: str


@dataclass(frozen=True)
class _Value:
    """One setting as found: its text and where it came from, for the error message."""

    text: object
    where: str


def site_address(project: Project, environ: Mapping[str, str] | None = None) -> SiteAddress:
    """The site's address from mkdocs.yml's `extra.sijill_site`, with the environment's
    overrides; BuildError lists every value that is missing or malformed."""
    environ = os.environ if environ is None else environ
    found = _section(project.config_file)
    for key, variable in (("url", ENV_SITE_URL), ("repository", ENV_REPOSITORY)):
        if variable in environ:
            found[key] = _Value(environ[variable], variable)
    problems: list[str] = []
    url = _checked_url(found["url"], problems, _EXPECTED_URL)
    repository = _checked_url(found["repository"], problems, _EXPECTED_REPOSITORY)
    # Forges name a repository by its owner and name, at least: /owner/name.
    if repository and urlsplit(repository).path.strip("/").count("/") < 1:
        where = found["repository"].where
        problems.append(
            f"{where}: {repository!r} names no repository (its owner and name); "
            + _EXPECTED_REPOSITORY
        )
        repository = None
    branch = found["branch"]
    if branch.text is None or branch.text == "":
        problems.append(f"{branch.where}: missing; {_EXPECTED_BRANCH}")
    elif not isinstance(branch.text, str) or not _BRANCH.fullmatch(branch.text):
        shown = repr(branch.text) if isinstance(branch.text, str) else "the value"
        problems.append(f"{branch.where}: {shown} is not a branch name; {_EXPECTED_BRANCH}")
    if problems:
        raise BuildError("the site's address is not usable:\n  " + "\n  ".join(problems))
    assert url is not None and repository is not None and isinstance(branch.text, str)
    return SiteAddress(
        url=url.rstrip("/") + "/", repository=repository.rstrip("/"), branch=branch.text
    )


_EXPECTED_URL = (
    "expected the address the site is published at, e.g. 'https://owner.github.io/sijill/'"
)
_EXPECTED_REPOSITORY = (
    "expected the repository's web address, e.g. 'https://github.com/owner/sijill'"
)
_EXPECTED_BRANCH = "expected the branch the edit links open, e.g. 'main'"


def _checked_url(value: _Value, problems: list[str], expected: str) -> str | None:
    """The value when it is an absolute http(s) address with no query, fragment or
    credentials (none of which a site's root or a repository has); else None, with why."""
    text = value.text
    if text is None or text == "":
        problems.append(f"{value.where}: missing; {expected}")
        return None
    reason = _url_problem(text)
    if reason:
        shown = repr(text) if isinstance(text, str) else "the value"
        problems.append(f"{value.where}: {shown} {reason}; {expected}")
        return None
    assert isinstance(text, str)
    return text


def _url_problem(text: object) -> str | None:
    if not isinstance(text, str):
        return f"is a {text.name}, not an address" if isinstance(text, _Kind) else "is not text"
    if not _URL_CHARACTERS.fullmatch(text):
        return "holds a character an address cannot (a space, a double quote, an angle bracket…)"
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https"):
        return "is not an http(s) address"
    try:
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError:
        return "has a port that is not a number"
    if not parts.hostname:
        return "names no host"
    if parts.username is not None or parts.password is not None:
        return "holds credentials"
    if parts.query or parts.fragment or text.endswith(("?", "#")):
        return "has a query or a fragment"
    return None


def _section(config_file: Path) -> dict[str, _Value]:
    """url, repository and branch as mkdocs.yml gives them, each with its file:line:column
    (or the section's, when the key is missing)."""
    name = config_file.name
    try:
        with config_file.open(encoding="utf-8") as handle:
            # Composed, not loaded: marks for the messages, MkDocs' !!python tags untouched.
            document = yaml.compose(handle, Loader=yaml.SafeLoader)
    except OSError as error:
        raise BuildError(f"could not read the site's address: {os_error_text(error)}") from error
    except yaml.YAMLError as error:
        raise BuildError(f"{name}: not readable as YAML: {error}") from error
    extra = _child(document, "extra")
    section = _child(extra, SECTION)
    where = f"{name}: extra.{SECTION}"
    if section is not None:
        where = f"{name}:{section.start_mark.line + 1}:{section.start_mark.column + 1}: " + (
            f"extra.{SECTION}"
        )
    values = {}
    for key in ("url", "repository", "branch"):
        node = _child(section, key)
        if node is None:
            values[key] = _Value(None, f"{where}.{key}")
            continue
        mark = node.start_mark
        place = f"{name}:{mark.line + 1}:{mark.column + 1}: extra.{SECTION}.{key}"
        if isinstance(node, yaml.ScalarNode):
            null = node.tag == "tag:yaml.org,2002:null"
            values[key] = _Value(None if null else node.value, place)
        else:
            values[key] = _Value(
                _Kind("list" if isinstance(node, yaml.SequenceNode) else "map"), place
            )
    return values


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for name, value in node.value:
        if isinstance(name, yaml.ScalarNode) and name.value == key:
            return value  # type: ignore[no-any-return]
    return None
