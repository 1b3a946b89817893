"""EveryPolitician-style Popolo documents (`persons`, `organizations`, `memberships` with
Popolo's plain keys) as drafts of our entities: each key mapped to a field where the format has
one, and a note for the report on what was mapped, left out, or is to be filled in (a person's
country, the sources of every fact). `generator.review.importer` writes the drafts."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from generator.data.schema import ORGANIZATION_CLASSIFICATIONS, SINGULAR, Identifier
from generator.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES

POPOLO_KEYS = ("persons", "organizations", "memberships")
DATE = re.compile(r"^-?\d{1,4}(-\d{2}(-\d{2})?)?$")
IDENTIFIER_SCHEMES: tuple[str, ...] = Identifier.model_fields["scheme"].annotation.__args__  # type: ignore[union-attr]


@dataclass
class Draft:
    """One entity to write: its kind, id, fields, and what the report says about it."""

    kind: str
    entity_id: str
    fields: dict[str, Any]
    notes: list[str] = field(default_factory=list)


def slugify(text: str) -> str:
    """An id from any text: lower-case ASCII letters, digits and single hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:100].strip("-")


def _lang(code: Any) -> str | None:
    if not isinstance(code, str):
        return None
    short = code.split("-")[0].split("_")[0].lower()
    return short if short in LANGUAGE_CODES else None


def _text(value: Any) -> dict[str, str] | None:
    """A Popolo string (English, the default language) or a {lang: text} map as a Text."""
    if isinstance(value, str) and value.strip():
        return {DEFAULT_LANGUAGE.code: value.strip()}
    if isinstance(value, dict):
        texts = {_lang(k): v.strip() for k, v in value.items() if isinstance(v, str) and v.strip()}
        return {k: v for k, v in texts.items() if k is not None} or None
    return None


class _Ids:
    """Foreign ids -> our ids, unique per kind."""

    def __init__(self) -> None:
        self.by_foreign: dict[tuple[str, str], str] = {}
        self.taken: set[tuple[str, str]] = set()

    def assign(self, kind: str, foreign: Any, name: str, notes: list[str]) -> str:
        wanted = slugify(str(foreign)) if foreign is not None else ""
        if not wanted or wanted != str(foreign):
            wanted = slugify(name) or wanted or SINGULAR[kind]
            notes.append(
                f"id: '{wanted}' made from {'the name' if name else 'the id'} "
                f"(the file's id {foreign!r} is not a valid id; kept nowhere)"
            )
        candidate, n = wanted, 2
        while (kind, candidate) in self.taken:
            candidate, n = f"{wanted}-{n}", n + 1
        self.taken.add((kind, candidate))
        if foreign is not None:
            self.by_foreign[(kind, str(foreign))] = candidate
        return candidate


_PERSON_KEYS = {"id", "name", "other_names", "identifiers", "links"}
_ORG_KEYS = {"id", "name", "classification", "parent_id", "links"}
_MEMBERSHIP_KEYS = {"person_id", "organization_id", "role", "label", "start_date", "end_date"}


def _left_out(item: dict[str, Any], known: set[str]) -> list[str]:
    extra = sorted(key for key in item if key not in known and key != "sources")
    return [f"not imported (the format has no field for them): {', '.join(extra)}"] if extra else []


def _names(item: dict[str, Any], fields: dict[str, Any], notes: list[str]) -> None:
    name = _text(item.get("name"))
    others: list[dict[str, str]] = []
    skipped: list[str] = []
    for other in item.get("other_names", []) or []:
        if not isinstance(other, dict) or not isinstance(other.get("name"), str):
            continue
        lang = _lang(other.get("lang"))
        if lang is None:
            skipped.append(f"{other['name']!r} ({other.get('lang') or 'no language'})")
        elif other.get("note") == "multilingual" and name is not None and lang not in name:
            name[lang] = other["name"]
        else:
            entry = {"name": other["name"], "lang": lang}
            if isinstance(other.get("note"), str) and other["note"]:
                entry["note"] = other["note"]
            others.append(entry)
    if name is None:
        notes.append("name: missing; fill in `name` (en and/or ar)")
    else:
        fields["name"] = name
        first = DEFAULT_LANGUAGE.code
        others_from = [code for code in name if code != first]
        notes.append(
            f"name: {first} from `name`"
            + (
                f", {', '.join(others_from)} from `other_names` (multilingual)"
                if others_from
                else " (assumed English); add the other language"
            )
        )
    if others:
        fields["other_names"] = others
    if skipped:
        notes.append(
            f"other_names not in {' or '.join(LANGUAGE_CODES)}, left out: " + ", ".join(skipped)
        )


def _links(item: dict[str, Any], fields: dict[str, Any]) -> None:
    links = [
        {"url": link["url"], **({"note": _text(link["note"])} if _text(link.get("note")) else {})}
        for link in item.get("links", []) or []
        if isinstance(link, dict) and str(link.get("url", "")).startswith(("http://", "https://"))
    ]
    if links:
        fields["links"] = links


def _identifiers(item: dict[str, Any], fields: dict[str, Any], notes: list[str]) -> None:
    kept, dropped = [], []
    for ident in item.get("identifiers", []) or []:
        if not isinstance(ident, dict):
            continue
        if ident.get("scheme") in IDENTIFIER_SCHEMES and ident.get("identifier"):
            kept.append({"scheme": ident["scheme"], "identifier": str(ident["identifier"])})
        else:
            dropped.append(str(ident.get("scheme")))
    if kept:
        fields["identifiers"] = kept
    if dropped:
        notes.append(
            f"identifiers left out (scheme not one of {', '.join(IDENTIFIER_SCHEMES)}): "
            + ", ".join(sorted(set(dropped)))
        )


def _date(value: Any) -> str | None:
    return value if isinstance(value, str) and DATE.match(value) else None


def foreign_drafts(document: dict[str, Any]) -> list[Draft]:
    """Drafts from an EveryPolitician-style document, with what to fill in."""
    ids = _Ids()
    drafts: list[Draft] = []
    for item in document.get("organizations", []):
        notes: list[str] = []
        name = item.get("name") if isinstance(item.get("name"), str) else ""
        org_id = ids.assign("organizations", item.get("id"), name, notes)
        fields: dict[str, Any] = {"id": org_id}
        _names(item, fields, notes)
        classification = item.get("classification")
        if classification in ORGANIZATION_CLASSIFICATIONS:
            fields["classification"] = classification
        else:
            mapped = "parliament" if classification in {"legislature", "chamber"} else "other"
            fields["classification"] = mapped
            notes.append(
                f"classification: {classification!r} written as '{mapped}' (allowed: "
                f"{', '.join(ORGANIZATION_CLASSIFICATIONS)})"
            )
        _links(item, fields)
        notes.extend(_left_out(item, _ORG_KEYS))
        drafts.append(Draft("organizations", org_id, fields, notes))
    for draft, item in zip(drafts, document.get("organizations", []), strict=True):
        parent = ids.by_foreign.get(("organizations", str(item.get("parent_id"))))
        if parent is not None:
            draft.fields["parent"] = parent
    memberships: dict[str, list[dict[str, Any]]] = {}
    membership_notes: dict[str, list[str]] = {}
    for item in document.get("memberships", []):
        person = str(item.get("person_id"))
        notes = membership_notes.setdefault(person, [])
        role = _text(item.get("role")) or _text(item.get("label"))
        entry: dict[str, Any] = {"role": role or {DEFAULT_LANGUAGE.code: "Member"}}
        if role is None:
            notes.append("memberships: no role in the file, written as 'Member'; check it")
        org = ids.by_foreign.get(("organizations", str(item.get("organization_id"))))
        if org is not None:
            entry["organization"] = org
        elif item.get("organization_id") is not None:
            notes.append(
                f"memberships: organization {item['organization_id']!r} is not in the "
                "file; left out"
            )
        for key in ("start_date", "end_date"):
            if _date(item.get(key)):
                entry[key] = item[key]
            elif item.get(key):
                notes.append(f"memberships: {key} {item[key]!r} is not a date; left out")
        notes.extend(f"memberships: {note}" for note in _left_out(item, _MEMBERSHIP_KEYS))
        memberships.setdefault(person, []).append(entry)
    for item in document.get("persons", []):
        notes = []
        name = item.get("name") if isinstance(item.get("name"), str) else ""
        person_id = ids.assign("people", item.get("id"), name, notes)
        fields = {"id": person_id}
        _names(item, fields, notes)
        notes.append(
            "country: not in the file; fill in `country` (the ISO 3166-1 alpha-2 "
            "code of the country the person serves, e.g. IR)"
        )
        own = memberships.pop(str(item.get("id")), [])
        if own:
            fields["memberships"] = own
            notes.append(
                f"memberships: {len(own)} mapped (role, organization, start_date, "
                "end_date); fill in the `sources` of each"
            )
        notes.extend(dict.fromkeys(membership_notes.get(str(item.get("id")), [])))
        _links(item, fields)
        _identifiers(item, fields, notes)
        notes.append(
            "sources: none (a Popolo source is a link, ours a source file); add a "
            "source with `python -m generator new source ID` and name it in `sources`"
        )
        notes.extend(_left_out(item, _PERSON_KEYS))
        drafts.append(Draft("people", person_id, fields, notes))
    for key, value in document.items():
        if key not in POPOLO_KEYS and key != "meta" and isinstance(value, list) and value:
            drafts.append(
                Draft(
                    "people",
                    "",
                    {},
                    [f"'{key}' ({len(value)}): the format has no such kind; left out"],
                )
            )
    for person in memberships:
        drafts.append(
            Draft("people", "", {}, [f"memberships of unknown person {person!r} left out"])
        )
    return drafts
