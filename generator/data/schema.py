"""The data format of `site_data/`, declared once.

Each kind of entity is a pydantic model with a description on every field. The same
declaration validates the YAML (`generator.data.check`), produces a JSON Schema per kind for editors
(`generator.data.json_schemas`) and the format's reference page (`generator.data.reference`).

Cross-references are declared with `ref(...)`: the checker resolves every one of them, so a
reference to a missing person, organization, source or visit is an error, never a silent skip.
Every field of a kind has an example (`examples=`), drawn from the shipped data: `new` writes
them into its templates, the JSON Schemas offer them to editors, the reference page shows them.

The scalar types (ids, codes, addresses, partial dates) and the limits of texts are declared in
`generator.data.scalars`, and offered here too.

Longer than 400 lines: the models with their descriptions and examples are the declaration,
read as one; the check, the JSON Schemas, the reference page and `new` are all made from it.
"""

from __future__ import annotations

import functools
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    create_model,
    model_validator,
)
from pydantic.fields import FieldInfo

from generator.data.declaration import FieldType, field_type
from generator.data.scalars import (
    COUNTRY_CODES,
    CURRENCY_CODES,
    DATE_PATTERN,
    GENERATED_PAGE_IDS,
    MAX_AMOUNT,
    MAX_COUNT,
    MAX_FORMER_IDS,
    MAX_LINE_LENGTH,
    MAX_LONG_LENGTH,
    MAX_SHORT_LENGTH,
    MAX_URL_LENGTH,
    RESERVED_IDS,
    SLUG_PATTERN,
    WINDOWS_DEVICE_NAMES,
    CountryCode,
    CurrencyCode,
    Date,
    LanguageCode,
    PartialDate,
    Slug,
    Url,
    fail,
)
from generator.languages import LANGUAGE_CODES, LANGUAGES
from generator.languages.i18n import label

# The scalar types (generator/data/scalars.py) are part of the declaration, and importers find
# them here too: `__all__` names those this module passes on (its own names are public anyway).
__all__ = [
    "COUNTRY_CODES",
    "CURRENCY_CODES",
    "DATE_PATTERN",
    "GENERATED_PAGE_IDS",
    "MAX_AMOUNT",
    "MAX_COUNT",
    "MAX_FORMER_IDS",
    "MAX_LINE_LENGTH",
    "MAX_LONG_LENGTH",
    "MAX_SHORT_LENGTH",
    "MAX_URL_LENGTH",
    "RESERVED_IDS",
    "SLUG_PATTERN",
    "WINDOWS_DEVICE_NAMES",
    "CountryCode",
    "CurrencyCode",
    "Date",
    "LanguageCode",
    "PartialDate",
    "Slug",
    "Url",
]

# --- references -----------------------------------------------------------------------------

KINDS: tuple[str, ...] = ("people", "organizations", "sources", "visits")


def ref(kind: str, description: str, **kwargs: Any) -> Any:
    """A field holding the id (or ids) of entities of `kind`; the checker resolves it."""
    assert kind in KINDS, kind
    return Field(description=description, json_schema_extra={"x-references": kind}, **kwargs)


def sources_field(what: str, **kwargs: Any) -> Any:
    return ref(
        "sources",
        f"Ids of the sources (`site_data/sources/`) that support {what}. At least one.",
        min_length=1,
        **kwargs,
    )


def quoted_from_field(text: str) -> Any:
    """The source a text was taken from word for word (a register's remarks), if it was."""
    return ref(
        "sources",
        f"Id of the source the {text} is quoted from word for word, when it is not in your own "
        f"words (a register's remarks, an official biography): the page then shows the {text} "
        "as a quotation of that source, not as the editors' writing.",
        default=None,
        examples=["pakistan-mofa-post-2025-11-25"],
    )


# --- building blocks --------------------------------------------------------------------------


class Strict(BaseModel):
    """Base of every model: unknown fields are errors (they are usually typos)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class _Texts(Strict):
    """What a text in the site's languages can do; its fields, one per language, are made
    from the languages' declaration (`generator.languages.LANGUAGES`) by `_text_model`."""

    def get(self, lang: str) -> str | None:
        value = getattr(self, lang, None)
        return value if isinstance(value, str) else None

    def missing(self) -> list[str]:
        return [code for code in LANGUAGE_CODES if self.get(code) is None]


class _PartialTexts(_Texts):
    @model_validator(mode="after")
    def _at_least_one(self) -> _PartialTexts:
        if all(self.get(code) is None for code in LANGUAGE_CODES):
            codes = ", ".join(LANGUAGE_CODES)
            raise fail(
                "sijill_text_empty", f"no text in any language; allowed: at least one of {codes}"
            )
        return self


_TEXT_DOC = """Text in the site's languages: at least one; a translation may still be missing.

    A missing translation is reported as a warning (`check` counts them per field, and
    `translations` lists them) and shown on the site in the original language and script,
    marked as not yet translated; it is never filled in from the other language silently.
    Each text needs visible characters, and holds at most 300 characters in a name, title,
    role, topic or short note, and 10,000 in a summary, a quote or a source's note.
    """


def _text_model(name: str, base: type[_Texts], doc: str, *, required: bool) -> type[_Texts]:
    """A model with one text field per language of the site, in the declaration's order."""
    fields: dict[str, Any] = {
        lang.code: (
            str if required else str | None,
            Field(
                ... if required else None,
                # The declaration speaks English: the language's name in the English catalog.
                description=f"The text in {label('en', f'language_name_{lang.code}')}.",
                min_length=1,
            ),
        )
        for lang in LANGUAGES
    }
    return create_model(name, __base__=base, __doc__=doc, __module__=__name__, **fields)


if TYPE_CHECKING:  # mypy sees one attribute per language code

    class Text(_PartialTexts):
        def __getattr__(self, code: str) -> str | None: ...

else:
    # Every text needs one language at least; since issue 13 (English-only archives) no text
    # requires every language, so `PartialText` is another name for `Text`.
    Text = _text_model("Text", _PartialTexts, _TEXT_DOC, required=False)
PartialText = Text


class OtherName(Strict):
    """Another name or spelling (Popolo `other_names`)."""

    name: str = Field(description="The name as written, e.g. 'Qalibaf' or 'قاليباف'.", min_length=1)
    lang: LanguageCode = Field(description="The language the name is written in.")
    note: str | None = Field(
        default=None, description="Why the name exists, e.g. 'transliteration' or 'short form'."
    )


class Identifier(Strict):
    """An identifier in another system (Popolo `identifiers`)."""

    scheme: Literal["wikidata", "viaf", "isni", "twitter", "official-website"] = Field(
        description="The system the identifier belongs to."
    )
    identifier: str = Field(description="The identifier, e.g. Wikidata's 'Q355915'.", min_length=1)


class Link(Strict):
    """An official account or page (Popolo `links`)."""

    url: Url = Field(description="An absolute http(s) URL.")
    note: PartialText | None = Field(
        default=None, description="What the link is, e.g. 'Official account on X'."
    )


class Membership(Strict):
    """A position held (Popolo `Membership`; Wikidata P39 with P580/P582)."""

    role: Text = Field(description="The position, e.g. 'Secretary' / 'أمين'.")
    organization: str | None = ref(
        "organizations", "Id of the organization the position belongs to.", default=None
    )
    start_date: Date | None = Field(
        default=None, description="When the position was taken up, at the precision known."
    )
    end_date: Date | None = Field(
        default=None,
        description=(
            "When the position ended. Absent with `current: true` while it is held; absent "
            "without it, the site says the end is not recorded."
        ),
    )
    current: bool = Field(
        default=False,
        description=(
            "True when the source says the position is held now (at the source's date); the "
            "site then shows 'present'. Leave it out for a position whose end is simply not "
            "known: the site never assumes it is still held. Not with `end_date`."
        ),
        examples=[True],
    )
    sources: list[str] = sources_field("the position")

    @model_validator(mode="after")
    def _current_or_ended(self) -> Membership:
        if self.current and self.end_date is not None:
            raise fail(
                "sijill_membership_current",
                "a membership is either 'current: true' or has an 'end_date', not both; "
                "allowed: one of them, or neither when the end is not recorded",
            )
        return self


# --- entities ---------------------------------------------------------------------------------


def id_field(example: str | None = None) -> Any:
    """The `id` of an entity; each kind declares it again with its own example."""
    return Field(
        description=(
            "The entity's id: must equal the file name without '.yml'. At most 100 "
            "characters; not `index` (each folder's list page) nor a name Windows reserves "
            "(`con`, `prn`, `aux`, `nul`, `com0` to `com9`, `lpt0` to `lpt9`)."
        ),
        examples=None if example is None else [example],
    )


def former_ids_field(example: list[str] | None = None) -> Any:
    return Field(
        default_factory=list,
        # Each former id is a redirect page per language: a bound keeps a file's pages few.
        max_length=MAX_FORMER_IDS,
        description=(
            "Ids the entity had before a rename; the site redirects them to this page. At most "
            f"{MAX_FORMER_IDS}."
        ),
        examples=None if example is None else [example],
    )


class Entity(Strict):
    id: Slug = id_field()
    former_ids: list[Slug] = former_ids_field()


class Person(Entity):
    """A person: an official, a diplomat, a spokesperson (Popolo `Person`)."""

    id: Slug = id_field(example="ali-larijani")
    former_ids: list[Slug] = former_ids_field(example=["larijani"])

    name: Text = Field(
        description="The name in each language, as the page title shows it.",
        examples=[{"en": "Ali Larijani", "ar": "علي لاريجاني"}],
    )
    other_names: list[OtherName] = Field(
        default_factory=list,
        description="Other spellings and transliterations, e.g. Ghalibaf / Qalibaf / قاليباف.",
        examples=[[{"name": "Larijani", "lang": "en", "note": "short form"}]],
    )
    country: CountryCode = Field(
        description="The country the person serves (ISO 3166-1 alpha-2; ISO 3166-3 for a "
        "former state).",
        examples=["IR"],
    )
    summary: PartialText | None = Field(
        default=None,
        description="A short summary in your own words.",
        examples=[
            {
                "en": "Secretary of Iran's Supreme National Security Council.",
                "ar": "أمين المجلس الأعلى للأمن القومي في إيران.",
            }
        ],
    )
    summary_quoted_from: str | None = quoted_from_field("summary")
    memberships: list[Membership] = Field(
        default_factory=list,
        description="Positions held, each with dates and sources.",
        examples=[
            [
                {
                    "role": {
                        "en": "Secretary of the Supreme National Security Council",
                        "ar": "أمين المجلس الأعلى للأمن القومي",
                    },
                    "organization": "supreme-national-security-council",
                    "start_date": "2025-08",
                    "end_date": "2026-01",
                    "sources": ["2025-11-25-larijani-islamabad-report"],
                }
            ]
        ],
    )
    identifiers: list[Identifier] = Field(
        default_factory=list,
        description="Identifiers in other systems, e.g. Wikidata.",
        examples=[[{"scheme": "wikidata", "identifier": "Q355915"}]],
    )
    links: list[Link] = Field(
        default_factory=list,
        description="Official accounts and pages.",
        examples=[
            [
                {
                    "url": "https://x.com/alilarijani_ir",
                    "note": {"en": "Account on X", "ar": "حسابه على منصة إكس"},
                }
            ]
        ],
    )
    sources: list[str] = sources_field(
        "the person's facts", examples=[["2025-11-25-larijani-islamabad-report"]]
    )


ORGANIZATION_CLASSIFICATIONS = (
    "government",
    "ministry",
    "council",
    "parliament",
    "presidency",
    "embassy",
    "military",
    "news-agency",
    "party",
    "international",
    "other",
)


class Organization(Entity):
    """A ministry, council, parliament, news agency... (Popolo `Organization`)."""

    id: Slug = id_field(example="ministry-of-foreign-affairs-pakistan")
    former_ids: list[Slug] = former_ids_field(example=["mofa-pakistan"])

    name: Text = Field(
        description="The name in each language.",
        examples=[
            {"en": "Ministry of Foreign Affairs of Pakistan", "ar": "وزارة الخارجية الباكستانية"}
        ],
    )
    abbreviation: PartialText | None = Field(
        default=None, description="A short form, e.g. 'IRNA' / 'إرنا'.", examples=[{"en": "MOFA"}]
    )
    classification: Literal[ORGANIZATION_CLASSIFICATIONS] = Field(  # type: ignore[valid-type]
        description="What kind of organization it is.", examples=["ministry"]
    )
    country: CountryCode | None = Field(
        default=None, description="Its country; absent for international bodies.", examples=["PK"]
    )
    parent: str | None = ref(
        "organizations",
        "Id of the organization it belongs to, if any.",
        default=None,
        examples=["government-of-pakistan"],
    )
    links: list[Link] = Field(
        default_factory=list,
        description="Official website and accounts.",
        examples=[
            [
                {
                    "url": "https://x.com/ForeignOfficePk",
                    "note": {"en": "Official account on X", "ar": "الحساب الرسمي على منصة إكس"},
                }
            ]
        ],
    )
    sources: list[str] = ref(
        "sources",
        "Ids of the sources that mention it.",
        default_factory=list,
        examples=[["pakistan-mofa-post-2025-11-25"]],
    )


class SourceKind(StrEnum):
    article = "article"
    post = "post"
    statement = "statement"
    report = "report"
    interview = "interview"
    register = "register"
    database = "database"


class Source(Entity):
    """An article, post or statement that facts come from."""

    id: Slug = id_field(example="irna-report-2025-11-25")
    former_ids: list[Slug] = former_ids_field(example=["irna-report"])

    kind: SourceKind = Field(description="What the source is.", examples=["article"])
    title: PartialText = Field(
        description="The title; in the source's own language at least, translated where possible.",
        examples=[
            {
                "en": "IRNA reports on Ali Larijani's visit to Pakistan",
                "ar": "تقارير إرنا عن زيارة علي لاريجاني إلى باكستان",
            }
        ],
    )
    publisher: str | None = ref(
        "organizations",
        "Id of the organization that published it; leave it out when the source does not say "
        "(the site then names no publisher rather than a made-up one).",
        default=None,
        examples=["irna"],
    )
    language: LanguageCode = Field(
        description="The language the source is written in.", examples=["ar"]
    )
    published: Date | None = Field(
        default=None,
        description=(
            "The publication date, at the precision known. A source needs it or `accessed` "
            "(or both)."
        ),
        examples=["2025-11-25"],
        # `new` writes a placeholder for it, as for a required field: most sources have one.
        json_schema_extra={"x-new-placeholder": True},
    )
    accessed: Date | None = Field(
        default=None,
        description=(
            "When the source was read, for a source with no publication date (a register, a "
            "database, a page that changes); the site then shows 'accessed' and this date."
        ),
        examples=["2025-11-26"],
    )
    url: Url | None = Field(
        default=None,
        description="Where it can be read, if it is online.",
        examples=["https://www.irna.ir/"],
    )
    cites: list[str] = ref(
        "sources",
        "Ids of sources this one quotes or relies on (e.g. news agencies it cites).",
        default_factory=list,
        examples=[["pakistan-mofa-post-2025-11-25"]],
    )
    note: PartialText | None = Field(
        default=None,
        description="A note for readers.",
        examples=[{"en": "Read in Arabic translation.", "ar": "اطّلعنا عليه في ترجمته العربية."}],
    )

    @model_validator(mode="after")
    def _dated(self) -> Source:
        if self.published is None and self.accessed is None:
            raise fail(
                "sijill_source_undated",
                "a source needs a date; allowed: 'published' (the publication date), "
                "'accessed' (when it was read, for a register or database with no publication "
                "date), or both",
            )
        return self

    @property
    def known_date(self) -> PartialDate:
        """The publication date, or else the access date (the check requires one of them)."""
        date = self.published or self.accessed
        assert date is not None
        return date


# The kinds of visit protocol offices and registers distinguish, in the order of the reference.
VISIT_CLASSIFICATIONS = (
    "state",
    "official",
    "official-working",
    "working",
    "private",
    "informal",
    "transit",
    "multilateral",
    "unspecified",
)
# The schema.org type of each kind (JSON-LD and the JSON download). schema.org has no type for
# a diplomatic visit or a summit, nor for a stopover: every kind is an `Event`; the kind itself
# travels as `classification` (JSON) and on the page.
VISIT_SCHEMA_ORG_TYPES: dict[str, str] = dict.fromkeys(VISIT_CLASSIFICATIONS, "Event")
PLACE_KINDS = ("city", "venue", "airport", "air-base", "region")


class Place(Strict):
    """A place the visit went to."""

    name: Text = Field(description="The place's name in each language.")
    kind: Literal[PLACE_KINDS] | None = Field(  # type: ignore[valid-type]
        default=None,
        description=(
            "What kind of place it is; leave it out when the source does not say (the site "
            "then shows the name alone)."
        ),
    )
    city: Text | None = Field(
        default=None, description="The city a venue, airport or air base is in or near."
    )


class Attendee(Strict):
    """A visitor, host or meeting participant, written as a map: a catalogued person with the
    title held on that occasion, or someone the source names who has no file of their own.

    In `visitors`, `hosts` and `participants` a plain id (`ali-larijani`) is the short form of
    `{person: ali-larijani}`."""

    person: str | None = ref(
        "people",
        "Id of the person, when they have a file in site_data/people/. Not with `name`.",
        default=None,
        examples=["ali-larijani"],
    )
    name: Text | None = Field(
        default=None,
        description=(
            "The name as the source gives it, for someone with no file of their own: the page "
            "shows it without a link. Not with `person`."
        ),
        examples=[{"en": "Lamberto Dini"}],
    )
    role: Text | None = Field(
        default=None,
        description=(
            "The title held on that occasion, as the source gives it, e.g. 'Prime Minister' or "
            "'President-elect'; the page shows it before the name."
        ),
        examples=[{"en": "Foreign Minister", "ar": "وزير الخارجية"}],
    )
    country: CountryCode | None = Field(
        default=None,
        description=(
            "The country a named person served (ISO 3166-1 alpha-2; ISO 3166-3 for a former "
            "state). Only with `name`: a catalogued person's country is in their file."
        ),
        examples=["IT"],
    )

    @model_validator(mode="after")
    def _person_or_name(self) -> Attendee:
        if (self.person is None) == (self.name is None):
            raise fail(
                "sijill_attendee",
                "an attendee is either a catalogued 'person' (an id) or a 'name', not both "
                "and not neither; allowed: 'person: <id>' or 'name: {en: ..., ar: ...}', "
                "each with an optional 'role'",
            )
        if self.person is not None and self.country is not None:
            raise fail(
                "sijill_attendee_country",
                "'country' goes with a 'name' only: a catalogued person's country is in their "
                "file; allowed: leave 'country' out",
            )
        return self

    @property
    def is_named(self) -> bool:
        """Someone named only: no page to link."""
        return self.person is None


def _attendee_from_id(value: Any) -> Any:
    """A plain id is the short form of `{person: id}`."""
    return {"person": value} if isinstance(value, str) else value


# An attendee as written in YAML: an id, or an `Attendee` map.
AttendeeEntry = Annotated[
    Attendee, BeforeValidator(_attendee_from_id, json_schema_input_type=Slug | Attendee)
]


def attendee_ids(attendees: list[Attendee]) -> list[str]:
    """The catalogued people among `attendees`, in order."""
    return [a.person for a in attendees if a.person is not None]


class Meeting(Strict):
    """Who met whom during the visit."""

    participants: list[AttendeeEntry] = ref(
        "people",
        "The people who met (at least two): ids, or Attendee maps (with the title held then, "
        "or a name for someone with no file).",
        min_length=2,
    )
    date: Date | None = Field(default=None, description="When, at the precision known.")
    summary: PartialText | None = Field(default=None, description="What the meeting was about.")
    sources: list[str] = sources_field("the meeting")

    @property
    def participant_ids(self) -> list[str]:
        """The catalogued participants (those with a page)."""
        return attendee_ids(self.participants)


OUTCOME_KINDS = ("agreement", "memorandum", "target", "statement")


class Amount(Strict):
    """A number with its unit, e.g. 10 billion US dollars."""

    value: float = Field(
        description="The number, in full: 10000000000 for 10 billion; at most 10^18.",
        gt=0,
        le=MAX_AMOUNT,
    )
    currency: CurrencyCode | None = Field(
        default=None, description="ISO 4217 code when the amount is money, e.g. 'USD'."
    )
    unit: Text | None = Field(
        default=None, description="The unit when it is not money, e.g. 'tonnes'."
    )
    period: Literal["year", "month", "total"] = Field(
        default="total", description="Whether the amount is per year, per month, or a total."
    )

    @model_validator(mode="after")
    def _currency_or_unit(self) -> Amount:
        if (self.currency is None) == (self.unit is None):
            raise fail(
                "sijill_amount_unit",
                "an amount needs exactly one of 'currency' (money) or 'unit' (anything else)",
            )
        return self


class Outcome(Strict):
    """What a visit produced: agreements, memoranda, targets, statements."""

    kind: Literal[OUTCOME_KINDS] = Field(description="What kind of outcome it is.")  # type: ignore[valid-type]
    summary: Text = Field(description="The outcome in a sentence, in your own words.")
    count: int | None = Field(
        default=None,
        gt=0,
        le=MAX_COUNT,
        description="How many, e.g. 12 memoranda of understanding; at most a billion.",
    )
    count_is_minimum: bool = Field(
        default=False, description="True when the source says 'at least' that many."
    )
    amount: Amount | None = Field(
        default=None, description="The amount a target names, e.g. 10 billion USD of trade."
    )
    sources: list[str] = sources_field("the outcome")


class Quote(Strict):
    """A short quote, in its original language, attributed."""

    speaker: str = ref("people", "Id of the person quoted.")
    text: str = Field(description="The quote as the source gives it; keep it short.", min_length=1)
    lang: LanguageCode = Field(description="The language of `text`.")
    translation: PartialText | None = Field(
        default=None, description="Translations into the site's other languages."
    )
    context: PartialText | None = Field(
        default=None, description="Where and when it was said, e.g. 'on arrival', 'on X'."
    )
    sources: list[str] = sources_field("the quote")


class Visit(Entity):
    """A visit by one or more officials to another country (a Popolo `Event`)."""

    id: Slug = id_field(example="2025-11-larijani-pakistan")
    former_ids: list[Slug] = former_ids_field(example=["2025-11-larijani-islamabad"])

    classification: Literal[VISIT_CLASSIFICATIONS] = Field(  # type: ignore[valid-type]
        description=(
            "The kind of visit, as the source or the register names it: `state` (a head of "
            "state invited by another, with full ceremony), `official` (at the invitation of "
            "the host government, with ceremony), `official-working` (official, with reduced "
            "ceremony), `working` (talks without ceremony), `private` (not on official "
            "business), `informal` (unofficial: a meeting outside the protocol of visits, e.g. "
            "an informal summit or a retreat), `transit` (a stopover on the way elsewhere), "
            "`multilateral` (to attend a multilateral meeting or summit, e.g. the UN General "
            "Assembly), `unspecified` when the source does not say."
        ),
        examples=["official"],
    )
    title: Text | None = Field(
        default=None,
        description=(
            "A title; when absent the site writes one, e.g. 'Ali Larijani's visit to Pakistan'."
        ),
        examples=[
            {"en": "Ali Larijani's visit to Pakistan", "ar": "زيارة علي لاريجاني إلى باكستان"}
        ],
    )
    visitors: list[AttendeeEntry] = ref(
        "people",
        "The people who visited: ids, or Attendee maps (with the title held then, or a name "
        "for someone with no file).",
        min_length=1,
        examples=[["ali-larijani"]],
    )
    hosts: list[AttendeeEntry] = ref(
        "people",
        "The people who received them: ids, or Attendee maps (with the title held then, or a "
        "name for someone with no file).",
        default_factory=list,
        examples=[
            [
                {
                    "person": "mohammad-ishaq-dar",
                    "role": {
                        "en": "Deputy Prime Minister and Foreign Minister",
                        "ar": "نائب رئيس الوزراء ووزير الخارجية",
                    },
                }
            ]
        ],
    )
    from_country: CountryCode = Field(
        description="The visitors' country (ISO 3166-1 alpha-2; ISO 3166-3 for a former state).",
        examples=["IR"],
    )
    to_country: CountryCode = Field(
        description="The country visited (ISO 3166-1 alpha-2; ISO 3166-3 for a former state).",
        examples=["PK"],
    )
    places: list[Place] = Field(
        default_factory=list,
        description="Cities and venues, e.g. the air base of arrival.",
        examples=[
            [
                {
                    "name": {"en": "Nur Khan Air Base", "ar": "مطار نور خان العسكري"},
                    "kind": "air-base",
                    "city": {"en": "Rawalpindi", "ar": "روالبندي"},
                }
            ]
        ],
    )
    start_date: Date = Field(
        description="When the visit began, at the precision the source gives.",
        examples=["2025-11-25"],
    )
    end_date: Date | None = Field(
        default=None,
        description="When it ended; absent when the source does not say.",
        examples=["2025-11-26"],
    )
    summary: PartialText = Field(
        description="What the visit was about, in your own words.",
        examples=[
            {
                "en": "Talks in Islamabad on bilateral relations and trade.",
                "ar": "مباحثات في إسلام آباد حول العلاقات الثنائية والتجارة.",
            }
        ],
    )
    summary_quoted_from: str | None = quoted_from_field("summary")
    topics: list[Text] = Field(
        default_factory=list,
        description="Subjects discussed.",
        examples=[[{"en": "Bilateral trade", "ar": "التجارة الثنائية"}]],
    )
    meetings: list[Meeting] = Field(
        default_factory=list,
        description="Who met whom.",
        examples=[
            [
                {
                    "participants": ["ali-larijani", "mohammad-ishaq-dar"],
                    "date": "2025-11-25",
                    "summary": {"en": "Official talks.", "ar": "مباحثات رسمية."},
                    "sources": ["pakistan-mofa-post-2025-11-25"],
                }
            ]
        ],
    )
    outcomes: list[Outcome] = Field(
        default_factory=list,
        description="Agreements, memoranda, targets and statements.",
        examples=[
            [
                {
                    "kind": "target",
                    "summary": {
                        "en": "Raise bilateral trade to 10 billion US dollars a year.",
                        "ar": "رفع التجارة الثنائية إلى 10 مليارات دولار سنوياً.",
                    },
                    "count": 1,
                    "count_is_minimum": False,
                    "amount": {"value": 10000000000, "currency": "USD", "period": "year"},
                    "sources": ["2025-11-25-larijani-islamabad-report"],
                }
            ]
        ],
    )
    quotes: list[Quote] = Field(
        default_factory=list,
        description="Short attributed quotes.",
        examples=[
            [
                {
                    "speaker": "ali-larijani",
                    "text": "هدف واقعي يمكن تحقيقه",
                    "lang": "ar",
                    "translation": {"en": "a realistic goal that can be achieved"},
                    "context": {
                        "en": "On raising bilateral trade to 10 billion dollars.",
                        "ar": "عن رفع حجم التجارة الثنائية إلى 10 مليارات دولار.",
                    },
                    "sources": ["2025-11-25-larijani-islamabad-report"],
                }
            ]
        ],
    )
    parent: str | None = ref(
        "visits",
        "Id of the trip this visit is one leg of, if any.",
        default=None,
        examples=["2025-11-larijani-asia-tour"],
    )
    sources: list[str] = sources_field(
        "the visit", examples=[["2025-11-25-larijani-islamabad-report"]]
    )

    @property
    def visitor_ids(self) -> list[str]:
        """The catalogued visitors (those with a page)."""
        return attendee_ids(self.visitors)

    @property
    def host_ids(self) -> list[str]:
        """The catalogued hosts (those with a page)."""
        return attendee_ids(self.hosts)


# --- states the data declares ----------------------------------------------------------------

STATES_FILE = "former_states.yml"  # in the data folder, beside the kinds' folders


class DeclaredState(Strict):
    """A state that no longer exists and has no ISO 3166 code (a 19th-century kingdom),
    declared once in `site_data/former_states.yml` under a code ISO 3166-1 leaves to its users
    (`XA` to `XZ` but `XK`, `QM` to `QZ`, `AA`, `ZZ`); visits and people then use that code as
    any other. A state ISO 3166-3 lists (the Soviet Union, `SUHH`) needs no declaration."""

    name: Text = Field(
        description="The state's name in each language.",
        examples=[{"en": "Kingdom of Hawaii", "ar": "مملكة هاواي"}],
    )
    start_year: int = Field(
        description="The first year the state existed.", ge=-5000, le=3000, examples=[1795]
    )
    end_year: int = Field(
        description="The last year the state existed.", ge=-5000, le=3000, examples=[1893]
    )
    successors: list[CountryCode] = Field(
        default_factory=list,
        description=(
            "The states that took its place: ISO 3166-1 alpha-2 codes, ISO 3166-3 codes or "
            "codes declared in this file. Their country pages link it, and it links them."
        ),
        examples=[["US"]],
    )

    @model_validator(mode="after")
    def _years_in_order(self) -> DeclaredState:
        if self.end_year < self.start_year:
            raise fail(
                "sijill_state_years",
                f"end_year {self.end_year} is before start_year {self.start_year}; allowed: a "
                "year on or after the first",
            )
        return self


MODELS: dict[str, type[Entity]] = {
    "people": Person,
    "organizations": Organization,
    "sources": Source,
    "visits": Visit,
}
SINGULAR: dict[str, str] = {
    "people": "person",
    "organizations": "organization",
    "sources": "source",
    "visits": "visit",
}


def example(model: type[BaseModel]) -> dict[str, Any]:
    """A whole example of the model, from its fields' first examples (`Field(examples=...)`)."""
    return {name: info.examples[0] for name, info in model.model_fields.items() if info.examples}


# --- kinds of text --------------------------------------------------------------------------

# The fields of free text, by model and name, with what they hold: "name" (names and titles,
# which are page titles and link texts), "line" (other one-line text), "url" or "long"
# (summaries, quotes). Every other text field holds an id, a reference, a date or a code.
TEXT_KINDS: dict[str, int] = {
    "short": MAX_SHORT_LENGTH,
    "name": MAX_LINE_LENGTH,
    "line": MAX_LINE_LENGTH,
    "url": MAX_URL_LENGTH,
    "long": MAX_LONG_LENGTH,
}
TEXT_FIELDS: dict[tuple[type[BaseModel], str], str] = {
    (Person, "name"): "name",
    (Person, "summary"): "long",
    (OtherName, "name"): "name",
    (OtherName, "note"): "line",
    (Identifier, "identifier"): "url",  # an official website's address, for one
    (Link, "url"): "url",
    (Link, "note"): "line",
    (Membership, "role"): "line",
    (Organization, "name"): "name",
    (Organization, "abbreviation"): "name",
    (Source, "title"): "name",
    (Source, "url"): "url",
    (Source, "note"): "long",
    (Place, "name"): "name",
    (Place, "city"): "name",
    (Attendee, "name"): "name",
    (Attendee, "role"): "line",
    (Meeting, "summary"): "long",
    (Amount, "unit"): "line",
    (Outcome, "summary"): "long",
    (Quote, "text"): "long",
    (Quote, "translation"): "long",
    (Quote, "context"): "line",
    (Visit, "title"): "name",
    (Visit, "summary"): "long",
    (Visit, "topics"): "line",
    (DeclaredState, "name"): "name",
}
_LANGUAGE_TEXTS = (Text, PartialText)


@functools.cache
def text_kinds(model: type[BaseModel]) -> dict[tuple[str, ...], str]:
    """What each text of a file of `model` holds, by its field names from the top (list
    indices left out): `("name", "en")` -> "name", `("quotes", "text")` -> "long"."""
    kinds: dict[tuple[str, ...], str] = {}
    for name, info in model.model_fields.items():
        found = field_type(info)
        inner = found.base
        declared = TEXT_FIELDS.get((model, name))
        if isinstance(inner, type) and issubclass(inner, _LANGUAGE_TEXTS):
            if declared is None:
                raise KeyError(f"{model.__name__}.{name}: declare its kind in TEXT_FIELDS")
            kinds.update({(name, code): declared for code in LANGUAGE_CODES})
        elif isinstance(inner, type) and issubclass(inner, BaseModel):
            kinds.update({(name, *path): kind for path, kind in text_kinds(inner).items()})
            if not _is_free_text(info, found):  # an id that may be a map (an attendee)
                kinds[(name,)] = "short"
        elif inner is str and declared is None and _is_free_text(info, found):
            raise KeyError(f"{model.__name__}.{name}: declare its kind in TEXT_FIELDS")
        else:
            kinds[(name,)] = declared or "short"
    return kinds


def _is_free_text(info: FieldInfo, found: FieldType) -> bool:
    """Whether a field of text is free text: not a reference, nor a type with its own rules."""
    extra = info.json_schema_extra
    if isinstance(extra, dict) and "x-references" in extra:
        return False
    return not any(isinstance(item, AfterValidator | BeforeValidator) for item in found.metadata)


# The named scalar types, by the word the reference page and `new` know them by.
NAMED_TYPES: dict[str, Any] = {
    "slug": Slug,
    "date": Date,
    "country": CountryCode,
    "currency": CurrencyCode,
    "language": LanguageCode,
    "url": Url,
}


def named_type(found: FieldType) -> str | None:
    """Which of the format's named scalar types a field holds (or holds a list of), if any."""
    return next((name for name, named in NAMED_TYPES.items() if found.carries(named)), None)
