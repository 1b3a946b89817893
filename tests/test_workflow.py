"""The GitHub Pages deploy of .github/workflows/ci.yml, read as GitHub reads it: it publishes only
main, only after the tests, under the names the build reads its address from, and its cache key
falls back to the same inputs without the commit. (GitHub runs it; here, what would make it
publish the wrong thing or nothing without any error.)"""

from __future__ import annotations

from typing import Any

import yaml

from generator.mkdocs.address import ENV_REPOSITORY, ENV_SITE_URL
from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
# What the build reads: a change to any of them must be a new cache key.
BUILD_INPUTS = (
    "requirements.lock",
    "pyproject.toml",
    "mkdocs.yml",
    "generator/**",
    "templates/**",
    "overrides/**",
    "content/**",
)


def jobs() -> dict[str, Any]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    found: dict[str, Any] = workflow["jobs"]
    return found


def step(job: dict[str, Any], uses: str) -> dict[str, Any]:
    matches = [s for s in job["steps"] if str(s.get("uses", "")).startswith(f"{uses}@")]
    assert len(matches) == 1, f"one step uses {uses}: {matches}"
    return matches[0]


def test_only_main_is_published_and_only_after_the_tests() -> None:
    pages, deploy = jobs()["pages"], jobs()["deploy"]
    assert pages["needs"] == "ci" and deploy["needs"] == "pages"
    assert pages["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    for job in (pages, deploy):
        assert job["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_the_build_gets_the_address_pages_gives_under_the_names_the_build_reads() -> None:
    pages = jobs()["pages"]
    configure = step(pages, "actions/configure-pages")
    build = next(s for s in pages["steps"] if s.get("run") == "make site")
    assert build["env"][ENV_SITE_URL] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}"
    assert build["env"][ENV_REPOSITORY] == "${{ github.server_url }}/${{ github.repository }}"
    assert step(pages, "actions/upload-pages-artifact")["with"]["path"] == "site/"
    order = [s.get("uses", s.get("run")) for s in pages["steps"]]
    assert order.index(configure["uses"]) < order.index("make site")
    assert step(jobs()["deploy"], "actions/deploy-pages")["id"] == "deployment"


def test_the_cache_key_names_every_input_and_falls_back_without_the_commit() -> None:
    cache = step(jobs()["pages"], "actions/cache")["with"]
    assert cache["path"] == "build/cache"
    key, fallback = cache["key"], cache["restore-keys"].strip()
    for pattern in BUILD_INPUTS:
        assert f"'{pattern}'" in key and f"'{pattern}'" in fallback, pattern
    assert key.endswith("-${{ github.sha }}")
    assert " ".join(key.removesuffix("${{ github.sha }}").split()) == " ".join(fallback.split())


def test_every_action_is_pinned_to_a_major_version() -> None:
    for name, job in jobs().items():
        for entry in job.get("steps", []):
            if "uses" in entry:
                version = entry["uses"].partition("@")[2]
                assert version.startswith("v") and version[1:].isdigit(), (name, entry["uses"])
