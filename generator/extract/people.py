"""People: known ones from `site_data/people/`, and candidates introduced with a title.

Known people are found by every name and `other_names` entry, in both languages, whatever the
article's language. A candidate is a name that follows a title ("وزير الداخلية الباكستاني محسن
نقوي", "Foreign Minister Hakan Fidan") or an English name followed by ", <title>", and that is
no known person. Arabic has no capital letters, so an Arabic name is read as the two to four
words after the title, stopping at punctuation, a function word, a place, a date word or another
title.

Longer than 400 lines: finding known people and reading candidates share the word lists and
the stop rules (titles, places, function words, date words) in both languages; apart, each half
would reach into the other's internals.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from generator.data.dataset import Dataset
from generator.extract.model import PersonFound, PersonRef, evidence
from generator.extract.normalize import key, strip_article
from generator.extract.phrases import PhraseMatch, PhraseMatcher
from generator.extract.places import Places
from generator.extract.text import Document, Span, SpanIndex, Token

# --- title words --------------------------------------------------------------------------

_AR_HEADS = {
    key(word)
    for word in (
        "وزير", "وزيرة", "رئيس", "رئيسة", "نائب", "سفير", "سفيرة", "أمين", "مستشار", "مستشارة",
        "متحدث", "ناطق", "قائد", "محافظ", "حاكم", "ملك", "أمير", "مبعوث", "مندوب", "مدير",
        "مديرة", "سيناتور", "جنرال", "لواء", "عميد", "شيخ", "ولي", "المشير", "الفريق",
    )
}  # fmt: skip
# Nouns that continue a title as the first term of an idafa: "رئيس مجلس الشورى".
_AR_TITLE_NOUNS = {
    key(word)
    for word in (
        "مجلس", "هيئة", "شؤون", "جمهورية", "مكتب", "لجنة", "وزارة", "حرس", "أركان", "قوات",
        "جيش", "بنك", "مصرف", "منظمة", "عام", "الأمن", "الدولة", "الحكومة", "باسم",
    )
}  # fmt: skip
_AR_STOP = {
    key(word)
    for word in (
        "في", "إلى", "الى", "على", "من", "عن", "مع", "لدى", "إن", "أن", "ان", "الذي", "التي",
        "الذين", "خلال", "عقب", "بعد", "قبل", "منذ", "حيث", "كما", "ثم", "أو", "لا", "لم", "لن",
        "قد", "هو", "هي", "هذا", "هذه", "ذلك", "تلك", "يوم", "اليوم", "أمس", "غدا", "مساء",
        "صباح", "قال", "أكد", "أضاف", "أعلن", "وصل", "زار", "التقى", "بحث", "دعا", "أشار",
        "شدد", "يزور", "يلتقي", "استقبل", "وصف", "كتب", "أوضح", "نظيره", "نظيرته", "نظيريه",
        "وفد", "وفدا", "بأن", "بأنه", "بأنها", "لقاء", "لقاءه", "زيارة", "زيارته", "جولة",
        "مباحثات", "محادثات", "اجتماع", "عبر", "بين", "حول", "نحو", "ضمن", "دون", "أيضا",
        "عاصمة", "العاصمة", "مدينة", "برئاسة", "بحضور", "بصفته",
    )
}  # fmt: skip

_EN_HEADS = {
    "minister", "president", "speaker", "ambassador", "secretary", "senator", "chairman",
    "chairwoman", "governor", "king", "emir", "prince", "sheikh", "general", "gen", "envoy",
    "spokesperson", "spokesman", "spokeswoman", "commander", "mayor", "premier", "chancellor",
    "adviser", "advisor", "director", "chief", "minister-designate", "counterpart",
}  # fmt: skip
# Words that may stand before a head word inside a title: "foreign office spokeswoman".
_EN_TITLE_WORDS = {"office", "ministry", "parliament", "senate", "affairs", "party"}
_EN_MODIFIERS = {
    "foreign", "interior", "prime", "deputy", "vice", "senate", "army", "defence", "defense",
    "finance", "commerce", "trade", "energy", "oil", "petroleum", "information", "home",
    "economy", "security", "national", "supreme", "first", "chief", "acting", "former", "state",
    "planning", "communications", "health", "education", "justice", "navy", "air", "force",
    "assembly", "parliamentary", "parliament", "cabinet", "senior", "general",
}  # fmt: skip
_EN_TITLE_PARTS = _EN_MODIFIERS | _EN_HEADS | _EN_TITLE_WORDS
_EN_NOT_NAMES = {
    "the", "of", "and", "ministry", "council", "assembly", "parliament", "senate", "government",
    "agency", "office", "house", "state", "affairs", "on", "in", "at", "for", "said", "told",
    "news", "mr", "mrs", "ms", "dr",
}  # fmt: skip
_MONTHS_AND_DAYS = {
    key(word)
    for word in (
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
        "Friday", "Saturday", "Sunday", "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
        "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر", "كانون", "شباط", "آذار",
        "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين", "الأحد", "الاثنين",
        "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
    )
}  # fmt: skip
# Given names too common to stand alone for one person.
_GIVEN_NAMES = {
    key(word)
    for word in (
        "Mohammad", "Muhammad", "Mohammed", "Ali", "Ahmad", "Ahmed", "Abdul", "Abdullah",
        "Hassan", "Hussein", "Hossein", "Mahmoud", "Reza", "Mohsin", "Syed", "Sayed", "Sheikh",
        "Abu", "Ibn", "Bin",
    )
}  # fmt: skip
# Used with .match(text, position), so as not to copy the rest of the text for each name.
_PUNCTUATION_END = re.compile(r"\s*[،,.;؛:!?؟»”\")(]")


@dataclass(frozen=True)
class PersonMatch:
    span: Span
    ref: PersonRef
    tokens: tuple[int, int]


class Gazetteer:
    """The known people, by every name they are known by."""

    def __init__(self, dataset: Dataset | None) -> None:
        self.matcher: PhraseMatcher[str] = PhraseMatcher()
        self.people: dict[str, tuple[str, str | None]] = {}  # id -> (English name, country)
        self.names: dict[str, tuple[str, ...]] = {}  # id -> the name in each language
        if dataset is None:
            return
        for person in dataset.people.values():
            names = tuple(name for name in (person.name.en, person.name.ar) if name is not None)
            self.people[person.id] = (names[0], person.country)  # English first when it is there
            self.names[person.id] = names
            for name in (*names, *(o.name for o in person.other_names)):
                self.matcher.add(name, person.id)

    def ref(self, person_id: str) -> PersonRef:
        return PersonRef(person_id, self.people[person_id][0], known=True)


def find_people(
    document: Document, gazetteer: Gazetteer, places: Places
) -> tuple[list[PersonFound], list[PersonFound], list[PersonMatch]]:
    """Known people, candidate people, and every mention of either, in text order."""
    known_matches = gazetteer.matcher.find(document)
    known_matches = _with_surnames(document, gazetteer, known_matches)
    known: dict[str, PersonFound] = {}
    for match in known_matches:
        ref = gazetteer.ref(match.payload)
        found = known.setdefault(ref.id, PersonFound(ref, gazetteer.people[ref.id][1]))
        found.mentions.append(evidence(document, match.span))

    place_spans = SpanIndex([match.span for match in places.matcher.find(document)], _itself)
    candidates = _candidates(document, known_matches, place_spans, places, set(known))
    matcher: PhraseMatcher[str] = PhraseMatcher()
    by_id = {candidate.ref.id: candidate for candidate in candidates}
    for candidate in candidates:
        matcher.add(candidate.ref.name, candidate.ref.id)
        words = candidate.ref.name.split()
        if len(words) > 1 and len(key(words[-1])) >= 4:
            matcher.add(words[-1], candidate.ref.id)  # later mentions by surname alone
        if len(words) == 2 and words[0].isascii() and key(words[0]) not in _GIVEN_NAMES:
            matcher.add(words[0], candidate.ref.id)  # family name first: "Wang Yi" -> "Wang"
    known_spans = SpanIndex(known_matches, lambda match: match.span)
    candidate_matches = [
        match for match in matcher.find(document) if not known_spans.overlaps_any(match.span)
    ]
    for match in candidate_matches:
        by_id[match.payload].mentions.append(evidence(document, match.span))

    mentions = [PersonMatch(m.span, gazetteer.ref(m.payload), m.tokens) for m in known_matches]
    mentions += [PersonMatch(m.span, by_id[m.payload].ref, m.tokens) for m in candidate_matches]
    mentions.sort(key=lambda mention: mention.span.start)
    people = sorted(known.values(), key=lambda person: person.mentions[0].span.start)
    return people, candidates, mentions


def _with_surnames(
    document: Document, gazetteer: Gazetteer, matches: list[PhraseMatch[str]]
) -> list[PhraseMatch[str]]:
    """Within one article, a known person named in full may then be called by the last word
    of their name ("Mohammad Ishaq Dar" ... "Dar told"). Latin surnames count when capitalised
    and at least three letters long, Arabic ones from four letters ("دار" is also a word)."""
    found = {match.payload for match in matches}
    surnames: dict[str, set[str]] = {}
    for person_id in found:
        for name in gazetteer.names.get(person_id, ()):
            words = name.split()
            last = words[-1] if len(words) > 1 else ""
            minimum = 3 if last.isascii() else 4
            if len(key(last)) >= minimum:
                surnames.setdefault(last, set()).add(person_id)
    local: PhraseMatcher[str] = PhraseMatcher()
    for surname, owners in surnames.items():
        if len(owners) == 1:
            local.add(surname, next(iter(owners)))
    spans = SpanIndex(matches, lambda match: match.span)
    extra = [match for match in local.find(document) if not spans.overlaps_any(match.span)]
    return sorted([*matches, *extra], key=lambda match: match.span.start)


def _itself(span: Span) -> Span:
    return span


# --- candidates --------------------------------------------------------------------------


def _candidates(
    document: Document,
    known: list[PhraseMatch[str]],
    place_spans: SpanIndex[Span],
    places: Places,
    known_ids: set[str],
) -> list[PersonFound]:
    found: list[tuple[Span, Span, str]] = []  # (title span, name span, lang)
    tokens = document.tokens
    walks = _Walks()
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.arabic and _is_ar_head(token):
            result = _arabic_title_name(document, index, place_spans, walks)
        elif not token.arabic:
            result = _english_title_name(document, index, place_spans, places)
        else:
            result = None
        if result is None:
            index += 1
            continue
        title, name, next_index = result
        found.append((title, name, "ar" if token.arabic else "en"))
        index = next_index
    found += _english_appositions(document, place_spans)

    people: dict[tuple[str, ...], PersonFound] = {}
    arabic_number = 0
    known_spans = SpanIndex(known, lambda match: match.span)
    for title, name, lang in sorted(found, key=lambda item: item[1].start):
        if known_spans.overlaps_any(name):
            continue
        text = " ".join(document.slice(name).split())
        name_key = tuple(key(word) for word in text.split())
        if name_key in people:
            continue
        if lang == "ar":
            arabic_number += 1
            person_id = f"new-person-{arabic_number}"
        else:
            person_id = _slug(text)
            while person_id in known_ids:
                person_id += "-new"
        ref = PersonRef(person_id, text, known=False)
        country = _country_of_title(document, title, places)
        people[name_key] = PersonFound(ref, country, position=evidence(document, title), lang=lang)
    return sorted(
        people.values(), key=lambda person: person.position.span.start if person.position else 0
    )


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "new-person"


def _is_ar_head(token: Token) -> bool:
    return any(form in _AR_HEADS for form in token.forms)


def _gap(document: Document, left: Token, right: Token) -> str:
    return document.text[left.span.end : right.span.start]


def _at_place(token: Token, place_spans: SpanIndex[Span]) -> bool:
    return place_spans.overlaps_any(token.span)


def _title_step(document: Document, end: int, place_spans: SpanIndex[Span]) -> int | None:
    """Where a title that has reached token `end` goes on to, or None when it ends there."""
    tokens = document.tokens
    if end >= len(tokens):
        return None
    token, gap = tokens[end], _gap(document, tokens[end - 1], tokens[end])
    if gap.strip():
        return None
    article_word = _has_article(token) and key(token.norm) not in _MONTHS_AND_DAYS
    if article_word or _is_ar_head(token) or key(token.norm) in _AR_TITLE_NOUNS:
        return end + 1
    if (
        token.norm in ("لدي", "في")
        and end + 1 < len(tokens)
        and _at_place(tokens[end + 1], place_spans)
    ):
        end += 2
        while end < len(tokens) and _at_place(tokens[end], place_spans):
            end += 1
        return end
    return None


def _title_end(
    document: Document, start: int, place_spans: SpanIndex[Span], ends: dict[int, int]
) -> int:
    """Where a title that has reached token `start` ends. Each step depends on the token
    reached alone, so the end is remembered for every token passed (`ends`): a long run of
    title words ("الوزير الوزير …") is walked once, not once from each of its heads."""
    passed = []
    end = start
    while end not in ends:
        step = _title_step(document, end, place_spans)
        if step is None:
            ends[end] = end
            break
        passed.append(end)
        end = step
    for token in passed:
        ends[token] = ends[end]
    return ends[end]


def _arabic_title_name(
    document: Document, index: int, place_spans: SpanIndex[Span], walks: _Walks
) -> tuple[Span, Span, int] | None:
    tokens = document.tokens
    end = _title_end(document, index + 1, place_spans, walks.titles)  # title: tokens[index:end]
    if end not in walks.names:
        walks.names[end] = _arabic_name_end(document, end, place_spans)
    name_end = walks.names[end]
    if name_end is None:
        return None
    head = tokens[index]
    prefix = min(prefix for form, prefix in head.forms.items() if form in _AR_HEADS)
    if _has_article(head):
        prefix = 0  # "الرئيس": the article belongs to the title
    start = document.normalized.span(head.norm_start + prefix, head.norm_end)[0]
    title = Span(start, tokens[end - 1].span.end)
    name = Span(tokens[end].span.start, tokens[name_end - 1].span.end)
    return title, name, name_end


@dataclass
class _Walks:
    """What the Arabic titles of one article have found, by token: each title word of a run
    is a head whose title ends where the others' do, and has the same name after it (or none),
    so each is worked out once (`_title_end`, `_arabic_name_end`)."""

    titles: dict[int, int] = field(default_factory=dict)  # token reached -> title's end
    names: dict[int, int | None] = field(default_factory=dict)  # title's end -> name's end


def _arabic_name_end(document: Document, end: int, place_spans: SpanIndex[Span]) -> int | None:
    """Where the name of two to four words that starts at token `end` ends, or None."""
    tokens = document.tokens
    if end >= len(tokens):
        return None
    gap = _gap(document, tokens[end - 1], tokens[end])
    if gap.strip() not in ("", "،", ","):
        return None
    name_end = end
    while name_end < len(tokens) and name_end - end < 4:
        token = tokens[name_end]
        if name_end > end and _gap(document, tokens[name_end - 1], token).strip():
            break
        if not _ar_name_word(token, name_end - end, place_spans):
            break
        if _has_article(token):  # a family name such as "السوداني" ends the name
            if name_end - end < 2 or not _PUNCTUATION_END.match(document.text, token.span.end):
                break
            name_end += 1
            break
        if name_end - end == 3:
            break
        name_end += 1
    return None if name_end - end < 2 else name_end


def _has_article(token: Token) -> bool:
    return token.norm.startswith(("ال", "لل", "وال", "بال", "فال")) and len(token.norm) > 3


def _ar_name_word(token: Token, position: int, place_spans: SpanIndex[Span]) -> bool:
    normalized = token.norm
    if not token.arabic or _at_place(token, place_spans) or _is_ar_head(token):
        return False
    if normalized in _AR_STOP or key(normalized) in _AR_STOP or key(normalized) in _MONTHS_AND_DAYS:
        return False
    if len(normalized) >= 5 and normalized.startswith(("سي", "ست", "سن")):
        return False  # a verb in the future tense: "سيتوجه", "ستزور"
    return not (position > 0 and normalized.startswith("و") and normalized[1:] in _AR_STOP)


def _english_title_name(
    document: Document, index: int, place_spans: SpanIndex[Span], places: Places
) -> tuple[Span, Span, int] | None:
    """ "(Pakistan's) (Deputy) Prime Minister Shehbaz Sharif", "foreign office spokeswoman
    Shafqat Ali Khan", "his Turkish counterpart Numan Kurtulmus": a head word (any case), the
    title words before it, then two to four capitalised name words."""
    tokens = document.tokens
    if tokens[index].norm not in _EN_HEADS:
        return None
    end = index + 1
    if end >= len(tokens) or _gap(document, tokens[index], tokens[end]).strip() not in ("", ","):
        return None
    name_end = _english_name_end(document, end, place_spans)
    if name_end - end < 2:
        return None
    start = index
    while start >= 1 and _gap(document, tokens[start - 1], tokens[start]).strip(" -") == "":
        previous = tokens[start - 1]
        if previous.arabic or previous.norm not in _EN_TITLE_PARTS:
            break
        start -= 1
    if (
        start >= 1
        and tokens[start - 1].upper
        and places.country_of_adjective(tokens[start - 1].norm)
    ):
        start -= 1  # "Iranian Foreign Minister"
    elif start >= 2 and tokens[start - 1].norm == "s" and tokens[start - 2].upper:
        start -= 2  # "Pakistan's Prime Minister"
    title = Span(tokens[start].span.start, tokens[index].span.end)
    name = Span(tokens[end].span.start, tokens[name_end - 1].span.end)
    return title, name, name_end


def _english_name_end(document: Document, start: int, place_spans: SpanIndex[Span]) -> int:
    tokens = document.tokens
    end = start
    while end < len(tokens) and end - start < 4:
        token = tokens[end]
        if end > start and _gap(document, tokens[end - 1], token) not in (" ", "-"):
            break
        if (
            not token.upper
            or token.arabic
            or token.norm in _EN_NOT_NAMES
            or token.norm in _EN_HEADS
            or token.norm in _EN_MODIFIERS
            or key(token.norm) in _MONTHS_AND_DAYS
            or _at_place(token, place_spans)
            or token.norm.isdigit()
            or len(token.norm) == 1
        ):
            break
        end += 1
    return end


# Used with .match(text, position), so as not to copy the rest of the text for each name.
_APPOSITION = re.compile(r",\s+((?:[\w'’-]+\s+){0,3}[\w'’-]+)")


def _english_appositions(
    document: Document, place_spans: SpanIndex[Span]
) -> list[tuple[Span, Span, str]]:
    """ "Hakan Fidan, Turkey's foreign minister,": a name, a comma, then a title."""
    found = []
    tokens = document.tokens
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.arabic or not token.upper:
            index += 1
            continue
        end = _english_name_end(document, index, place_spans)
        if end - index < 2:
            index += 1
            continue
        after_name = tokens[end - 1].span.end
        match = _APPOSITION.match(document.text, after_name)
        if match:
            words = list(re.finditer(r"[\w'’-]+", match.group(1)))
            heads = [word for word in words if word.group().lower() in _EN_HEADS]
            if heads:
                base = match.start(1)
                title = Span(base + words[0].start(), base + heads[0].end())
                found.append((title, Span(token.span.start, tokens[end - 1].span.end), "en"))
        index = end
    return found


def _country_of_title(document: Document, title: Span, places: Places) -> str | None:
    """The nationality a title gives: an adjective ("الباكستاني", "Iranian") or a possessive
    country ("Pakistan's")."""
    for token in document.tokens_in(title):
        code = places.country_of_adjective(strip_article(token.norm))
        if code:
            return code
    for match in places.matcher.find(document, within=title):
        if match.payload.kind == "country":
            following = document.text[match.span.end : match.span.end + 2]
            if following in ("'s", "’s"):
                return match.payload.country
    return None
