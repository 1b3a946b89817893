"""Arabic titles and the names after them: «وزير الداخلية الباكستاني محسن نقوي» (the English
ones are in `generator.extract.titles_en`), and the word tests both share.

Arabic has no capital letters, so an Arabic name is read as the two to three words after the
title (more with a joiner: «عبد اللطيف رشيد», «محمد بن سلمان آل سعود»), stopping at punctuation,
a word that is never a name (`lexicon.AR_NOT_NAMES`: function words, verbs, event nouns, also
with a clitic: «بزيارة»), a place, a date word or another title; a family name with the article
ends it. A title continues through the nouns of an idafa, their complement and a country named
in it («رئيس وزراء جمهورية باكستان الإسلامية», «رئيس إقليم كردستان»). The word lists are in
`generator.extract.lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.extract.lexicon import (
    AR_ALEF_MAQSURA_STOPS,
    AR_FAMILY_NAMES_ALSO_WORDS,
    AR_HONORIFICS,
    AR_LINEAGE_JOINERS,
    AR_NAME_JOINERS,
    AR_NAME_SECOND_PARTS,
    AR_NOT_NAMES,
    AR_PHRASE_HEADS,
    AR_RELATIVES,
    AR_TITLE_HEADS,
    AR_TITLE_NOUNS,
    EN_NAME_JOINERS,
    EN_NOT_NAMES,
    EN_TITLE_HEADS,
    EN_TITLE_MODIFIERS,
    EN_TITLE_WORDS,
    GIVEN_NAMES,
    MONTHS_AND_DAYS,
)
from generator.extract.normalize import key, written_with_alef_maqsura
from generator.extract.text import Document, Span, SpanIndex, Token

EN_TITLE_PARTS = EN_TITLE_MODIFIERS | EN_TITLE_HEADS | EN_TITLE_WORDS
_PLURALS = ("ين", "ون", "ات")  # the endings of sound plurals
# Used with .match(text, position): a name's last word before punctuation.
_PUNCTUATION_END = re.compile(r"\s*[،,.;؛:!?؟»”\")(]")


def is_ar_head(token: Token) -> bool:
    return any(form in AR_TITLE_HEADS for form in token.forms)


def is_ar_phrase_head(document: Document, token: Token) -> bool:
    """A head of `lexicon.AR_PHRASE_HEADS` before its word: «والقائم بأعمال السفارة»."""
    tokens = document.tokens
    following = tokens[token.index + 1] if token.index + 1 < len(tokens) else None
    return following is not None and any(
        AR_PHRASE_HEADS.get(key(form)) in {key(other) for other in following.forms}
        for form in token.forms
    )


def words_gap(document: Document, left: Token, right: Token) -> str:
    return document.text[left.span.end : right.span.start]


def at_place(token: Token, place_spans: SpanIndex[Span]) -> bool:
    return place_spans.overlaps_any(token.span)


def _title_step(document: Document, end: int, place_spans: SpanIndex[Span]) -> int | None:
    """Where a title that has reached token `end` goes on to, or None when it ends there."""
    tokens = document.tokens
    if end >= len(tokens):
        return None
    token, gap = tokens[end], words_gap(document, tokens[end - 1], tokens[end])
    if gap.strip():
        return None
    article_word = has_article(document, token) and key(token.norm) not in MONTHS_AND_DAYS
    if article_word or is_ar_head(token) or _title_noun(token):
        return end + 1
    previous = tokens[end - 1]
    # An idafa names a country: «رئيس وزراء باكستان», «سفير إيران لدى …».
    if (
        at_place(token, place_spans)
        and not has_article(document, previous)
        and (is_ar_head(previous) or key(previous.norm) in AR_TITLE_NOUNS)
    ):
        end += 1
        while end < len(tokens) and at_place(tokens[end], place_spans):
            end += 1
        return end
    # A title noun takes its complement, a place or a proper noun: «رئيس إقليم كردستان».
    complement = key(previous.norm) in AR_TITLE_NOUNS and not is_ar_head(previous)
    complement = complement and not has_article(document, previous) and token.arabic
    if complement and _ar_name_word(document, token, place_spans):
        return end + 1
    # «رئيسة لجنة الداخلية في مجلس الشيوخ»: «في» and a body of the state go on with the title.
    if token.norm == "في" and end + 1 < len(tokens) and _title_noun(tokens[end + 1]):
        return end + 2
    # «سفير إندونيسيا لدى الدولة»: the country a report is from, named by a word with the
    # article («الدولة», «المملكة», «البلاد»), ends an ambassador's title as a place does.
    if (
        token.norm == "لدي"
        and end + 1 < len(tokens)
        and has_article(document, tokens[end + 1])
        and not at_place(tokens[end + 1], place_spans)
    ):
        return end + 2
    if (
        token.norm in ("لدي", "في")
        and end + 1 < len(tokens)
        and at_place(tokens[end + 1], place_spans)
    ):
        end += 2
        while end < len(tokens) and at_place(tokens[end], place_spans):
            end += 1
        return end
    return None


def _title_noun(token: Token) -> bool:
    """A noun that continues a title, also with «و» or «ب» on it: «وزير الخارجية وشؤون
    المغتربين», «القائم بأعمال السفارة»."""
    return any(
        key(form) in AR_TITLE_NOUNS and token.norm[:prefix] in ("", "و", "ب")
        for form, prefix in token.forms.items()
    )


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


def arabic_title_name(
    document: Document, index: int, place_spans: SpanIndex[Span], walks: Walks
) -> tuple[Span, Span, int] | None:
    tokens = document.tokens
    end = _title_end(document, index + 1, place_spans, walks.titles)  # title: tokens[index:end]
    if end not in walks.names:
        walks.names[end] = _arabic_name_end(document, end, place_spans)
    name_end = walks.names[end]
    if name_end is None:
        return None
    head = tokens[index]
    prefixes = [prefix for form, prefix in head.forms.items() if form in AR_TITLE_HEADS]
    prefixes += [prefix for form, prefix in head.forms.items() if key(form) in AR_PHRASE_HEADS]
    prefix = min(prefixes)
    if has_article(document, head):
        prefix = 0  # "الرئيس": the article belongs to the title
    start = document.normalized.span(head.norm_start + prefix, head.norm_end)[0]
    title = Span(start, tokens[end - 1].span.end)
    name = Span(tokens[end].span.start, tokens[name_end - 1].span.end)
    return title, name, name_end


def ar_title_after(
    document: Document, index: int, place_spans: SpanIndex[Span], walks: Walks
) -> Span | None:
    """The title that starts at token `index` when a head opens it (the title after a name:
    «… الخليفي سفير دولة قطر لدى الجزائر»), else None."""
    tokens = document.tokens
    if index >= len(tokens) or not tokens[index].arabic or not is_ar_head(tokens[index]):
        return None
    if words_gap(document, tokens[index - 1], tokens[index]).strip() not in ("", "،", ","):
        return None
    end = _title_end(document, index + 1, place_spans, walks.titles)
    return Span(tokens[index].span.start, tokens[end - 1].span.end)


def honorific_only(document: Document, title: Span) -> bool:
    """Whether a title is made of honorifics alone («معالي السيد», «سعادة السيد»)."""
    words = [token for token in document.tokens_in(title) if token.arabic]
    return bool(words) and all(
        {key(form) for form in token.forms} & AR_HONORIFICS or key(token.norm) in _HONORIFIC_WORDS
        for token in words
    )


_HONORIFIC_WORDS = {key("صاحب"), key("السمو"), key("الملكي"), key("الشيخ"), key("الأمير")}


@dataclass
class Walks:
    """What the Arabic titles of one article have found, by token: each title word of a run
    is a head whose title ends where the others' do, and has the same name after it (or none),
    so each is worked out once (`_title_end`, `_arabic_name_end`)."""

    titles: dict[int, int] = field(default_factory=dict)  # token reached -> title's end
    names: dict[int, int | None] = field(default_factory=dict)  # title's end -> name's end


def _arabic_name_end(document: Document, end: int, place_spans: SpanIndex[Span]) -> int | None:
    """Where the name that starts at token `end` ends, or None: two to three words, a fourth
    when it is a family name with the article before punctuation («… السوداني،»), and one
    more for each joiner («عبد اللطيف رشيد», «محمد بن سلمان آل سعود»), up to five."""
    tokens = document.tokens
    if end >= len(tokens):
        return None
    gap = words_gap(document, tokens[end - 1], tokens[end])
    if gap.strip() not in ("", "،", ","):
        return None
    name_end, limit, joined = end, 3, ""
    lineage = False  # the last word was bound by «بن» or «آل»
    while name_end < len(tokens):
        token, count = tokens[name_end], name_end - end
        if count and words_gap(document, tokens[name_end - 1], token).strip():
            break
        if joined:  # the word a joiner binds belongs to the name, article or not
            if not token.arabic or at_place(token, place_spans) or is_ar_head(token):
                break
            lineage = joined in AR_LINEAGE_JOINERS
            # «بن عبد الرحمن»: a bound «عبد» binds the next word in turn.
            joined = key(token.norm) if key(token.norm) in AR_NAME_JOINERS else ""
            name_end += 1
            continue
        if not _ar_name_word(document, token, place_spans):
            break
        word = key(token.norm)
        if word in AR_NAME_JOINERS and (count < 4 or (word in AR_LINEAGE_JOINERS and count < 7)):
            # «عبد الله» counts as one word; after «بن سلمان» only another «بن»/«آل» or a
            # nisba goes on («محمد بن زايد آل نهيان», «إبراهيم بن أحمد المعيني»).
            name_end, joined = name_end + 1, word
            limit = min(limit + 1, 5)
            continue
        if lineage and not (has_article(document, token) and token.norm.endswith("ي")):
            break
        second_part = count > 0 and word in AR_NAME_SECOND_PARTS  # «عطا الله»
        if has_article(document, token) and not second_part:  # a family name: «السوداني»
            following = tokens[name_end + 1] if name_end + 1 < len(tokens) else None
            relative = following is not None and key(following.norm) in AR_RELATIVES
            if (token.norm.endswith(_PLURALS) and not relative) or count == 0:
                break  # «الصحفيين», «المسؤولون»: people, not a family
            chain = _article_chain_end(document, name_end, place_spans)
            if chain is not None and chain - end <= 5:
                name_end = chain  # «مشعل الأحمد الجابر الصباح»: a father's and forefathers'
                break  # names with the article, up to the family's
            # It ends the name before punctuation or a relative pronoun («أحمد السعدون الذي»),
            # or before any word that is no name when it is a nisba («بدر البوسعيدي في») or
            # follows a compound given name alone («عبد الله اليحيا في»).
            ends = relative or _PUNCTUATION_END.match(document.text, token.span.end) is not None
            last = (
                following is None
                or not following.arabic
                or not _ar_name_word(document, following, place_spans)
            )
            nisba = token.norm.endswith("ي")
            compound = count == 2 and key(tokens[end].norm) in AR_NAME_JOINERS
            # «محمد شياع السوداني المملكة»: a noun with the article after a nisba is the
            # sentence going on, not a second family name.
            noun_after = (
                nisba
                and following is not None
                and has_article(document, following)
                and not following.norm.endswith("ي")
            )
            # «الرئيس أحمد الشرع في»: a family name right after a common given name, before a
            # word that is no name («الرئيس عون الأوضاع» is no name: «عون» may be a surname).
            given = count == 1 and key(tokens[end].norm) in GIVEN_NAMES
            if ends or noun_after or (last and (nisba or compound or given)):
                name_end += 1
            break
        if count == limit:
            break
        name_end += 1
    if joined:
        name_end -= 1  # a joiner with nothing after it is no part of the name
    return None if name_end - end < 2 else name_end


def _article_chain_end(document: Document, start: int, place_spans: SpanIndex[Span]) -> int | None:
    """Where a run of two or more name words with the article that starts at token `start`
    ends, when it ends the name (before punctuation or a word that is no name); else None."""
    tokens = document.tokens
    chain = start
    while chain < len(tokens) and chain - start < 4:
        token = tokens[chain]
        if chain > start and words_gap(document, tokens[chain - 1], token).strip():
            break
        family = chain - start >= 2 and key(token.norm) in AR_FAMILY_NAMES_ALSO_WORDS
        if not has_article(document, token) or not (
            family or _ar_name_word(document, token, place_spans)
        ):
            break
        if token.norm.endswith(_PLURALS) or key(token.norm) in AR_NAME_SECOND_PARTS:
            return None
        chain += 1
        if _PUNCTUATION_END.match(document.text, token.span.end):
            break
    if chain - start < 2:
        return None
    following = tokens[chain] if chain < len(tokens) else None
    closed = _PUNCTUATION_END.match(document.text, tokens[chain - 1].span.end) is not None
    if closed or following is None or not _ar_name_word(document, following, place_spans):
        return chain
    return None


def has_article(document: Document, token: Token) -> bool:
    """Whether a word carries the article as written: «الهام» does, «إلهام» (a name) does not,
    though both match as «الهام»."""
    if not token.norm.startswith(("ال", "لل", "وال", "بال", "فال")) or len(token.norm) <= 3:
        return False
    alef = token.norm.find("ا")
    return alef < 0 or document.text[document.normalized.origin[token.norm_start + alef]] == "ا"


# The stop words that the folding of ى to ي makes a name («على» and «علي»): stops only as
# written with ى.
_MAQSURA_STOPS = {key(word) for word in AR_ALEF_MAQSURA_STOPS}


def _ar_name_word(document: Document, token: Token, place_spans: SpanIndex[Span]) -> bool:
    normalized = token.norm
    if not token.arabic or at_place(token, place_spans) or is_ar_head(token):
        return False
    if len(normalized) >= 5 and normalized.startswith(("سي", "ست", "سن", "يت", "تت")):
        return False  # a verb in the future tense ("سيتوجه", "ستزور") or the fifth form ("تتضمن")
    if any(len(form) >= 5 and form.startswith("است") for form in token.forms):
        return False  # the tenth form: «استقبل», «استقبال», «واستعرض»
    # The word, or the word without a clitic («بزيارة», «وخلال», «لمأدبة»), is never a name. A
    # clitic is read off a short word only after «و»: «فيصل» is a name, not «ف» + «يصل».
    for form, prefix in token.forms.items():
        if prefix and len(form) < 4 and normalized[:prefix] != "و":
            continue
        if key(form) in _MAQSURA_STOPS:  # «على» and «وعلى», but not «علي» (Ali)
            return not written_with_alef_maqsura(document.slice(token.span))
        if key(form) in AR_NOT_NAMES or key(form) in MONTHS_AND_DAYS:
            return False
    return True


def name_word_before(document: Document, index: int) -> bool:
    """Whether token `index` follows, with only a space between, a word of a name: then a
    surname alone there is another person's («نواز شريف», "Nawaz Sharif") — not a title, a
    verb, a function word or a word with the article."""
    if index == 0:
        return False
    tokens = document.tokens
    previous, token = tokens[index - 1], tokens[index]
    if words_gap(document, previous, token) not in (" ", "\u00a0"):
        return False
    if previous.arabic:
        joiner = key(previous.norm) in AR_NAME_JOINERS  # «بن فرحان»: the same name
        if joiner or has_article(document, previous) or key(previous.norm) in AR_TITLE_NOUNS:
            return False
        if previous.norm.startswith(("و", "ف")) and len(previous.norm) > 3:
            return False  # «وكان نقوي», «فأكد»: a name seldom carries the conjunction
        return _ar_name_word(document, previous, SpanIndex([], _span))
    return (
        previous.upper
        and len(previous.norm) > 1
        and previous.norm not in EN_TITLE_PARTS
        and previous.norm not in EN_NOT_NAMES
        and previous.norm not in EN_NAME_JOINERS
        and key(previous.norm) not in MONTHS_AND_DAYS
    )


def _span(span: Span) -> Span:
    return span
