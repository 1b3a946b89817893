"""Quotes: text in «…», “…” or "…", with the speaker from the nearest attribution.

The attribution is a speech verb outside quotation marks in the quote's sentence ("قال",
"وصف", "أضاف", "مضيفاً", "said", "told"): the nearest one before the quote, else the nearest
after it ("…," Araghchi said). The speaker is the person named nearest to that verb; a quote
whose sentence names nobody ("وأضاف: «…»") continues the previous quote's speaker.

Quotation marks also wrap names ("وكالة «إرنا»", "منصة «إكس»", "مبادرة «الحزام والطريق»"):
those are not quotes, and are skipped when a naming word or a clitic "لـ" comes right before
them or when they hold the name of a known organization.
"""

from __future__ import annotations

from generator.dataset import Dataset
from generator.extract.model import PersonRef, QuoteFound, evidence
from generator.extract.normalize import is_arabic_letter, key, normalize
from generator.extract.people import PersonMatch
from generator.extract.text import Document, Span, Token

_AR_VERBS = {
    key(word)
    for word in (
        "قال", "قالت", "يقول", "تقول", "قائلا", "قائلة", "وصف", "وصفت", "واصفا", "أضاف",
        "أضافت", "مضيفا", "مضيفة", "أكد", "أكدت", "مؤكدا", "مؤكدة", "أشار", "أشارت", "مشيرا",
        "مشيرة", "لافتا", "لافتة", "شدد", "شددت", "مشددا", "كتب", "كتبت", "اعتبر", "اعتبرت",
        "معتبرا", "صرح", "صرحت", "أوضح", "أوضحت", "موضحا", "دعا", "تابع", "متابعا", "ذكر",
        "أعلن", "أعلنت", "أفاد", "أفادت", "قاله", "أكدا", "اتفق", "قوله", "قولها",
    )
}  # fmt: skip
_AR_PARTICIPLES = {
    key(word)
    for word in (
        "قائلا", "قائلة", "واصفا", "مضيفا", "مضيفة", "مؤكدا", "مؤكدة", "مشيرا", "مشيرة",
        "لافتا", "لافتة", "مشددا", "معتبرا", "موضحا", "متابعا",
    )
}  # fmt: skip
_EN_VERBS = {
    "said", "says", "told", "tells", "added", "adds", "described", "describes", "wrote",
    "writes", "stated", "noted", "declared", "insisted", "stressed", "explained", "called",
    "tweeted", "posted", "according", "warned", "urged", "announced", "saying", "adding",
}  # fmt: skip
_NAMING_WORDS = {
    key(word)
    for word in (
        "وكالة", "منصة", "مبادرة", "صحيفة", "قناة", "موقع", "حركة", "حزب", "شبكة", "عملية",
        "مشروع", "برنامج", "مجلة", "تطبيق", "agency", "platform", "newspaper", "initiative",
        "operation", "channel", "party", "movement", "magazine", "program", "programme",
        "project",
    )
}  # fmt: skip


def find_quotes(
    document: Document, people: list[PersonMatch], dataset: Dataset | None
) -> list[QuoteFound]:
    names = _organization_names(dataset)
    found: list[QuoteFound] = []
    previous: PersonRef | None = None
    for inner, outer in document.quotes:
        if _is_a_name(document, inner, outer, names):
            continue
        speaker, verb, bare = _speaker(document, inner, outer, people)
        if speaker is None and bare:
            speaker = previous  # "وأضاف: «…»", "مضيفاً أن": the speaker of the quote before
        if speaker is not None:
            previous = speaker
        text = document.slice(inner)
        arabic = sum(is_arabic_letter(char) for char in text)
        latin = sum(char.isascii() and char.isalpha() for char in text)
        found.append(
            QuoteFound(
                evidence=evidence(document, inner),
                lang="ar" if arabic >= latin else "en",
                speaker=speaker,
                attribution=evidence(document, verb.span) if verb else None,
            )
        )
    return found


def _organization_names(dataset: Dataset | None) -> set[str]:
    names: set[str] = set()
    if dataset is None:
        return names
    for organization in dataset.organizations.values():
        for text in (organization.name, organization.abbreviation):
            if text is None:
                continue
            for value in (text.en, text.ar):
                if value:
                    names.add(" ".join(key(word) for word in value.split()))
    return names


def _is_a_name(document: Document, inner: Span, outer: Span, names: set[str]) -> bool:
    content = " ".join(key(word) for word in document.slice(inner).split())
    if content in names:
        return True
    before = normalize(document.text[max(outer.start - 12, 0) : outer.start])
    if before.endswith(("ل", "لـ")) and (len(before) < 2 or not before[-2].isalpha()):
        return True  # "لـ«إرنا»": a clitic preposition glued to a name
    words = before.split()
    return bool(words) and key(words[-1].strip("'’")) in _NAMING_WORDS


def _speaker(
    document: Document, inner: Span, outer: Span, people: list[PersonMatch]
) -> tuple[PersonRef | None, Token | None, bool]:
    """(speaker, attribution verb, whether the verb has no subject of its own)."""
    first = document.sentence_at(outer.start).span
    last = document.sentence_at(max(outer.end - 1, outer.start)).span
    sentence = Span(first.start, max(first.end, last.end))
    verbs = [
        token
        for token in document.tokens_in(sentence)
        if not document.in_quote(token.span) and _is_verb(token)
    ]
    before = [verb for verb in verbs if verb.span.end <= outer.start]
    after = [verb for verb in verbs if verb.span.start >= outer.end]
    verb = before[-1] if before else (after[0] if after else None)
    if verb is None:
        return None, None, False
    candidates = [
        match
        for match in people
        if sentence.contains(match.span) and not document.in_quote(match.span)
    ]
    subject_verb = verb
    if _is_participle(verb):
        # "مضيفاً", "قائلاً": the subject is that of the sentence's main verb.
        finite = [
            other for other in before if other.index < verb.index and not _is_participle(other)
        ]
        if finite:
            subject_verb = finite[-1]
        else:
            earlier = [match for match in candidates if match.tokens[1] <= verb.index]
            return (earlier[-1].ref if earlier else None), verb, not earlier
    if not candidates:
        return None, verb, _bare(document, verb)

    def distance(match: PersonMatch) -> tuple[int, int]:
        if match.tokens[0] > subject_verb.index:
            return match.tokens[0] - subject_verb.index, 0
        return subject_verb.index - match.tokens[1] + 1, 1

    return min(candidates, key=distance).ref, verb, False


def _is_participle(token: Token) -> bool:
    return token.arabic and any(form in _AR_PARTICIPLES for form in token.forms)


def _bare(document: Document, verb: Token) -> bool:
    """Whether a verb is followed directly by ":", a quote, or "أن"/"إن"/"that": no subject."""
    following = document.text[verb.span.end : verb.span.end + 12].lstrip()
    if following[:1] in (":", "«", "“", '"', "،", ","):
        return True
    words = normalize(following).split()
    return bool(words) and words[0] in ("ان", "انه", "انها", "that")


def _is_verb(token: Token) -> bool:
    if token.arabic:
        return any(form in _AR_VERBS for form in token.forms)
    return token.norm in _EN_VERBS
