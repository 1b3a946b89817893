"""The word lists the rules read, in both languages: one table per question a rule asks.

Every Arabic entry is written as a reader writes it and compared in the matching form (`key`:
the project's Arabic normalisation at matching strength, without the article), so «وزيرة»,
«الوزيرة» and «لوزيرة» all find «وزيرة». English entries are lower-case words. Add a word to
the table that asks its question; a rule never lists words of its own.

- Titles: heads that open a title (masculine and feminine), the nouns that continue one as
  the first term of an idafa («رئيس وزراء», «وزير خارجية»), and the English heads and the words
  that may stand before a head.
- Names: the words that can never be part of a name (function words, verbs of the news, event
  nouns and their adjectives), the joiners that bind the next word into a name («عبد», «بن»,
  «آل», "bin"), the second parts of compound given names («الله», «الدين»), and the given
  names too common to stand alone for one person.
- Visits: the trigger words, the departure and arrival verbs, and the frames for hosting
  («استقبل», "hosted", "received": the guest is the object) and for «قام … بزيارة» (the
  visitor is the subject before the trigger).
- Quotes: the words that stand for the last person named as the subject of a speech verb
  ("he stated", "the spokesperson said", «وأضاف المتحدث»).
"""

from __future__ import annotations

from generator.extract.normalize import key


def _keys(*words: str) -> frozenset[str]:
    return frozenset(key(word) for word in words)


# --- titles -------------------------------------------------------------------------------------

AR_TITLE_HEADS = _keys(
    "وزير", "وزيرة", "رئيس", "رئيسة", "نائب", "نائبة", "سفير", "سفيرة", "أمين", "أمينة",
    "مستشار", "مستشارة", "متحدث", "متحدثة", "ناطق", "ناطقة", "قائد", "قائدة", "محافظ", "حاكم",
    "ملك", "ملكة", "أمير", "أميرة", "مبعوث", "مبعوثة", "مندوب", "مندوبة", "مدير", "مديرة",
    "سيناتور", "جنرال", "لواء", "عميد", "شيخ", "ولي", "المشير", "الفريق", "عاهل", "مساعد",
    "مساعدة", "وكيل", "وكيلة", "مفوض", "مفوضة", "نظير", "نظيره", "نظيرته", "نظيريه",
    "خادم",
)  # fmt: skip
# Honorifics that stand for a title before a name, and open one: «معالي السيد أحمد عطاف»,
# «الدكتور بدر عبد العاطي», «سعادة السيد …», «سمو الشيخ …», «فخامة الرئيس …»; no office.
AR_HONORIFICS = _keys(
    "السيد", "السيدة", "الدكتور", "الدكتورة", "معالي", "سعادة", "سمو", "فخامة",
)  # fmt: skip
AR_TITLE_HEADS |= AR_HONORIFICS
# Heads that open a title only before a given word: «القائم بأعمال» (chargé d'affaires), not
# «الوضع القائم» (the status quo).
AR_PHRASE_HEADS = {key("القائم"): key("أعمال"), key("القائمة"): key("أعمال")}
# Nouns that continue a title as the first term of an idafa: «رئيس مجلس الشورى», «رئيس وزراء
# باكستان», «وزير خارجية إيران». A country named right after one of them belongs to the title.
AR_TITLE_NOUNS = _keys(
    "مجلس", "هيئة", "شؤون", "جمهورية", "مكتب", "لجنة", "وزارة", "حرس", "أركان", "قوات", "جيش",
    "بنك", "مصرف", "منظمة", "عام", "الأمن", "الدولة", "الحكومة", "باسم", "وزراء", "خارجية",
    "داخلية", "دفاع", "مالية", "تجارة", "اقتصاد", "إعلام", "طاقة", "نفط", "تخطيط", "عدل",
    "صحة", "تعليم", "أمن", "شورى", "نواب", "شيوخ", "برلمان", "إقليم", "ولاية", "حكومة",
    "أعمال",  # «القائم بأعمال السفارة»
    "سلطنة", "مملكة", "إمارة",  # «سفير سلطنة عمان», «سفير مملكة البحرين»
)  # fmt: skip

EN_TITLE_HEADS = frozenset({
    "minister", "president", "speaker", "ambassador", "secretary", "senator", "chairman",
    "chairwoman", "governor", "king", "emir", "prince", "sheikh", "general", "gen", "envoy",
    "spokesperson", "spokesman", "spokeswoman", "commander", "mayor", "premier", "chancellor",
    "adviser", "advisor", "director", "chief", "minister-designate", "counterpart",
})  # fmt: skip
# Words that may stand before a head word inside a title: "foreign office spokeswoman".
EN_TITLE_WORDS = frozenset({"office", "ministry", "parliament", "senate", "affairs", "party"})
EN_TITLE_MODIFIERS = frozenset({
    "foreign", "interior", "prime", "deputy", "vice", "senate", "army", "defence", "defense",
    "finance", "commerce", "trade", "energy", "oil", "petroleum", "information", "home",
    "economy", "security", "national", "supreme", "first", "chief", "acting", "former", "state",
    "planning", "communications", "health", "education", "justice", "navy", "air", "force",
    "assembly", "parliamentary", "parliament", "cabinet", "senior", "general", "crown",
    # portfolios after "of"/"for": "Minister of Investment", "Minister for Climate Change"
    "investment", "climate", "change", "water", "power", "railways", "industry", "industries",
    "agriculture", "culture", "tourism", "transport", "labour", "labor", "housing",
    "environment", "religious", "overseas", "maritime", "science", "technology", "human",
    "rights", "aviation", "ports", "shipping", "economic", "youth", "sports", "women",
    "development", "telecommunications", "food", "resources", "external", "internal",
    "special",
})  # fmt: skip
# Where a title says its holder lives in another country: "ambassador to", «سفير … لدى».
AR_RESIDENT_HEADS = _keys("سفير", "سفيرة", "مندوب", "مندوبة", "قنصل")
EN_RESIDENT_HEADS = frozenset({"ambassador", "envoy", "consul", "high commissioner"})

# --- names --------------------------------------------------------------------------------------

# Words a name never holds: function words, then the verbs of news reports in every person and
# tense they take after a title («رئيس الوزراء يوقع …»), then event nouns and their adjectives
# («مأدبة غداء رسمية», «اجتماعا ثنائيا»).
AR_NOT_NAMES = _keys(
    "في", "إلى", "الى", "من", "عن", "مع", "لدى", "إن", "أن", "ان", "الذي", "التي", "الذين",
    "خلال", "عقب", "بعد", "قبل", "منذ", "حيث", "كما", "ثم", "أو", "لا", "لم", "لن", "قد", "هو",
    "هي", "هذا", "هذه", "ذلك", "تلك", "يوم", "اليوم", "أمس", "غدا", "مساء", "صباح", "عبر",
    "بين", "حول", "نحو", "ضمن", "دون", "أيضا", "عاصمة", "العاصمة", "مدينة", "برئاسة", "بحضور",
    "بصفته", "نظيره", "نظيرته", "نظيريه", "بأن", "بأنه", "بأنها", "كان", "كانت", "يكون",
    "تكون", "ليس", "سوف", "لكن", "بينما", "فيما", "إذ", "إذا", "عندما", "حين", "كل", "بعض",
    "جميع", "أما", "كذلك",
    # verbs
    "قال", "أكد", "أضاف", "أعلن", "وصل", "زار", "التقى", "بحث", "دعا", "أشار", "شدد", "يزور",
    "يلتقي", "استقبل", "يستقبل", "وصف", "كتب", "أوضح", "يوقع", "توقع", "وقع", "وقعت", "يعقد",
    "تعقد", "عقد", "عقدت", "يجري", "تجري", "أجرى", "أجرت", "يبحث", "تبحث", "يشارك", "تشارك",
    "شارك", "شاركت", "يترأس", "تترأس", "ترأس", "ترأست", "يغادر", "تغادر", "غادر", "غادرت",
    "يتوجه", "تتوجه", "توجه", "توجهت", "يرحب", "ترحب", "رحب", "رحبت", "يؤكد", "تؤكد", "يدعو",
    "تدعو", "يصل", "تصل", "وصلت", "يلقي", "تلقي", "ألقى", "يقيم", "تقيم", "أقام", "أقامت",
    "يقوم", "تقوم", "قام", "قامت", "يتلقى", "تلقى", "يبدأ", "تبدأ", "بدأ", "بدأت", "يختتم",
    "تختتم", "اختتم", "يستضيف", "تستضيف", "استضاف", "استضافت", "يهنئ", "هنأ", "يعرب", "أعرب",
    "يشيد", "أشاد", "يناقش", "ناقش", "يمنح", "منح", "يتسلم", "تسلم", "يكرم", "كرم", "يفتتح",
    "افتتح", "يدشن", "دشن", "يتفقد", "تفقد", "يبعث", "بعث", "يتصل", "اتصل", "يؤدي", "أدى",
    "يرافق", "رافق", "يرافقه", "يصطحب", "يحضر", "حضر", "تحضر", "قالت", "أكدت", "أضافت",
    "تناول", "تناولت", "تضمن", "تضمنت", "نقل", "نقلت", "جرى", "حل", "حلت", "يحل", "تحل",
    # event nouns and their adjectives
    "لقاء", "لقاءه", "زيارة", "زيارته", "جولة", "مباحثات", "محادثات", "اجتماع",
    "اجتماعا", "وفد", "وفدا", "مأدبة", "غداء", "عشاء", "إفطار", "حفل", "حفلا", "مراسم", "مؤتمر",
    "مؤتمرا", "قمة", "جلسة", "اتفاقية", "اتفاق", "اتفاقا", "مذكرة", "مذكرات", "تفاهم", "بيان",
    "بيانا", "رسالة", "رسالته", "كلمة", "كلمته", "رسمية", "رسمي", "رسميا", "ثنائي", "ثنائية",
    "ثنائيا", "مشترك", "مشتركة", "مشتركا", "موسع", "موسعا", "خاص", "خاصة", "دفاع", "تعاون",
    "شراكة", "استراتيجي", "استراتيجية", "اتصالا", "اتصال", "هاتفيا", "هاتفي", "ترحيبا",
    "استقبالا", "بالترحيب", "جمهورية", "حكومة", "وزارة", "وزراء", "مرسوم", "قرار", "قرارا",
)  # fmt: skip
# A preposition that the folding of ى to ي turns into a name: «على» (on) and «علي» (Ali). Only
# the word as written (with ى) is the preposition; «علي» stays a name.
AR_ALEF_MAQSURA_STOPS = frozenset({"على", "لدى", "حتى", "إلى", "متى"})
# Joiners bind the next word into the name whatever it looks like («عبد اللطيف», «بن سلمان»,
# «آل سعود»); the second parts of compound given names («عطا الله», «نور الدين») carry the
# article but do not end the name as a family name such as «السوداني» does.
AR_LINEAGE_JOINERS = _keys("بن", "ابن", "بنت", "آل")  # «بن سلمان», «آل ثاني»
AR_NAME_JOINERS = _keys("عبد", "أبو", "ابو") | AR_LINEAGE_JOINERS
AR_NAME_SECOND_PARTS = _keys(
    "الله", "الدين", "الرحمن", "الرحيم", "الكريم", "العزيز", "اللطيف", "الحق", "النبي",
    "الزهراء", "الإسلام",
)  # fmt: skip
# Places named after a title's holder: the title after one of them («مطار الملك عبدالعزيز»,
# «جامعة الملك سعود», «مدينة الملك عبدالله») introduces no person.
AR_PLACES_NAMED_AFTER = _keys(
    "مطار", "جامعة", "مدينة", "قاعدة", "شارع", "مسجد", "مستشفى", "ميناء", "مركز", "جسر",
    "ملعب", "جائزة", "مؤسسة", "كلية", "مجمع", "صالة", "قاعة",
)  # fmt: skip
# Family names that are also common words («الصباح»: the morning), taken as a name only at
# the end of a run of names with the article («مشعل الأحمد الجابر الصباح»).
AR_FAMILY_NAMES_ALSO_WORDS = _keys("الصباح")
# Relative pronouns: a name ends before one («أحمد السعدون الذي …»), and a visit verb after one
# takes its antecedent as the visitor («الصفدي، الذي يزور سوريا»).
AR_RELATIVES = _keys("الذي", "التي", "الذين")
# Lower-case words inside English names: "Mohammed bin Salman", "Abdul al-Hakim".
EN_NAME_JOINERS = frozenset({"bin", "ibn", "bint", "al", "el", "ul", "ud", "ad", "abu"})
EN_NOT_NAMES = frozenset({
    "the", "of", "and", "ministry", "council", "assembly", "parliament", "senate", "government",
    "agency", "office", "house", "state", "affairs", "on", "in", "at", "for", "said", "told",
    "news", "mr", "mrs", "ms", "dr", "his", "her", "their", "will", "has", "had",
})  # fmt: skip
MONTHS_AND_DAYS = _keys(
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو",
    "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر", "كانون", "شباط", "آذار", "نيسان", "أيار",
    "حزيران", "تموز", "آب", "أيلول", "تشرين", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء",
    "الخميس", "الجمعة", "السبت",
)  # fmt: skip
# Given names too common to stand alone for one person.
GIVEN_NAMES = _keys(
    "Mohammad", "Muhammad", "Mohammed", "Ali", "Ahmad", "Ahmed", "Abdul", "Abdullah", "Hassan",
    "Hussein", "Hossein", "Mahmoud", "Reza", "Mohsin", "Syed", "Sayed", "Sheikh", "Abu", "Ibn",
    "Bin", "محمد", "أحمد", "علي", "حسن", "حسين", "عبد", "سيد",
)  # fmt: skip

# --- visits -------------------------------------------------------------------------------------

# Normalised trigger words: noun triggers take the visitor after them, pronoun ones before.
AR_VISIT_NOUNS = frozenset({"زياره", "زيارات", "جوله"})
AR_VISIT_PRONOUN_NOUNS = frozenset(
    {"زيارته", "زيارتها", "زيارتهم", "جولته", "جولتها", "وصوله", "وصولها"}
)
AR_VISIT_VERBS = frozenset({"زار", "زارت", "يزور", "تزور", "سيزور", "ستزور", "زاروا"})
# Arrival and departure verbs count only with «إلى» (or a place) in the window: «وصل» alone is
# ambiguous, and «غادر أنقرة» names the place left, not the one visited.
AR_ARRIVALS = _keys(
    "وصل", "وصلت", "يصل", "تصل", "وصول", "توجه", "توجهت", "يتوجه", "تتوجه", "متوجها",
    "متوجهة", "متوجهين", "سافر", "سافرت", "يسافر", "تسافر", "حط", "حطت",
)  # fmt: skip
# «حلّ ضيفاً على الرياض»: to be a guest of a place is to visit it (a guest word, `AR_GUESTS`,
# within the three words after the verb, then «على» and the place).
AR_GUEST_VERBS = _keys("حل", "حلت", "يحل", "تحل", "سيحل", "ستحل")
AR_GUESTS = _keys("ضيفا", "ضيفاً", "ضيف", "ضيفة", "ضيوفا")
AR_NOT_NAMES |= AR_GUESTS  # «سامر النعيمي ضيفاً على»: the name ends before the guest word
# Departure verbs: the place named right after them is the one left («غادر أنقرة متوجهاً إلى
# …»); only a place after «إلى» is visited.
AR_DEPARTURES = _keys("غادر", "غادرت", "يغادر", "تغادر", "سيغادر", "ستغادر")
# A return ends the places of a visit's clause: what follows is where the visitor comes from
# («… قبل أن يعود إلى بغداد», "… before returning to Baghdad").
RETURNS = _keys(
    "يعود", "ويعود", "سيعود", "تعود", "ستعود", "عاد", "عادت", "عودته", "عودتها", "العودة",
    "return", "returns", "returning", "returned",
)  # fmt: skip
# Hosting verbs: the subject is the host, the object (the next person) the guest.
AR_HOST_VERBS = _keys("استقبل", "استقبلت", "يستقبل", "تستقبل", "استضاف", "استضافت", "يستضيف")
EN_HOST_VERBS = frozenset(
    {"hosted", "hosts", "host", "hosting", "received", "receives", "welcomed", "welcomes"}
)
# Between a hosting verb and its object, these make the object no guest: «استقبل اتصالاً من …»,
# "received a phone call from …".
NOT_GUEST_WORDS = _keys(
    "اتصالا", "اتصال", "رسالة", "مكالمة", "برقية", "call", "calls", "letter", "message", "phone",
    "cable",
)  # fmt: skip
# Words of an invitation: a visit they precede is not (yet) one («دعوة لزيارة», «دعاه إلى زيارة»).
INVITATIONS = _keys(
    "دعوة", "دعوته", "دعوتها", "دعوتهم", "دعا", "دعاه", "دعاها", "دعت", "دعته", "يدعو", "تدعو",
    "وجه", "وجهت", "الدعوة",
)  # fmt: skip
# After a visit trigger, these introduce whom the visitor met, never the visitor: «زيارة إلى
# بغداد التقى خلالها رئيس الوزراء …», "a visit to Baku, where he met President …".
MEETING_WORDS = _keys(
    "التقى", "التقت", "يلتقي", "تلتقي", "سيلتقي", "ستلتقي", "لقاء", "اجتمع", "اجتمعت", "يجتمع",
    "مع", "بحث", "بحثت", "يبحث", "استقبله", "استقبلها", "met", "meet", "meets", "meeting",
    "with", "received", "hosted",
)  # fmt: skip
# Meeting words: the place a meeting was "in" is visited by those of its people who are not of
# that country («التقى … في الرياض», "met … in Muscat"; English ones are read by
# `generator.extract.visit_meetings`).
MEETING_VERBS = _keys(
    "التقى", "التقت", "يلتقي", "تلتقي", "سيلتقي", "ستلتقي", "التقيا", "اجتمع", "اجتمعت", "يجتمع",
    "تجتمع", "سيجتمع", "اجتماع", "لقاء", "محادثات", "مباحثات",
)  # fmt: skip
# A reporting verb after a meeting word ends its clause: "…, two diplomats said", «…، بحسب ما
# أفادت»: who reports a meeting was not at it.
REPORTING_VERBS = _keys(
    "said", "says", "told", "reported", "announced", "according", "قال", "قالت", "أفاد", "أفادت",
    "ذكر", "ذكرت", "أعلن", "أعلنت", "بحسب", "وفق",
)  # fmt: skip
# «ترأس وفداً إلى مسقط»: heading a delegation (a word of `AR_DELEGATIONS` within the next
# words) to a place is a visit there.
AR_LEAD_VERBS = _keys("ترأس", "ترأست", "يترأس", "تترأس", "سيترأس", "ستترأس", "رأس", "ترأسه")
AR_DELEGATIONS = _keys("وفد", "وفدا", "وفدًا", "وفداً", "الوفد", "وفدها", "وفده")
# A topic before «في»: the place after it is what was discussed, not where («بحثا الأوضاع في
# اليمن», "discussed the situation in Yemen").
TOPIC_NOUNS = _keys(
    "الأوضاع", "أوضاع", "الوضع", "وضع", "التطورات", "تطورات", "المستجدات", "مستجدات", "الأزمة",
    "أزمة", "الحرب", "حرب", "الصراع", "النزاع", "التصعيد", "الأحداث", "السلام", "الاستقرار",
    "الأمن", "الملف", "القضية", "situation", "developments", "crisis", "war", "conflict",
    "peace", "stability", "security", "escalation", "events",
)  # fmt: skip
# «قام/يقوم … بزيارة»: the visitor is the subject, named before the trigger.
AR_PERFORM_VERBS = _keys("قام", "قامت", "يقوم", "تقوم", "سيقوم", "ستقوم", "يجري", "أجرى", "أجرت")
AR_DEMONSTRATIVES = frozenset({"تلك", "هذه", "ذلك", "هذا"})
EN_VISIT_NEEDS_PREPOSITION = frozenset({
    "trip", "tour", "travel", "travels", "traveled", "travelled", "traveling", "travelling",
    "landed", "went", "arrived", "arrives", "arriving", "arrival",
})  # fmt: skip

# --- quotes -------------------------------------------------------------------------------------

# A speech verb whose subject is one of these speaks for the last person named before it.
EN_BACK_REFERENCES = frozenset({
    "he", "she", "they", "spokesperson", "spokesman", "spokeswoman", "minister", "president",
    "speaker", "ambassador", "envoy", "official", "diplomat", "premier",
})  # fmt: skip
AR_BACK_REFERENCES = _keys("المتحدث", "المتحدثة", "الوزير", "الوزيرة", "الرئيس", "السفير")
