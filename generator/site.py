"""Building the bilingual site: check, generate, one MkDocs build per language, then publish.

The two languages are separate MkDocs processes and run side by side. The new site is built
into a staging folder and only replaces `site/` when every step succeeded, so a failed build
leaves the previous site as it was.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.check import CheckResult, check
from generator.dataset import Dataset
from generator.generate import generate
from generator.history import last_changed
from generator.i18n import label
from generator.languages import LANGUAGES, Language
from generator.schema import KINDS
from generator.write import sync_tree

NAV = (
    ("nav_home", "index.md"),
    ("nav_people", "people/index.md"),
    ("nav_visits", "visits/index.md"),
    ("nav_countries", "countries/index.md"),
    ("nav_organizations", "organizations/index.md"),
    ("nav_sources", "sources/index.md"),
    ("nav_about", "about.md"),
)


@dataclass(frozen=True)
class Project:
    """Where things are. Defaults are the repository's layout, relative to its root."""

    root: Path
    data_dir: Path
    content_dir: Path
    build_dir: Path
    site_dir: Path
    config_file: Path

    @classmethod
    def at(
        cls,
        root: Path,
        data_dir: Path | None = None,
        site_dir: Path | None = None,
        build_dir: Path | None = None,
    ) -> Project:
        return cls(
            root=root,
            data_dir=data_dir or root / "site_data",
            content_dir=root / "content",
            build_dir=build_dir or root / "build",
            site_dir=site_dir or root / "site",
            config_file=root / "mkdocs.yml",
        )

    def docs_dir(self, lang: str) -> Path:
        return self.build_dir / "docs" / lang

    def language_config(self, lang: str) -> Path:
        return self.build_dir / f"mkdocs.{lang}.yml"


class BuildError(Exception):
    """The build stopped; the message says why, and nothing already published was touched."""


Progress = Callable[[str], None]


def _ignore_python_tags(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for the few values we need, skipping MkDocs' python tags."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_python_tags)


def base_config(project: Project) -> dict[str, Any]:
    with project.config_file.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_ConfigLoader)
    return data if isinstance(data, dict) else {}


def language_config(
    project: Project,
    lang: Language,
    *,
    site_dir: Path,
    directory_urls: bool = True,
    alternate_base: dict[str, str] | None = None,
    offline: bool = False,
) -> str:
    """The per-language MkDocs config: what differs from the shared mkdocs.yml."""
    base = base_config(project)
    site_url = str(base.get("site_url") or "").rstrip("/")
    build = project.build_dir.resolve()
    search: dict[str, Any] = {"lang": lang.code}
    if lang.code == "ar":
        # lunr's Arabic stop words include "زيارة" (visit) and its stemmer loses "الرياض":
        # no pipeline, and a separator that also splits off a leading "ال".
        search = {"lang": "ar", "pipeline": [], "separator": r"[\s\-]+|(?<=^|[\s\-])ال"}
    plugins: list[Any] = [{"search": search}]
    if offline:
        plugins.append("offline")
    alternates = [
        {
            "name": other.name,
            "lang": other.code,
            "root": (alternate_base or {}).get(other.code, f"../{other.code}/"),
        }
        for other in LANGUAGES
    ]
    config: dict[str, Any] = {
        "INHERIT": os.path.relpath(project.config_file.resolve(), build),
        "docs_dir": os.path.relpath(project.docs_dir(lang.code).resolve(), build),
        "site_dir": os.path.relpath(site_dir.resolve(), build),
        "site_name": label(lang.code, "site_name"),
        "site_description": label(lang.code, "site_description"),
        "copyright": label(lang.code, "copyright"),
        "use_directory_urls": directory_urls,
        "theme": {"language": lang.code},
        "nav": [{label(lang.code, key): path} for key, path in NAV],
        "plugins": plugins,
        "hooks": [os.path.relpath(Path(__file__).with_name("mkdocs_hooks.py"), build)],
        "extra_css": ["assets/sijill/sijill.css"],
        "extra_javascript": ["assets/sijill/search-normalise.js"],
        "extra": {
            "sijill": {
                "lang": lang.code,
                "alternates": alternates,
                "content_dir": f"content/{lang.code}",
                "redirects_file": str((project.build_dir / "redirects.json").resolve()),
            },
        },
    }
    if site_url:
        config["site_url"] = f"{site_url}/{lang.code}/"
    header = "# Written by `python -m generator build`; edit mkdocs.yml instead.\n"
    return header + json.dumps(config, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def prepare(project: Project, progress: Progress, **config_options: Any) -> CheckResult:
    """Check the data, and write each language's docs tree and config into the build folder."""
    started = time.perf_counter()
    result = check(project.data_dir)
    if result.dataset is None:
        return result
    progress(
        f"checked {sum(result.counts.values())} files in {time.perf_counter() - started:.1f} s"
    )
    result.dataset.last_changed.update(_last_changed(result.dataset))
    _write_redirects(project, result.dataset)
    started = time.perf_counter()
    generated = generate(result.dataset, project.content_dir, _extra_pages())
    if generated.problems:
        raise BuildError("\n".join(generated.problems))
    written = 0
    for lang in LANGUAGES:
        report = sync_tree(project.docs_dir(lang.code), generated.trees[lang.code])
        written += len(report.written)
    progress(
        f"generated {sum(len(t) for t in generated.trees.values())} files "
        f"({written} changed) in {time.perf_counter() - started:.1f} s"
    )
    return result


def _extra_pages() -> dict[str, dict[str, str]]:
    """Pages made from the format's declaration rather than from the data."""
    from generator.reference import render_reference

    return {
        lang.code: {"reference/data-format.md": render_reference(lang.code)} for lang in LANGUAGES
    }


def _last_changed(dataset: Dataset) -> dict[tuple[str, str], datetime.date]:
    dates = last_changed(dataset.root)
    return {
        key: dates[path.resolve()] for key, path in dataset.files.items() if path.resolve() in dates
    }


def _write_redirects(project: Project, dataset: Dataset) -> None:
    """Old page -> new page for every former id; the MkDocs hook writes the redirect pages."""
    redirects = [
        {"from": f"{kind}/{former}.md", "to": f"{kind}/{entity_id}.md"}
        for kind in KINDS
        for entity_id, entity in dataset.of_kind(kind).items()
        for former in entity.former_ids
    ]
    redirects.sort(key=lambda r: r["from"])
    path = project.build_dir / "redirects.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(redirects, indent=1, sort_keys=True) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def write_configs(project: Project, staging: Path, **options: Any) -> dict[str, Path]:
    configs = {}
    for lang in LANGUAGES:
        path = project.language_config(lang.code)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = language_config(project, lang, site_dir=staging / lang.code, **options)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        configs[lang.code] = path
    return configs


# 1980-01-01, the earliest date a zip archive can hold: used when the data is not in git.
FALLBACK_EPOCH = 315532800


def build_epoch(project: Project) -> int:
    """The build's notion of "now", for MkDocs' sitemap and the like: the time of the last
    commit that touched the data, so the same commit always gives the same bytes."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        completed = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", str(project.data_dir.resolve())],
            cwd=project.data_dir if project.data_dir.is_dir() else project.root,
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return FALLBACK_EPOCH
    text = completed.stdout.strip()
    return int(text) if completed.returncode == 0 and text.isdigit() else FALLBACK_EPOCH


def run_mkdocs(
    configs: dict[str, Path], progress: Progress, strict: bool = True, epoch: int = FALLBACK_EPOCH
) -> None:
    """One `mkdocs build` per language, side by side; all output shown if any fails."""
    environment = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONWARNINGS": "ignore",
        "SOURCE_DATE_EPOCH": str(epoch),
    }
    started = time.perf_counter()
    processes = {
        lang: subprocess.Popen(
            # Not --quiet: it hides warnings from --strict, which then passes a broken site.
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "-f",
                str(config),
                *(["--strict"] if strict else []),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=environment,
            text=True,
        )
        for lang, config in configs.items()
    }
    failures = []
    for lang, process in processes.items():
        output, _ = process.communicate()
        if process.returncode != 0:
            failures.append(f"mkdocs build ({lang}) failed:\n{output.strip()}")
        else:
            progress(f"built the {lang} site ({time.perf_counter() - started:.1f} s)")
    if failures:
        raise BuildError("\n\n".join(failures))


def language_chooser() -> str:
    """The root page: both languages, each in its own script and direction."""
    links = "\n".join(
        f'    <li><a href="{lang.code}/" hreflang="{lang.code}" lang="{lang.code}" '
        f'dir="{lang.direction}">{lang.name}</a></li>'
        for lang in LANGUAGES
    )
    titles = " · ".join(label(lang.code, "language_chooser_title") for lang in LANGUAGES)
    alternates = "\n".join(
        f'  <link rel="alternate" hreflang="{lang.code}" href="{lang.code}/">' for lang in LANGUAGES
    )
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n'
        '  <meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"  <title>{label('en', 'site_name')} · {label('ar', 'site_name')}</title>\n"
        f"{alternates}\n"
        "  <style>body{font-family:system-ui,'Noto Sans','Noto Sans Arabic',sans-serif;"
        "max-width:30rem;margin:4rem auto;text-align:center}li{list-style:none;"
        "font-size:1.5rem;margin:1rem}</style>\n"
        f"</head>\n<body>\n  <h1>{titles}</h1>\n  <ul>\n{links}\n  </ul>\n</body>\n</html>\n"
    )


def publish(staging: Path, site_dir: Path) -> None:
    """Replace `site_dir` with `staging` in two renames; the old site survives until then."""
    previous = site_dir.with_name(site_dir.name + ".previous")
    if previous.exists():
        shutil.rmtree(previous)
    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    if previous.exists():
        shutil.rmtree(previous)


def build(project: Project, progress: Progress, strict: bool = True) -> CheckResult:
    """The whole build; raises BuildError (the published site untouched) when a step fails."""
    result = prepare(project, progress)
    if result.dataset is None:
        return result
    staging = project.build_dir / "staging"
    if staging.exists():
        shutil.rmtree(staging)
    configs = write_configs(project, staging)
    run_mkdocs(configs, progress, strict=strict, epoch=build_epoch(project))
    (staging / "index.html").write_text(language_chooser(), encoding="utf-8")
    project.site_dir.parent.mkdir(parents=True, exist_ok=True)
    publish(staging, project.site_dir)
    return result
