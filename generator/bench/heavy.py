"""The heaviest pages issue 14 must keep readable: a person with ~350 visits and a country with
~7,500, made, built, measured and photographed the same way every time.

Issue 14 is done when "a person with 350 visits and a country with 7,500 visits read well at
both widths". The benchmark's synthetic data (`synthetic.py`) spreads visits over 60 countries
and a Pareto of travellers: its busiest person has a few dozen trips and its busiest country
a few thousand visits, so neither extreme is ever built or looked at. This module starts from
a small `synthetic.make_dataset` and adds, deterministically (seeded, sorted inputs):

- one Iranian official (the first of the synthetic people from Iran, by id) with
  `PERSON_MADE` visits made over `PERSON_YEARS` and `PERSON_HOSTED` visits hosted;
- visits from and to Iran by the other people until `COUNTRY_VISITS` visits touch Iran
  (received and made), in a dataset of about 7,600 visits;
- one source per month the new visits fall in (so no source page lists hundreds of visits).

The data passes `python -m generator check` (translation warnings only). Then:

    python -m generator.bench.heavy OUT             # the data: OUT/site_data
    python -m generator.bench.heavy OUT --build     # + build OUT/site, measure the heavy pages
    python -m generator.bench.heavy OUT --shots     # + screenshots into build/artifacts/issue-14

`--shots` serves OUT/site over a local http.server and photographs, in English and Arabic, at
1366x900 and 390x844, the person's page, one of their older parts, the country's page and one of
its parts (full page, cut at `MAX_SHOT_HEIGHT` px), with Debian's Chromium through playwright.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import random
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from generator.bench.pagesize import BUDGET_BYTES, BUDGET_ELEMENTS, elements, largest_pages
from generator.bench.synthetic import (
    CITIES,
    COUNTRIES,
    ROLES,
    TOPICS,
    _country_weights,
    _slug,
    _write,
    make_dataset,
)
from generator.languages.i18n import country_name

SEED = 14
BASE_PEOPLE, BASE_VISITS = 160, 100
HEAVY_COUNTRY = "IR"
PERSON_MADE, PERSON_HOSTED = 350, 30
PERSON_YEARS = (1990, 2025)
COUNTRY_VISITS = 7500  # visits made or received by HEAVY_COUNTRY, the heavy person's included
COUNTRY_YEARS = (1996, 2025)
WIDTHS = ((1366, 900), (390, 844))
MAX_SHOT_HEIGHT = 15_000
CHROMIUM = "/usr/bin/chromium"


def _load(folder: Path) -> list[dict[str, Any]]:
    return [
        yaml.load(path.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        for path in sorted(folder.glob("*.yml"))
    ]


def heavy_person(data: Path) -> str:
    """The id of the person made heavy: the first person from HEAVY_COUNTRY, by id."""
    people = _load(data / "people")
    ids: list[str] = sorted(p["id"] for p in people if p.get("country") == HEAVY_COUNTRY)
    if not ids:
        raise SystemExit(f"no person from {HEAVY_COUNTRY} in {data}")
    return ids[0]


def _day(rng: random.Random, years: tuple[int, int], recent: float) -> str:
    """A date in `years`, later years more likely (`recent` > 1), mostly to the day."""
    first, last = years
    year = first + int((last - first + 1) * rng.random() ** (1 / recent))
    month = rng.randint(1, 12)
    if rng.random() < 0.15:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{rng.randint(1, 27):02d}"


def _attendee(rng: random.Random, person_id: str) -> str | dict[str, Any]:
    if rng.random() >= 0.3:
        return person_id
    role_en, role_ar, _ = rng.choice(ROLES)
    return {"person": person_id, "role": {"en": role_en, "ar": role_ar}}


def make(out: Path) -> str:
    """Write the heavy dataset into `out` (which must not exist); return the heavy person's id."""
    if out.exists():
        raise SystemExit(f"{out} exists: give a new folder")
    make_dataset(out, BASE_PEOPLE, BASE_VISITS, seed=SEED)
    rng = random.Random(SEED)
    people = _load(out / "people")
    by_country: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for person in people:
        by_country.setdefault(person["country"], []).append(person["id"])
        names[person["id"]] = person["name"]["en"]
    star = heavy_person(out)
    home = [p for p in by_country[HEAVY_COUNTRY] if p != star]
    abroad = [p["id"] for p in people if p["country"] != HEAVY_COUNTRY]
    agencies = sorted(
        o["id"] for o in _load(out / "organizations") if o["classification"] == "news-agency"
    )
    used = {path.stem for kind in ("visits", "sources") for path in (out / kind).glob("*.yml")}
    base_touching = sum(
        HEAVY_COUNTRY in (v["from_country"], v["to_country"]) for v in _load(out / "visits")
    )
    others = [c for c in COUNTRIES if c != HEAVY_COUNTRY]
    weights = _country_weights()[1:]

    # (date, visitor, from, to, hosts): the person's trips, their guests, then the country's.
    plans: list[tuple[str, str, str, str, list[str]]] = []
    for _ in range(PERSON_MADE):
        to = rng.choices(others, weights)[0]
        hosts = rng.sample(by_country.get(to, []), min(len(by_country.get(to, [])), 1))
        plans.append((_day(rng, PERSON_YEARS, 1.3), star, HEAVY_COUNTRY, to, hosts))
    for _ in range(PERSON_HOSTED):
        visitor = rng.choice(abroad)
        country = next(p["country"] for p in people if p["id"] == visitor)
        plans.append((_day(rng, PERSON_YEARS, 1.3), visitor, country, HEAVY_COUNTRY, [star]))
    countries = {p["id"]: p["country"] for p in people}
    while len(plans) + base_touching < COUNTRY_VISITS:
        date = _day(rng, COUNTRY_YEARS, 1.6)
        if rng.random() < 0.5:
            to = rng.choices(others, weights)[0]
            hosts = by_country.get(to, [])[:1] if rng.random() < 0.5 else []
            plans.append((date, rng.choice(home), HEAVY_COUNTRY, to, hosts))
        else:
            visitor = rng.choice(abroad)
            hosts = [rng.choice(home)] if rng.random() < 0.5 else []
            plans.append((date, visitor, countries[visitor], HEAVY_COUNTRY, hosts))

    sources: dict[str, str] = {}  # month -> source id, published at the month's end
    for month in sorted({date[:7] for date, *_ in plans}):
        source_id = f"heavy-{agencies[len(sources) % len(agencies)]}-{month}"
        year = month[:4]
        _write(
            out / "sources" / f"{source_id}.yml",
            "source",
            {
                "id": source_id,
                "kind": "report",
                "title": {"en": f"Visits of the month ({month})", "ar": f"زيارات الشهر ({year})"},
                "publisher": agencies[len(sources) % len(agencies)],
                "language": "en",
                "published": f"{month}-28",
                "url": f"https://news.example.org/en/{source_id}",
            },
        )
        sources[month] = source_id
    for date, visitor, source, to, hosts in plans:
        base = f"{date[:7]}-{_slug(names[visitor].split(' ')[-1])}-{to.lower()}"
        visit_id, number = base, 2
        while visit_id in used:
            visit_id, number = f"{base}-{number}", number + 1
        used.add(visit_id)
        topic_en, topic_ar = rng.choice(TOPICS)
        to_en, to_ar = country_name(to, "en"), country_name(to, "ar")
        data: dict[str, Any] = {
            "id": visit_id,
            "classification": rng.choice(("official", "working", "state", "unspecified")),
            "visitors": [_attendee(rng, visitor)],
        }
        if hosts:
            data["hosts"] = [_attendee(rng, host) for host in hosts]
        data |= {"from_country": source, "to_country": to}
        if to in CITIES and rng.random() < 0.5:
            city_en, city_ar = rng.choice(CITIES[to])
            data["places"] = [{"name": {"en": city_en, "ar": city_ar}, "kind": "city"}]
        data |= {
            "start_date": date,
            "summary": {
                "en": f"{names[visitor]} visited {to_en} for talks on {topic_en.lower()}.",
                "ar": f"زيارة إلى {to_ar} لإجراء محادثات حول {topic_ar}.",
            },
            "topics": [{"en": topic_en, "ar": topic_ar}],
            "sources": [sources[date[:7]]],
        }
        _write(out / "visits" / f"{visit_id}.yml", "visit", data)
    return star


# The pages to measure and photograph: (name, path under a language's root). The parts are
# found in the built site: the person's oldest part, the country's part nearest the middle.
def _parts(page: Path) -> list[str]:
    return sorted(p.name for p in page.iterdir() if p.is_dir() and p.name[:1].isdigit())


def heavy_pages(site: Path, person: str) -> dict[str, str]:
    root = site / "en"
    person_parts = _parts(root / "people" / person)
    country = HEAVY_COUNTRY.lower()
    country_parts = _parts(root / "countries" / country)
    pages = {"person": f"people/{person}/", "country": f"countries/{country}/"}
    if person_parts:
        pages["person-part"] = f"people/{person}/{person_parts[0]}/"
    if country_parts:
        pages["country-part"] = f"countries/{country}/{country_parts[len(country_parts) // 2]}/"
    return pages


def measure(site: Path, pages: dict[str, str]) -> None:
    print(f"{'page':<48} {'KB':>7} {'elements':>9}")
    for lang in ("en", "ar"):
        for path in pages.values():
            html = (site / lang / path / "index.html").read_bytes()
            count = elements(html)
            flag = " OVER" if len(html) > BUDGET_BYTES or count > BUDGET_ELEMENTS else ""
            print(f"{lang + '/' + path:<48} {len(html) / 1024:7.1f} {count:9,}{flag}")
    largest = largest_pages(site)
    print(
        f"largest page: {largest.bytes_page} {largest.bytes / 1024:.1f} KB; most elements: "
        f"{largest.elements_page} {largest.elements:,}; over budget: {largest.over_budget}"
    )


def build(data: Path, site: Path) -> None:
    start = time.monotonic()
    command = [sys.executable, "-m", "generator", "build", "--data", str(data)]
    subprocess.run([*command, "--site-dir", str(site)], check=True)
    print(f"build: {time.monotonic() - start:.1f} s", file=sys.stderr)


@contextmanager
def _serve(site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request: Any, client_address: Any) -> None:
            pass  # the browser leaving a page mid-download (a broken pipe) is no error here

    handler = functools.partial(Quiet, directory=str(site))
    server = Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def shoot(site: Path, pages: dict[str, str], artifacts: Path) -> list[Path]:
    """Each page in each language at each width; a page taller than MAX_SHOT_HEIGHT is cut."""
    from playwright.sync_api import sync_playwright

    artifacts.mkdir(parents=True, exist_ok=True)
    made = []
    with _serve(site) as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        for width, height in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            for lang in ("en", "ar"):
                for name, path in pages.items():
                    page.goto(f"{root}/{lang}/{path}", wait_until="load")
                    page.evaluate("document.fonts.ready.then(() => true)")
                    full = page.evaluate("document.documentElement.scrollHeight")
                    scroll = page.evaluate("document.documentElement.scrollWidth")
                    wide = f", {scroll} px WIDE" if scroll > width else ""
                    print(f"{lang}/{path} at {width}: {full:,} px tall{wide}", file=sys.stderr)
                    target = artifacts / f"{name}-{lang}-{width}.png"
                    # Without animations: a full-page capture resizes the viewport, and Material
                    # fades its tabs in again, caught half-visible.
                    page.screenshot(
                        path=str(target),
                        full_page=True,
                        clip={"x": 0, "y": 0, "width": width, "height": min(full, MAX_SHOT_HEIGHT)},
                        animations="disabled",
                    )
                    made.append(target)
            context.close()
        browser.close()
    return made


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="Folder for site_data/ and site/.")
    parser.add_argument("--build", action="store_true", help="Build OUT/site and measure it.")
    parser.add_argument("--shots", action="store_true", help="Screenshots of OUT/site's pages.")
    parser.add_argument("--artifacts", type=Path, default=Path("build/artifacts/issue-14"))
    args = parser.parse_args(argv)
    data, site = args.out / "site_data", args.out / "site"
    if not data.exists():
        print(f"heavy person: {make(data)}", file=sys.stderr)
    person = heavy_person(data)
    if args.build:
        if site.exists():
            shutil.rmtree(site)
        build(data, site)
    if args.build or args.shots:
        pages = heavy_pages(site, person)
        measure(site, pages)
    if args.shots:
        for path in shoot(site, pages, args.artifacts):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
