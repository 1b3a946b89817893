"""Visit triggers: the words that tell of a visit, each with the frame it reads.

Nouns («زيارة», "visit") take the visitor after them, pronoun forms («زيارته», "his visit")
before; «قام … بزيارة» takes the subject before the noun, «حلّ … ضيفاً على» the subject after
the verb; arrival verbs («وصل», «متوجهاً»,
"arrived in") count only with «إلى» or a place after them, and departure verbs («غادر») only
name the place after «إلى»; hosting verbs («استقبل», "hosted", "received") take their object as
the guest. "The visit", «تلك الزيارة» are anaphoric. Words inside quotation marks are not read.
The word lists are in `generator.extract.lexicon`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from generator.extract.lexicon import (
    AR_ARRIVALS,
    AR_DELEGATIONS,
    AR_DEMONSTRATIVES,
    AR_DEPARTURES,
    AR_GUEST_VERBS,
    AR_GUESTS,
    AR_HOST_VERBS,
    AR_LEAD_VERBS,
    AR_PERFORM_VERBS,
    AR_RELATIVES,
    AR_VISIT_NOUNS,
    AR_VISIT_PRONOUN_NOUNS,
    AR_VISIT_VERBS,
    EN_HOST_VERBS,
    EN_VISIT_NEEDS_PREPOSITION,
    INVITATIONS,
)
from generator.extract.normalize import key
from generator.extract.phrases import PhraseMatch
from generator.extract.places import Place
from generator.extract.text import Document, Span, SpanIndex, Token

_EN_TRIGGERS = re.compile(
    r"\b(?P<word>visit(?:s|ed|ing)?|trip|tour|arriv(?:ed|es|ing|al)|"
    r"travel(?:l?ed|l?ing|s)?|landed|went|"
    r"(?:led|leads|leading|headed|heads)\s+(?:an?|the|his|her|their)\s+(?:[\w-]+\s+){0,3}?"
    r"delegation)\b"
    r"(?P<prep>\s+(?:to|in|at|by|of|here\b))?"
)
_AR_TOURS = {"جوله", "جولته", "جولتها"}
_EN_HOSTS = re.compile(rf"\b(?:{'|'.join(sorted(EN_HOST_VERBS))})\b")


@dataclass(frozen=True)
class Trigger:
    span: Span
    token_index: int
    visitor_after: bool  # Arabic nouns and verbs, English "visit by/of"
    visitor_before_first: bool  # pronoun forms and English
    anaphoric: bool
    english: bool
    host: bool = False  # «استقبل», "hosted": the guest is the verb's object
    departure: bool = False  # «غادر»: only a place after «إلى» is visited
    tour: bool = False  # «جولة تشمل الدوحة والكويت», "a tour of …": each country a visit
    here: bool = False  # "arrived here": the dateline's place


def find_triggers(document: Document, places: SpanIndex[PhraseMatch[Place]]) -> list[Trigger]:
    found: list[Trigger] = []
    tokens = document.tokens
    for token in tokens:
        if not token.arabic or document.in_quote(token.span):
            continue
        forms = set(token.forms)
        # The future prefix: "سيزور", "ستتوجه".
        forms |= {form[1:] for form in forms if form[:1] == "س" and form[1:2] in ("ي", "ت", "ن")}
        if forms & (AR_VISIT_NOUNS | AR_VISIT_PRONOUN_NOUNS | AR_VISIT_VERBS):
            pronoun = bool(forms & AR_VISIT_PRONOUN_NOUNS)
            noun = bool(forms & (AR_VISIT_NOUNS | AR_VISIT_PRONOUN_NOUNS))
            previous = tokens[token.index - 1].norm if token.index else ""
            anaphoric = noun and not pronoun and (_definite(token) or previous in AR_DEMONSTRATIVES)
            # «قام الرئيس … بزيارة»: the subject of «قام», before the trigger, is the visitor.
            first = pronoun or (noun and _performed(document, token))
            tour = bool(forms & _AR_TOURS)
            found.append(
                Trigger(token.span, token.index, not first, first, anaphoric, False, tour=tour)
            )
        elif forms & AR_LEAD_VERBS and _leads_delegation(document, token):
            found.append(Trigger(token.span, token.index, True, False, False, False))
        elif forms & AR_HOST_VERBS:
            found.append(Trigger(token.span, token.index, True, False, False, False, host=True))
        elif forms & AR_GUEST_VERBS and _guest_of(document, token):
            found.append(Trigger(token.span, token.index, True, False, False, False))
        elif forms & (AR_ARRIVALS | AR_DEPARTURES) and _arrival_target(document, token, places):
            pronoun = bool(forms & AR_VISIT_PRONOUN_NOUNS)
            departure = bool(forms & AR_DEPARTURES)
            found.append(
                Trigger(token.span, token.index, not pronoun, pronoun, False, False,
                         departure=departure)
            )  # fmt: skip
    norm = document.normalized
    for match in _EN_TRIGGERS.finditer(norm.norm):
        word, prep = match.group("word"), (match.group("prep") or "").strip()
        start, end = norm.span(match.start("word"), match.end("word"))
        if document.in_quote(Span(start, end)) or not document.text[start].isascii():
            continue
        if word in EN_VISIT_NEEDS_PREPOSITION and prep not in ("to", "in", "at", "here"):
            continue
        if word.endswith("delegation") and prep != "to":
            continue  # "led a delegation to Islamabad", not "led the delegation in talks"
        before = norm.norm[max(match.start() - 6, 0) : match.start()].split()
        anaphoric = word in ("visit", "trip", "tour") and bool(before) and before[-1] in (
            "the", "this", "that"
        ) and prep not in ("by", "of")  # fmt: skip
        token_index = document.token_at(start)
        found.append(Trigger(Span(start, end), token_index, prep in ("by", "of"),
                              True, anaphoric, True, tour=word == "tour",
                              here=prep == "here"))  # fmt: skip
    for match in _EN_HOSTS.finditer(norm.norm):
        start, end = norm.span(match.start(), match.end())
        if not document.in_quote(Span(start, end)) and document.text[start].isascii():
            found.append(
                Trigger(Span(start, end), document.token_at(start), True, False, False, True,
                         host=True)
            )  # fmt: skip
    return sorted(
        (trigger for trigger in found if not _invited(document, trigger)),
        key=lambda trigger: trigger.span.start,
    )


def _invited(document: Document, trigger: Trigger) -> bool:
    """An invitation to visit is no visit: «وجّه دعوة إلى الرئيس … لزيارة طهران», «دعاه إلى
    زيارة», "invited him to visit": an invitation word within the four words before the
    trigger, or the eight before an infinitive («لزيارة», "to visit") in its sentence."""
    tokens = document.tokens
    token = tokens[trigger.token_index]
    infinitive = token.norm.startswith("لزيار") or (
        trigger.token_index > 0 and tokens[trigger.token_index - 1].norm == "to"
    )
    sentence = document.sentence_at(trigger.span.start).span
    reach = 8 if infinitive else 4
    before = tokens[max(trigger.token_index - reach, 0) : trigger.token_index]
    return any(
        (other.norm.startswith("invit") or set(other.forms) & INVITATIONS)
        and other.span.start >= sentence.start
        for other in before
    )


def _leads_delegation(document: Document, token: Token) -> bool:
    """«ترأس وفداً إلى مسقط», «ترأس وزير الخارجية … وفد بلاده إلى …»: a delegation word within
    the eight words after the verb, and «إلى» within the three after it."""
    tokens = document.tokens
    for other in tokens[token.index + 1 : token.index + 9]:
        if set(other.forms) & AR_DELEGATIONS:
            return any(word.norm == "الي" for word in tokens[other.index + 1 : other.index + 4])
    return False


def _guest_of(document: Document, token: Token) -> bool:
    """«حلّ ضيفاً على الجزائر», «سيحل رئيس الوزراء … ضيفاً على»: a guest word within the eight
    words after the verb (a title and a name may stand between), «على» right after it."""
    tokens = document.tokens
    for other in tokens[token.index + 1 : token.index + 9]:
        if set(other.forms) & AR_GUESTS:
            following = tokens[other.index + 1] if other.index + 1 < len(tokens) else None
            return following is not None and following.norm == "علي"
    return False


def _performed(document: Document, token: Token) -> bool:
    """Whether «قام»/«يقوم» (`lexicon.AR_PERFORM_VERBS`) comes within the eight words before
    a visit noun, in its sentence: «قام وزير الخارجية التركي هاكان فيدان بزيارة …»."""
    sentence = document.sentence_at(token.span.start).span
    for other in document.tokens[max(token.index - 8, 0) : token.index]:
        if other.span.start >= sentence.start and set(other.forms) & AR_PERFORM_VERBS:
            return True
    return False


def _definite(token: Token) -> bool:
    return any(prefix >= 2 and token.norm[prefix - 2 : prefix] in ("ال", "لل")
               for form, prefix in token.forms.items() if form.startswith("زيار"))  # fmt: skip


def _arrival_target(
    document: Document, token: Token, places: SpanIndex[PhraseMatch[Place]]
) -> bool:
    """Arrival verbs need "إلى" within the next twelve words (a title and a long name may
    stand between: «وصل وزير … الأمير عبد العزيز بن تركي بن فيصل إلى …») or a place right
    after them."""
    following = document.tokens[token.index + 1 : token.index + 13]
    if any(other.norm == "الي" for other in following):
        return True
    if not following:
        return False
    word = following[0].span
    # A place that starts with the next word or holds it: only the last one to start at or
    # before it can (places do not overlap).
    index = places.last_starting_at_or_before(word.start)
    if index is None:
        return False
    place = places.spans[index]
    return place.start == word.start or place.contains(word)


def ar_passive(document: Document, trigger: Trigger, until: int) -> bool:
    """Whether an Arabic hosting verb is in the passive: written with a damma («استُقبل»), or
    followed by «من قبل» (by) before `until`, where the next person is named."""
    if trigger.english:
        return False
    if "\u064f" in document.slice(trigger.span):
        return True
    words = [token.norm for token in document.tokens_in(Span(trigger.span.end, until))]
    return any(a == "من" and b == "قبل" for a, b in itertools.pairwise(words))


def after_relative(document: Document, trigger: Trigger) -> bool:
    """Whether an Arabic visit verb follows a relative pronoun («الذي يزور», «التي تزور»)."""
    index = trigger.token_index
    return (
        not trigger.english and index > 0 and key(document.tokens[index - 1].norm) in AR_RELATIVES
    )
