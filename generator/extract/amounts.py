"""Amounts and counts: money ("10 مليارات دولار", "$10 billion") and counts of agreements
("12 مذكرة تفاهم", "five memoranda of understanding").

Currency names come from CLDR in both languages ("US dollars", "دولار أمريكي", "روبية
باكستاني"), plus the bare words reports use ("دولار", "dollars": US dollars unless the text says
otherwise, noted for review). A money amount is drafted as a `target` outcome when its sentence
speaks of raising or reaching it, otherwise as an `agreement` or `statement`; counts are
`memorandum` or `agreement` outcomes, with `count_is_minimum` for "at least"/"ما لا يقل عن".
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale
from babel.numbers import get_currency_name

from generator.data.schema import CURRENCY_CODES
from generator.extract.model import AmountFound, evidence
from generator.extract.normalize import normalize
from generator.extract.text import Document, Span, keep_longest

# Arabic duals carry their number: "ملياري دولار" is two billion dollars.
_DUALS = {"ملياري": 2 * 10**9, "مليارا": 2 * 10**9, "مليوني": 2 * 10**6, "مليونا": 2 * 10**6,
          "الفي": 2000, "الفا": 2000}  # fmt: skip
_SCALES = {
    "مليار": 10**9, "مليارات": 10**9, "مليون": 10**6, "ملايين": 10**6, "الف": 10**3,
    "الاف": 10**3, "تريليون": 10**12, "billion": 10**9, "bn": 10**9, "million": 10**6,
    "mn": 10**6, "thousand": 10**3, "trillion": 10**12, "tn": 10**12,
}  # fmt: skip
_AR_SCALES = ["مليار", "مليارات", "مليون", "ملايين", "الف", "الاف"]
# Bare currency words: (code, certain?). Uncertain ones are noted for review.
_BARE = {
    "دولار": ("USD", False), "دولارات": ("USD", False), "dollar": ("USD", False),
    "dollars": ("USD", False), "يورو": ("EUR", True), "euro": ("EUR", True),
    "euros": ("EUR", True), "يوان": ("CNY", True), "yuan": ("CNY", True),
    "روبيه": ("PKR", False), "rupees": ("PKR", False), "ريال": ("IRR", False),
    "rials": ("IRR", False), "تومان": ("IRR", False),
}  # fmt: skip
_SYMBOLS = {"us$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "rs": "PKR", "rs.": "PKR"}

_TARGET_CUES = re.compile(
    r"\b(?:[وبل]?(?:ال)?(?:[نيت]?رفع|زياده|هدف|بلوغ|وصول|مضاعفه|ايصال)|target\w*|rais\w*|"
    r"boost\w*|increas\w*|reach\w*|goal|doubl\w*|lift\w*)\b"
)
_SIGNING_CUES = re.compile(r"\b(?:[وب]?(?:ال)?(?:وقع\w*|توقيع|اتفاق\w*)|sign\w*|deal\w*)\b")
_YEARLY_CUES = re.compile(
    r"\b(?:[وبل]?(?:ال)?(?:سنويا|سنوي\w*|تجار\w*|تبادل)|annual\w*|a year|per year|each year|"
    r"yearly|trade)\b"
)

_AR_UNITS = {
    "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثلاث": 3,
    "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7,
    "سبعه": 7, "ثماني": 8, "ثمان": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10,
    "عشره": 10,
}  # fmt: skip
_AR_TEENS_UNITS = {
    "احدي": 1, "احد": 1, "اثنتا": 2, "اثنتي": 2, "اثنا": 2, "اثني": 2, "ثلاث": 3, "ثلاثه": 3,
    "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7,
    "ثماني": 8, "ثمان": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9,
}  # fmt: skip
_EN_NUMBERS = {
    word: number
    for number, word in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen", "twenty"]
    )
}  # fmt: skip
_EN_NUMBERS.update({"a dozen": 12, "dozen": 12, "an": 1, "a": 1})


def _alternation(words: list[str]) -> str:
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


@cache
def _currency_names() -> dict[str, str]:
    """Normalised CLDR currency names (singular and plural, both languages) -> code."""
    names: dict[str, str] = {}
    for locale in ("en", "ar"):
        data = Locale(locale)
        for code, name in data.currencies.items():
            if code in CURRENCY_CODES and " " in name.strip():
                names.setdefault(normalize(name), code)
    for code in ("USD", "EUR", "PKR", "IRR", "CNY", "GBP", "SAR", "AED", "INR", "TRY", "IQD"):
        for count in (2, 5, 11):
            for locale in ("en", "ar"):
                names.setdefault(normalize(get_currency_name(code, count, locale)), code)
    return names


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    number = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)"
    scale = rf"(?P<scale>{_alternation(list(_SCALES))})"
    currency = rf"(?P<cur>{_alternation([*_currency_names(), *_BARE])})"
    symbol = r"(?P<sym>us\$|\$|€|£|rs\.?)"
    # «عشرة مليارات دولار»: a number word before a scale; «مليار دولار»: a scale alone is one.
    word_scale = (
        rf"(?P<word>{_alternation(list(_AR_UNITS))})\s+(?P<wscale>{_alternation(_AR_SCALES)})\s+"
    )
    one_scale = rf"(?P<one>{_alternation(['مليار', 'مليون'])})\s+"
    money_after = re.compile(
        rf"(?<![\w.,])(?:{number}\s*(?:{scale}\s*)?|(?P<dual>{_alternation(list(_DUALS))})\s+"
        rf"|{word_scale}|{one_scale}){currency}(?![^\W\d_])"
    )
    money_before = re.compile(rf"{symbol}\s?{number}(?:\s*{scale})?(?![^\W\d_])")
    ar_count_words = list(_AR_UNITS) + [
        f"{unit} {ten}" for unit in _AR_TEENS_UNITS for ten in ("عشر", "عشره")
    ]
    minimum = (
        r"(?P<min>ما\s+لا\s+يقل\s+عن|لا\s+يقل\s+عن|اكثر\s+من|at\s+least|no\s+fewer\s+than|"
        r"no\s+less\s+than|more\s+than|over)\s+"
    )
    ar_nouns = (
        r"(?P<noun>مذكرات\s+تفاهم|مذكره\s+تفاهم|مذكرتي\s+تفاهم|مذكرتا\s+تفاهم|مذكرات|"
        r"اتفاقيات|اتفاقيه|اتفاقات|اتفاقيتين|اتفاقيتان|اتفاق)"
    )
    ar_count = re.compile(
        rf"(?<![\w.,])(?:{minimum})?(?:(?P<num>\d+)|(?P<word>{_alternation(ar_count_words)}))"
        rf"\s+{ar_nouns}(?P<after>\s+علي\s+الاقل)?(?![^\W\d_])"
    )
    en_count = re.compile(
        rf"(?<![\w.,])(?:{minimum})?(?:(?P<num>\d+)|(?P<word>{_alternation(list(_EN_NUMBERS))}))"
        r"\s+(?:(?!of\b|years?\b|days?\b|months?\b)[a-z-]+\s+)?"
        r"(?P<noun>memorand(?:um|ums|a)|mous?|agreements?|accords?|deals?|pacts?)"
        r"(?:\s+of\s+understanding)?(?![^\W\d_])"
    )
    return money_after, money_before, ar_count, en_count


# One agreement signed, named in the singular: "signed the Strategic Mutual Defense Agreement",
# «وقّع الجانبان على اتفاقية الدفاع». Up to six words (a name) between the verb and the noun.
_SIGNED_ONE = (
    re.compile(
        r"\bsign(?:ed|s|ing)?\s+(?:a|an|the)\s+[\"“«]?(?:[\w-]+\s+){0,6}?"
        r"(?P<noun>agreement|accord|pact|treaty|memorandum|mou)(?![^\W\d_])"
    ),
    re.compile(
        r"(?<![^\W\d_])(?:[وف]?(?:س?[يتن])?وقع(?:ت|ا|وا|ان|تا)?|[وب]?(?:ال)?توقيع)\s+"
        r"(?:[^\W\d_]+\s+){0,3}?(?:علي\s+)?(?P<noun>(?:ال)?(?:اتفاقيه|اتفاق|معاهده|مذكره))"
        r"(?![^\W\d_])"
    ),
)


_DUAL_COUNT = re.compile(
    r"(?<![^\W\d_])[وب]?(?P<noun>مذكرتي\s+تفاهم|مذكرتا\s+تفاهم|اتفاقيتين|اتفاقيتان)(?![^\W\d_])"
)


def find_amounts(document: Document) -> list[AmountFound]:
    norm = document.normalized
    money_after, money_before, ar_count, en_count = _patterns()
    found: list[tuple[Span, AmountFound]] = []
    cues: dict[int, tuple[bool, bool, bool]] = {}
    for pattern in (money_after, money_before):
        for match in pattern.finditer(norm.norm):
            if match.groupdict().get("one") and _after_number(norm.norm, match.start()):
                continue  # «خمسين مليار دولار», «مئة مليون»: a number this rule cannot read
            span = Span(*norm.span(match.start(), match.end()))
            found.append((span, _money(document, span, match, cues)))
    for pattern in (ar_count, en_count):
        for match in pattern.finditer(norm.norm):
            span = Span(*norm.span(match.start(), match.end()))
            amount = _count(document, span, match)
            if amount is not None:
                found.append((span, amount))
    for match in _DUAL_COUNT.finditer(norm.norm):  # «مذكرتي تفاهم», «اتفاقيتين»: two
        span = Span(*norm.span(match.start("noun"), match.end("noun")))
        kind = "memorandum" if match.group("noun").startswith("مذكر") else "agreement"
        found.append((span, AmountFound(evidence(document, span), kind, count=2)))
    for pattern in _SIGNED_ONE:
        for match in pattern.finditer(norm.norm):
            span = Span(*norm.span(match.start("noun"), match.end("noun")))
            noun = match.group("noun").removeprefix("ال")
            kind = "memorandum" if noun.startswith(("مذكر", "memorand", "mou")) else "agreement"
            note = "one: the text names what was signed in the singular"
            found.append((span, AmountFound(evidence(document, span), kind, count=1, notes=[note])))
    return [amount for _, amount in keep_longest(found, lambda item: item[0])]


# A bare "rial" is the currency of the rial country the article names most (normalised words:
# ة as ه); Iran's when it names none of them.
_RIAL_COUNTRIES = {
    "SAR": ("السعوديه", "سعودي", "الرياض", "جده", "saudi", "riyadh", "jeddah"),
    "QAR": ("قطر", "القطري", "الدوحه", "qatar", "qatari", "doha"),
    "OMR": ("سلطنه عمان", "العماني", "مسقط", "oman", "omani", "muscat"),
    "YER": ("اليمن", "اليمني", "صنعاء", "yemen", "yemeni", "sanaa"),
    "IRR": ("ايران", "الايراني", "طهران", "iran", "iranian", "tehran"),
}
_RIAL_CUES = {
    code: re.compile(r"(?<![^\W\d_])(?:[وبل]?)(?:" + "|".join(words) + r")(?![^\W\d_])")
    for code, words in _RIAL_COUNTRIES.items()
}


def _rial_of(norm: str) -> str:
    lowered = norm.lower()
    counts = {code: len(cue.findall(lowered)) for code, cue in _RIAL_CUES.items()}
    best = max(counts, key=lambda code: (counts[code], code == "IRR"))
    return best if counts[best] else "IRR"


def _after_number(norm: str, position: int) -> bool:
    """Whether the word before `position` is a number, in figures or in words (a unit, a ten
    or a hundred, with «و» or not): then a scale after it is no «one»."""
    words = norm[max(position - 24, 0) : position].split()
    if not words:
        return False
    word = words[-1].removeprefix("و")
    tens = (word.endswith(("ين", "ون")) and word[:-2] in _AR_UNITS) or word in ("عشرين", "عشرون")
    hundreds = word.endswith(("مئه", "مائه", "مئتي", "مئتا", "مائتي", "مائتا"))
    return word[:1].isdigit() or word in _AR_UNITS or tens or hundreds


def _number(text: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


def _money(
    document: Document, span: Span, match: re.Match[str], cues: dict[int, tuple[bool, bool, bool]]
) -> AmountFound:
    groups = match.groupdict()
    notes: list[str] = []
    if groups.get("dual"):
        value = float(_DUALS[groups["dual"]])
    elif groups.get("word"):
        value = float(_AR_UNITS[groups["word"]] * _SCALES[groups["wscale"]])
    elif groups.get("one"):
        value = float(_SCALES[groups["one"]])
    else:
        value = _number(groups["num"])
        if groups.get("scale"):
            value *= _SCALES[groups["scale"]]
    code: str
    if groups.get("sym"):
        code = _SYMBOLS[groups["sym"]]
        if groups["sym"] == "$":
            notes.append("'$' read as US dollars")
    else:
        currency = re.sub(r"\s+", " ", groups["cur"])
        if currency in _BARE:
            code, certain = _BARE[currency]
            if code == "IRR" and currency != "تومان":
                code = _rial_of(document.normalized.norm)
            if not certain:
                notes.append(f"'{currency}' read as {code}; check the currency")
        else:
            code = _currency_names()[currency]
    target, signing, yearly = _sentence_cues(document, span, cues)
    kind = "statement"
    if target:
        kind = "target"
    elif signing:
        kind = "agreement"
    notes.append(f"outcome kind '{kind}' guessed from the sentence")
    period = "total"
    if yearly:
        period = "year"
        notes.append("period 'year' guessed (trade figures are usually yearly)")
    return AmountFound(
        evidence(document, span), kind, value=value, currency=code, period=period, notes=notes
    )


def _count(document: Document, span: Span, match: re.Match[str]) -> AmountFound | None:
    groups = match.groupdict()
    noun = groups["noun"]
    number = int(groups["num"]) if groups.get("num") else None
    if number is None:
        number = _word_number(re.sub(r"\s+", " ", groups["word"]))
    if number is None or number <= 0:
        return None
    count = number
    if groups.get("word") in ("a", "an") and not noun.endswith(("um", "agreement", "accord")):
        return None
    kind = "memorandum" if noun.startswith(("مذكر", "memorand", "mou")) else "agreement"
    notes = []
    minimum = bool(groups.get("min") or groups.get("after"))
    if groups.get("min") and re.match(r"(اكثر|more|over)", groups["min"]):
        notes.append(f"the text says more than {count}: at least {count + 1}")
        count += 1
    return AmountFound(
        evidence(document, span), kind, count=count, count_is_minimum=minimum, notes=notes
    )


def _word_number(word: str) -> int | None:
    if word in _EN_NUMBERS:
        return _EN_NUMBERS[word]
    if word in _AR_UNITS:
        return _AR_UNITS[word]
    parts = word.split()
    if len(parts) == 2 and parts[0] in _AR_TEENS_UNITS:
        return 10 + _AR_TEENS_UNITS[parts[0]]
    return None


def _sentence_cues(
    document: Document, span: Span, cues: dict[int, tuple[bool, bool, bool]]
) -> tuple[bool, bool, bool]:
    """Whether the sentence of `span` speaks of a target, of signing, of a yearly figure: read
    once per sentence (`cues` remembers), however many amounts it holds."""
    sentence = document.sentence_at(span.start)
    if sentence.index not in cues:
        text = normalize(document.text[sentence.span.start : sentence.span.end])
        cues[sentence.index] = (
            bool(_TARGET_CUES.search(text)),
            bool(_SIGNING_CUES.search(text)),
            bool(_YEARLY_CUES.search(text)),
        )
    return cues[sentence.index]
