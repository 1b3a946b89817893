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

import bisect
from dataclasses import dataclass

from generator.data.dataset import Dataset
from generator.extract.lexicon import AR_BACK_REFERENCES, EN_BACK_REFERENCES
from generator.extract.model import PersonRef, QuoteFound, evidence
from generator.extract.normalize import is_arabic_letter, key, normalize
from generator.extract.people import PersonMatch
from generator.extract.text import Document, Span, SpanIndex, Token

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
    "termed", "terms", "dubbed", "labelled", "labeled", "calling", "describing", "remarked",
}  # fmt: skip
# Small words a name in title case may hold: "Strategic Mutual Defense Agreement", "Belt and
# Road Initiative".
# The words that introduce reported words right before the marks.
_INTRODUCERS = {"ان", "انه", "انها", "بان", "that", "قوله", "قولها"}
_NAME_SMALL_WORDS = {"of", "and", "the", "for", "on", "in", "to", "a"}
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
    attributions = _attributions(document, people)
    found: list[QuoteFound] = []
    previous: PersonRef | None = None
    for inner, outer in document.quotes:
        if _is_a_name(document, inner, outer, names) or _is_a_term(attributions, inner, outer):
            continue
        speaker, verb, bare = _speaker(attributions, outer)
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


def _is_a_term(found: _Attributions, inner: Span, outer: Span) -> bool:
    """A quoted name or term, not a quote: words in title case ("Strategic Mutual Defense
    Agreement"), or two words at most with no speech verb within the four words before the
    marks or right after them, and no «إن», "that" or ":" right before («Salar»; but "termed
    the visit “unprecedented”" is a quote)."""
    document = found.document
    words = document.slice(inner).split()
    latin = [word.strip(".,;:!?") for word in words if word.isascii()]
    title_case = all(w[:1].isupper() or w.lower() in _NAME_SMALL_WORDS for w in latin if w)
    if len(latin) >= 2 and len(latin) == len(words) and title_case:
        return True
    if len(words) > 2:
        return False
    before = normalize(document.text[max(outer.start - 8, 0) : outer.start]).split()
    if document.text[max(outer.start - 4, 0) : outer.start].rstrip().endswith(":") or (
        before and before[-1] in _INTRODUCERS
    ):
        return False  # «… إن «التعاون مهم»», 'said that "…"': a quote however short
    verbs = found.verbs
    first = document.token_at(outer.start)
    near = range(max(first - 4, 0), first)
    last = document.token_at(outer.end)
    following = range(last, min(last + 2, len(document.tokens)))  # "…," he said
    nearby = [document.tokens[i] for i in (*near, *following)]
    return not any(verbs.overlaps_any(token.span) for token in nearby)


@dataclass
class _Attributions:
    """The speech verbs and the people outside quotation marks, indexed once per article, so
    that each quote looks only at its own sentence (see `SpanIndex`)."""

    document: Document
    verbs: SpanIndex[Token]
    finite_before: list[int]  # for each verb, the last verb before it that is no participle
    people: SpanIndex[PersonMatch]
    first_tokens: list[int]  # of each of `people`
    last_tokens: list[int]  # of each of `people`, the token after its last one


def _attributions(document: Document, people: list[PersonMatch]) -> _Attributions:
    verbs = [
        token for token in document.tokens if _is_verb(token) and not document.in_quote(token.span)
    ]
    finite_before = []
    last = -1
    for index, verb in enumerate(verbs):
        finite_before.append(last)
        if not _is_participle(verb):
            last = index
    usable = [match for match in people if not document.in_quote(match.span)]
    return _Attributions(
        document=document,
        verbs=SpanIndex(verbs, lambda token: token.span),
        finite_before=finite_before,
        people=SpanIndex(usable, lambda match: match.span),
        first_tokens=[match.tokens[0] for match in usable],
        last_tokens=[match.tokens[1] for match in usable],
    )


def _speaker(found: _Attributions, outer: Span) -> tuple[PersonRef | None, Token | None, bool]:
    """(speaker, attribution verb, whether the verb has no subject of its own)."""
    document = found.document
    first = document.sentence_at(outer.start).span
    last = document.sentence_at(max(outer.end - 1, outer.start)).span
    sentence = Span(first.start, max(first.end, last.end))
    verbs = found.verbs.inside(sentence)
    before = range(verbs.start, max(verbs.start, min(verbs.stop, _ending_by(found, outer.start))))
    after = range(max(verbs.start, bisect.bisect_left(found.verbs.starts, outer.end)), verbs.stop)
    chosen = before[-1] if before else (after[0] if after else None)
    if chosen is None:
        return None, None, False
    verb = found.verbs.items[chosen]
    candidates = found.people.inside(sentence)
    subject_verb = verb
    if _is_participle(verb):
        # "مضيفاً", "قائلاً": the subject is that of the sentence's main verb.
        finite = found.finite_before[chosen] if before else -1
        if finite >= before.start:
            subject_verb = found.verbs.items[finite]
        else:
            # The people of the sentence who end before the verb: a run of `candidates`.
            earlier = bisect.bisect_right(found.last_tokens, verb.index, candidates.start)
            earlier = min(earlier, candidates.stop) - 1
            if earlier >= candidates.start:
                return found.people.items[earlier].ref, verb, False
            return None, verb, True
    if not candidates:
        if _refers_back(document, verb):  # "he stated", "the spokesperson said"
            earlier = bisect.bisect_right(found.people.ends, sentence.start) - 1
            if earlier >= 0:
                return found.people.items[earlier].ref, verb, False
        return None, verb, _bare(document, verb)
    # The nearest person after the subject's verb (the first) or before it (the last), with
    # the one after preferred at the same distance.
    split = bisect.bisect_right(found.first_tokens, subject_verb.index, candidates.start)
    split = min(split, candidates.stop)
    options = []
    if split < candidates.stop:
        options.append((found.first_tokens[split] - subject_verb.index, 0, split))
    if split > candidates.start:
        distance = subject_verb.index - found.last_tokens[split - 1] + 1
        options.append((distance, 1, split - 1))
    return found.people.items[min(options)[2]].ref, verb, False


def _refers_back(document: Document, verb: Token) -> bool:
    """Whether a speech verb's subject stands for someone named before: "he said", "the
    spokesperson stated", "said the minister", «وأضاف المتحدث»."""
    tokens = document.tokens
    before = [token.norm for token in tokens[max(verb.index - 2, 0) : verb.index]]
    after = [token.norm for token in tokens[verb.index + 1 : verb.index + 3]]
    if not verb.arabic:
        # A pronoun, or a role with "the": "Pakistan's spokesperson said" is someone new.
        pronoun = before[-1:] in (["he"], ["she"], ["they"])
        role = before[-2:-1] == ["the"] and before[-1] in EN_BACK_REFERENCES
        following = after[1] if after[:1] == ["the"] and len(after) > 1 else ""
        return pronoun or role or following in EN_BACK_REFERENCES
    return bool(after) and key(after[0]) in AR_BACK_REFERENCES


def _ending_by(found: _Attributions, position: int) -> int:
    """How many verbs end at or before `position`."""
    return bisect.bisect_right(found.verbs.ends, position)


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
