"""English word tables of the plan genre: annotation labels, unit head nouns, target words.

Kept apart from the code that uses them so that a new label or head noun met in a real
plan is a one-line change here.
"""

from __future__ import annotations

# Word tables, laid out by hand so that many words share a line.
# fmt: off

# Annotation labels, matched case-insensitively and followed by ":" (a colon keeps
# "the lead unit shall report" in a sentence from reading as an annotation).
_UNIT_WORDS = (
    r"(?:units?|departments?|agenc(?:y|ies)|bod(?:y|ies)|organi[sz]ations?|authorit(?:y|ies)|part(?:y|ies)"
    r"|offices?|bureaus?|ministr(?:y|ies)|entit(?:y|ies))"
)
LEAD_LABELS = [
    rf"lead(?:ing)?\s+{_UNIT_WORDS}(?:\s*\(s\))?",
    r"lead(?:ing)?\s+(?:by|responsibility)",
    r"lead",
    r"co-?leads?",
    r"led\s+by",
    r"main(?:ly)?\s+responsible\s+" + _UNIT_WORDS,
    r"primary\s+responsib(?:le|ility)(?:\s+" + _UNIT_WORDS + ")?",
]
RESPONSIBLE_LABELS = [
    rf"responsible\s+{_UNIT_WORDS}(?:\s*\(s\))?",
    rf"{_UNIT_WORDS}\s+responsible",
    r"responsibility",
    r"responsible",
    r"in\s+charge",
    r"implementing\s+" + _UNIT_WORDS,
    r"implemented\s+by",
    r"owners?",
]
PARTICIPATING_LABELS = [
    rf"participating\s+{_UNIT_WORDS}(?:\s*\(s\))?",
    r"participants?",
    r"co-?organi[sz]ers?",
    r"co-?operating\s+" + _UNIT_WORDS,
    r"co-?ordinating\s+" + _UNIT_WORDS,
    r"supporting\s+" + _UNIT_WORDS,
    r"assisting\s+" + _UNIT_WORDS,
    r"co-?responsible\s+" + _UNIT_WORDS,
    r"collaborating\s+" + _UNIT_WORDS,
    r"partners?",
    r"support(?:ed)?\s+by",
    r"support(?:ing)?",
    r"in\s+co-?operation\s+with",
    r"with\s+the\s+participation\s+of",
]

# Other fields an annotation may carry; they end a unit list ("…; Deadline: 2024").
OTHER_LABELS = [
    r"deadlines?", r"time\s*lines?", r"time\s*frames?", r"time\s+limits?", r"completion(?:\s+(?:date|time))?",
    r"due(?:\s+date)?", r"targets?", r"indicators?", r"notes?", r"remarks?",
]

# "the first-listed unit is the lead", "the unit listed first is the lead unit" ...
FIRST_IS_LEAD = (
    r"(?i:\bfirst[-\s]*(?:listed|named|mentioned)?\b[^.;()]{0,40}\blead"
    r"|\blisted\s+first\b[^.;()]{0,40}\blead)"
)
SAME_BELOW = (
    r"(?i:\b(?:the\s+)?same\s+(?:below|hereinafter|applies\s+below)|\bhereinafter\b"
    r"|\bapplies\s+throughout\b)"
)

# A string that names a body ends in (or contains) one of these nouns.
HEAD_NOUNS = {
    "bureau", "bureaus", "commission", "commissions", "office", "offices", "department", "departments",
    "administration", "administrations", "committee", "committees", "court", "courts", "customs",
    "station", "stations", "group", "groups", "branch", "branches", "government", "governments",
    "district", "districts", "ministry", "ministries", "agency", "agencies", "authority", "authorities",
    "council", "councils", "center", "centre", "centers", "centres", "institute", "institutes",
    "university", "universities", "association", "associations", "federation", "federations",
    "corporation", "company", "companies", "bank", "banks", "procuratorate", "procuratorates",
    "division", "divisions", "unit", "units", "board", "boards", "headquarters", "service",
    "services", "police", "brigade", "league", "union", "chamber", "academy",
    "school", "hospital", "port", "airport", "exchange", "fund", "zone", "zones", "county", "counties",
    "city", "cities", "municipality", "province", "provinces", "team", "teams", "taskforce",
    "secretariat", "inspectorate", "directorate", "garrison", "cooperative", "co", "ltd", "inc",
    "park", "parks", "foundation", "society", "alliance", "platform", "network", "press", "media",
    "subdistrict", "subdistricts", "street", "streets", "town", "towns", "village",
    "villages", "people's", "entities", "enterprises", "organizations", "organisations", "bodies",
    "parties", "institutions", "leaders",
}
# A fragment that starts like a new name is never glued to the name before it.
NAME_STARTS = {
    "municipal", "provincial", "city", "state", "national", "district", "shenzhen", "guangdong",
    "china", "chinese", "people's", "the", "general", "central", "county", "regional", "local",
    "organization", "organisation", "publicity", "united",
}
GENERIC_LOWER_STARTS = (
    "each ", "all ", "every ", "relevant ", "other ", "competent ", "various ", "related ",
)

# Target comparators, nearest cue before the number wins; postfix cues after the unit.
GE_BEFORE = [
    "more than", "over", "above", "at least", "not less than", "no less than", "no fewer than",
    "not fewer than", "exceed", "exceeds", "exceeding", "in excess of", "upwards of", "reach", "reaches",
    "reaching", "surpass", "no lower than", "not lower than", "a minimum of", "minimum of",
]
LE_BEFORE = [
    "no more than", "not more than", "not exceeding", "not exceed", "less than", "fewer than",
    "below", "under", "within", "at most", "up to", "no higher than", "not higher than", "a maximum of",
    "maximum of", "cap of", "capped at", "reduce to below", "lower than",
]
EQ_BEFORE = [
    "about", "around", "approximately", "roughly", "nearly", "increase to", "increased to", "rise to",
    "raise to", "raised to", "grow to", "reduce to", "reduced to", "cut to", "stabilize at",
    "stabilise at", "remain at", "maintain at", "be kept at",
]
GE_AFTER = ["or more", "or above", "and above", "or higher", "plus"]
LE_AFTER = ["or less", "or below", "and below", "or lower", "or fewer"]

# Printed before a number ("US $4 billion"), longest first; the unit keeps them without spaces.
CURRENCIES = ["US $", "US$", "HK $", "HK$", "USD", "RMB", "CNY", "$", "€", "£", "¥", "￥"]
SCALES = ["thousand", "million", "billion", "trillion", "mn", "bn"]
CURRENCY_WORDS = ["us dollars", "dollars", "dollar", "yuan", "rmb", "usd", "euros", "euro", "hkd"]
TIME_UNITS = {
    "day", "days", "working", "workday", "workdays", "hour", "hours", "minute", "minutes", "month", "months",
    "week", "weeks", "year", "years", "business", "second", "seconds", "quarter", "quarters",
}
# Words that end a count noun phrase after a number: "500 enterprises [in] …".
STOP_WORDS = {
    "of", "in", "to", "by", "for", "and", "or", "the", "a", "an", "will", "is", "are", "be", "per",
    "with", "on", "at", "from", "that", "which", "who", "as", "than", "into", "across", "each", "this",
    "these", "those", "its", "their", "shall", "should", "must", "have", "has", "over",
}
# A number in a clause with one of these is a subsidy, loan cap, budget, rate or threshold
# (regular expressions, matched case-insensitively within the comma clause of the number).
NON_TARGET_CUES = [
    r"\bsubsid", r"\bgrants?\b", r"\bawards?\b", r"\brewards?\b", r"\bbonus", r"\brebates?\b",
    r"\brefunds?\b", r"\ballowances?\b", r"\bcompensat", r"\bloans?\b", r"\bcredit line",
    r"\bguarantee", r"\binterest rate", r"\binterest subsid", r"\bdiscount", r"\bbudget",
    r"\ballocat", r"\bearmark", r"\bfunding of\b", r"\bfunds? of\b", r"\bfinancial support",
    r"\btax rate", r"\bfees?\b", r"\bpenalt", r"\beligib", r"\bqualif", r"\bthreshold",
    r"\bwhose\b", r"\bwith (?:an )?annual\b", r"\bhaving\b", r"\bregistered capital",
    r"\bcapped\b", r"\bcap of\b", r"\bmaximum of\b", r"\bat most\b.{0,20}\b(?:yuan|dollars?)\b",
]
# A number right after one of these words is a label ("Article 5", "Phase 2"), not a value.
LABEL_WORDS = {
    "article", "articles", "paragraph", "clause", "phase", "level", "grade", "class", "category",
    "version", "no", "no.", "number", "page", "chapter", "section", "item", "annex", "appendix",
    "table", "figure", "task", "tasks", "measure", "part", "route", "line", "group", "batch",
}
LIST_COUNT_NOUNS = {
    "areas", "aspects", "categories", "types", "steps", "stages", "phases", "pillars", "priorities",
    "principles", "tasks", "measures", "parts", "ways", "points", "fields", "kinds", "dimensions",
    "directions", "respects", "sections", "chapters", "goals", "objectives", "cities",
}
COMMITMENT_VERBS = [
    "reach", "achieve", "account for", "attract", "cultivate", "build", "create", "add", "train", "serve",
    "host", "introduce", "increase", "grow", "complete", "establish", "set up", "develop", "exceed",
    "total", "hit", "raise", "rise", "expand", "foster", "nurture", "form", "launch", "open",
    "recruit", "bring in", "land", "stabilize", "stabilise", "maintain", "remain", "reduce", "cut",
    "lower", "improve", "enhance", "strive", "ensure", "will be", "to be",
]
# Words right before a bare number ("to 1,000") that make it a value even without a unit word.
VALUE_WORDS = {
    "to", "reach", "reaches", "reaching", "exceed", "exceeds", "exceeding", "than", "least", "over", "about",
    "around", "approximately", "nearly", "total", "totalling", "totaling",
}
# Words that tie a year to a target: "by 2025", "in 2025", "by the end of 2025".
YEAR_BEFORE = ["by", "in", "until", "before", "through", "to", "till", "for"]
ABBREVIATIONS = {
    "no", "nos", "e.g", "i.e", "etc", "co", "ltd", "inc", "mr", "mrs", "ms", "dr", "st", "vs", "u.s",
    "u.k", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "art",
    "para", "fig", "approx", "dept", "govt", "corp", "prof",
}
# fmt: on
