"""Recognisers for the parts of an article that are not its story.

Each function looks at one paragraph's plain text (whitespace already collapsed) and answers
whether it is a byline, a dateline, a "Related article" box, a disclaimer, a provenance note, an
"Original url:" line, a leftover of wiki markup, a "Sources" heading, and so on. ``documents.py``
decides what to do with each.
"""

from __future__ import annotations

import calendar
import re

from .dates import parse_date_string

# Month names (and their usual abbreviations) in English, German, French, Spanish, Portuguese,
# Italian and Russian (nominative and genitive), for the date that often ends a byline.
_MONTH_WORDS = (
    r"jan(?:uary|uar|vier)?|feb(?:ruary|ruar)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|"
    r"aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"j[äa]n(?:ner)?|märz|mai|juni|juli|okt(?:ober)?|dez(?:ember)?|"
    r"janvier|f[ée]vrier|mars|avril|juin|juillet|ao[uû]t|septembre|octobre|novembre|"
    r"d[ée]cembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|"
    r"octubre|noviembre|diciembre|janeiro|fevereiro|mar[çc]o|maio|junho|julho|setembro|"
    r"outubro|novembro|dezembro|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|"
    r"ottobre|dicembre|январ[ья]|феврал[ья]|март[а]?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|"
    r"август[а]?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья]"
)
_BYLINE_RE = re.compile(
    r"^(?:by|written\s+by|words\s+by|text\s+by|story\s+by|reporting\s+by|posted\s+by|"
    r"published\s+by|von|text|autor(?:in)?|par|texte|publi[ée]\s+par|auteur|por|texto|"
    r"publicado\s+por|escrito\s+por|reportagem\s+de|di|pubblicato\s+da|scritto\s+da|testo|"
    r"autore|текст|автор|опубликовано|материал\s+подготовил[аи]?)\s*:?\s+"
    r"(?P<name>\S.{0,200})$",
    re.IGNORECASE,
)
# What follows the name: a date, a time, "Updated ...", a tag list, a role.
_BYLINE_TAIL_RE = re.compile(
    r"\s*(?:[|,·•\u2013\u2014-]\s*|\s)(?:\d{4}-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./]\d{2,4}|"
    r"(?:updated|published|posted|aktualisiert|veröffentlicht|publi[ée]|mis\s+à\s+jour|"
    r"actualizado|publicado|atualizado|aggiornato|pubblicato|обновлено|опубликовано|"
    r"tags?|schlagw[oö]rter|themen|[ée]tiquettes|mots-cl[ée]s|etiquetas|temas|argomenti|"
    r"теги|метки|filed\s+under|categor(?:y|ies|ías|ias|ie))\b|"
    rf"(?:{_MONTH_WORDS})\.?\s+\d|\d{{1,2}}\.?\s+(?:de\s+)?(?:{_MONTH_WORDS})\b|\d{{1,2}}:\d\d|"
    r"@\w|(?:vor|il\s+y\s+a|hace|há|fa|před|назад)\b).*$",
    re.IGNORECASE,
)
# "October 9, 2018 | by Jane Doe", "11 октября 2018 · Текст: Иван Петров"
_DATE_THEN_BYLINE_RE = re.compile(
    r"^(?P<date>[^|·•\u2013\u2014]{4,40}?)\s*[|·•\u2013\u2014]\s*(?P<byline>.{2,200})$"
)
_NAME_JOIN_RE = re.compile(r"\s+(?:and|und|et|y|e|и|&)\s+")
_ROLES = (
    r"senior|staff|chief|deputy|political|foreign|special|editor|reporter|correspondent|"
    r"writer|columnist|contributor|technologist|analyst|redakteur(?:in)?|korrespondent(?:in)?|"
    r"journaliste|rédact\w*|correspondant\w*|periodista|corresponsal|redator\w*|jornalista|"
    r"giornalista|корреспондент|редактор|обозреватель"
)
# ", Senior Reporter" after a name, or a role on its own ("Staff Writer")
_ROLE_RE = re.compile(rf",\s*(?:{_ROLES})\b.*$|\s+(?:\w+\s+)?(?:{_ROLES})$", re.IGNORECASE)
_ROLE_ONLY_RE = re.compile(rf"^(?:\w+\s+)?(?:{_ROLES})\b", re.IGNORECASE)
# A desk's byline, the British convention for unsigned stories: "Our Foreign Staff"
_DESK_RE = re.compile(
    r"^our\s+(?:\w+\s+)?(?:staff|correspondents?|reporters?|editors?)$", re.IGNORECASE
)
_TAG_LINE_RE = re.compile(
    r"(?:^|\s)(?:tags?|schlagw[oö]rter|schlagworte|themen|[ée]tiquettes|mots-cl[ée]s|etiquetas|"
    r"temas|argomenti|теги|метки|filed\s+under|categor(?:y|ies|ías|ias|ie)|rubriken?)\s*:\s*\S",
    re.IGNORECASE,
)
_CALL_TO_ACTION_RE = re.compile(
    r"\b(?:if\s+you\s+(?:enjoyed|liked|value|appreciate)\s+this|sign\s+up\s+(?:for|to)|"
    r"subscribe\s+(?:to|now|today|for)|join\s+(?:us|our|the\s+\w+\s+(?:club|community|"
    r"newsletter))|follow\s+us\s+on|support\s+(?:our|independent)\s+journalism|"
    r"become\s+a\s+(?:member|patron|subscriber)|donate\s+(?:now|today)|"
    r"newsletter\s+abonnieren|jetzt\s+abonnieren|abonnez-vous|inscrivez-vous|suscr[ií]bete|"
    r"assine\s+(?:já|a\s+newsletter)|iscriviti|подпишитесь|подписывайтесь)\b",
    re.IGNORECASE,
)


def clean_author(name: str) -> str | None:
    """A byline's names only: no role ("Jane Doe, Senior Editor"), no handle, no trailing date;
    "Jane Doe and John Roe" -> "Jane Doe, John Roe"; a desk ("Our Foreign Staff") stays."""
    if _DESK_RE.match(name.strip()):
        return " ".join(name.split())
    if _ROLE_ONLY_RE.match(name.strip()):
        return None
    name = _ROLE_RE.sub("", name.strip())
    t = _BYLINE_TAIL_RE.search(name)
    if t and t.start() > 0:
        name = name[: t.start()]
    name = _NAME_JOIN_RE.sub(", ", name.strip(" |,·•-\u2013\u2014"))
    return name or None


_RELATED_RE = re.compile(
    r"^(?:related(?:\s+(?:article|articles|story|stories|content|reading|coverage|news))?|"
    r"read\s+(?:more|also|next)|also\s+read|see\s+also|more\s+on\s+this(?:\s+story)?|"
    r"recommended|you\s+may\s+also\s+like|most\s+read|editor'?s\s+picks?)\s*[:\-\u2013\u2014|>»]",
    re.IGNORECASE,
)
_RELATED_HEADING_RE = re.compile(
    r"^(?:related(?:\s+\w+)?|read\s+more|see\s+also|most\s+(?:read|popular|viewed)|"
    r"trending|popular|recommended(?:\s+\w+)?|more\s+stories|share\s+this(?:\s+\w+)?|"
    r"comments?|newsletter|advertisement)\s*:?$",
    re.IGNORECASE,
)
_SOURCES_HEADING_RE = re.compile(
    r"^(?:sources?|references|reference|external\s+links|further\s+reading|bibliography|"
    r"citations|works\s+cited|sources\s+and\s+(?:notes|further\s+reading))\s*:?$",
    re.IGNORECASE,
)
_ORIGINAL_URL_RE = re.compile(
    r"^(?:original\s+(?:url|article|link|source|story)|source\s+url|canonical\s+url|"
    r"url|link|originally\s+published\s+at|permalink)\s*:\s*(?P<rest>\S*)\s*$",
    re.IGNORECASE,
)
_BARE_URL_RE = re.compile(r"^<?https?://\S{1,2000}>?$", re.IGNORECASE)
_TEMPLATE_LINE_RE = re.compile(r"^[{}\s]*[A-Za-z][\w |:=./-]{0,80}\}+[{}\s]*$|^\{\{[^{}]{0,200}$")
TEMPLATE_INLINE_RE = re.compile(
    r"\{\{\s*[Bb]yline\s*\|\s*date|\{\{[^{}\n]{0,200}\}\}|\{[A-Za-z][\w ]{0,40}\}\}"
)
_PROVENANCE_RE = re.compile(
    r"\b(?P<prov>(?:adapted|republished|reprinted|translated|excerpted|condensed|abridged|"
    r"reproduced|syndicated)\s+(?:with\s+permission\s+)?from\s+.{0,120}?|"
    r"(?:originally|first)\s+(?:published|appeared)\s+(?:by|in|on|at)\s+.{0,120}?)"
    r"\s*\.?\s*$",
    re.IGNORECASE,
)
_DISCLAIMER_RE = re.compile(
    r"^(?:the\s+)?(?:views|opinions)\s+expressed|do(?:es)?\s+not\s+necessarily\s+(?:reflect|"
    r"represent)|^disclaimer\b|^(?:all\s+rights\s+reserved|copyright\b|©)|"
    r"all\s+rights\s+reserved\.?$",
    re.IGNORECASE,
)
_PUBLISHER_IN_DISCLAIMER_RE = re.compile(
    r"(?:position|views?|opinions?|policy|policies|stance)\s+of\s+(?P<pub>[A-Z][^.;]{1,100}?)\s*\.?$"
)
_CREDIT_HINT_RE = re.compile(
    r"/|\bphoto\b|\bcredit\b|©|\b(?:getty|reuters|ap|afp|tass|epa|ria novosti|sputnik|"
    r"shutterstock|courtesy|pool|handout|kremlin\.ru|wikimedia|flickr|unsplash|anadolu|"
    r"xinhua|efe|ansa|dpa|ddp|imago)\b",
    re.IGNORECASE,
)
_CREDIT_SUFFIX_RE = re.compile(
    r"(?:\(|\s)(?P<credit>(?:photo|photograph|image|picture|credit|foto)s?\s*(?:by|:|credit:?)\s*"
    r"[^()]{2,120}?)\)?\s*$",
    re.IGNORECASE,
)
_MEDIA_LINK_RE = re.compile(
    r"/(?:File|Image|Media):|\|\d+px\||^(?:thumb|right|left)\|", re.IGNORECASE
)


def byline_author(text: str) -> tuple[str, str | None] | None:
    """(author, trailing date text) when the paragraph is a byline: "By Nikita Smagin",
    "Текст: Иван Петров · 11 октября 2018", "October 9, 2018 | by Jane Doe"."""
    if len(text) > 200:
        return None
    m = _BYLINE_RE.match(text)
    if not m:
        d = _DATE_THEN_BYLINE_RE.match(text)
        if d and is_dateline(d.group("date")) is not None:
            found = byline_author(d.group("byline"))
            if found is not None:
                return found[0], d.group("date")
        return None
    raw = m.group("name").strip()
    tail = None
    t = _BYLINE_TAIL_RE.search(raw)
    if t and t.start() > 0:
        tail = raw[t.start() :].strip(" |,·•-–—")
    name = clean_author(raw)
    if not name or not looks_like_names(name):
        return None
    return name, tail


_NAME_PARTICLES = {
    "de", "da", "do", "dos", "das", "del", "della", "di", "van", "von", "der", "den", "le", "la",
    "al", "bin", "ibn", "y", "e", "du", "des", "ten", "ter",
}  # fmt: skip


def looks_like_names(text: str) -> bool:
    """Capitalised words (and name particles such as "de", "von"): "Jane Doe, John van Roe"."""
    words = text.replace(",", " ").split()
    if not words or len(words) > 12 or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words)


def is_tag_line(text: str) -> bool:
    """ "Tags: Syria, Russia", "Publicado por Ana Tags: política, economia"."""
    return len(text) <= 400 and bool(_TAG_LINE_RE.search(text))


def is_call_to_action(text: str) -> bool:
    """ "If you enjoyed this article... Join", "Sign up for our newsletter" and the like."""
    return len(text) <= 400 and bool(_CALL_TO_ACTION_RE.search(text))


# Month names of the byline languages, for reading the date at the end of a byline.
_MONTH_NUMBERS: dict[str, int] = {}
for _n, _names in enumerate(
    (
        "januar jänner janvier enero janeiro gennaio января январь",
        "februar février fevrier febrero fevereiro febbraio февраля февраль",
        "märz mars marzo março marco марта март",
        "avril abril aprile апреля апрель",
        "mai mayo maio maggio мая май",
        "juni juin junio junho giugno июня июнь",
        "juli juillet julio julho luglio июля июль",
        "août aout agosto августа август",
        "septembre septiembre setiembre setembro settembre сентября сентябрь",
        "oktober octobre octubre outubro ottobre октября октябрь",
        "novembre noviembre novembro ноября ноябрь",
        "dezember décembre decembre diciembre dezembro dicembre декабря декабрь",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTH_NUMBERS[_name] = _n
_FOREIGN_DATE_RE = re.compile(
    r"^(?P<d>\d{1,2})\.?\s+(?:de\s+)?(?P<m>[^\W\d_]+)\.?,?\s+(?:de\s+)?(?P<y>\d{4})"
    r"(?:\s*(?:г(?:ода)?\.?|um|à|a\s+las|às|alle)\b.*)?$",
    re.IGNORECASE,
)
_ENGLISH_MONTHS = list(calendar.month_name)[1:]


def parse_byline_date(text: str):
    """(date, precision) of "11 октября 2018", "12. September 2024", "3 de mayo de 2021" or any
    date ``parse_date_string`` reads."""
    text = text.strip(" .|·,")
    m = _FOREIGN_DATE_RE.match(text)
    if m and m.group("m").lower() in _MONTH_NUMBERS:
        month = _ENGLISH_MONTHS[_MONTH_NUMBERS[m.group("m").lower()] - 1]
        text = f"{m.group('d')} {month} {m.group('y')}"
    return parse_date_string(text)


def is_dateline(text: str):
    """The (date, precision) when the paragraph is only a date ("September 22, 2025")."""
    if len(text) > 60:
        return None
    cleaned = re.sub(r"^(?:published|posted|updated|date)\s*:?\s*", "", text, flags=re.I)
    cleaned = re.sub(r"^(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)[a-z]*,?\s+", "",
                     cleaned, flags=re.I)  # fmt: skip
    return parse_byline_date(cleaned)


def is_related(text: str) -> bool:
    return bool(_RELATED_RE.match(text))


def is_related_heading(text: str) -> bool:
    return bool(_RELATED_HEADING_RE.match(text))


def is_sources_heading(text: str) -> bool:
    return bool(_SOURCES_HEADING_RE.match(text))


def original_url_marker(text: str) -> tuple[bool, str | None]:
    """("Original url:" line?, the URL when it is on the same line)."""
    m = _ORIGINAL_URL_RE.match(text)
    if not m:
        return False, None
    rest = m.group("rest").strip("<>")
    return True, rest if _BARE_URL_RE.match(rest or "") else None


def is_bare_url(text: str) -> bool:
    return bool(_BARE_URL_RE.match(text))


def is_template_leftover(text: str) -> bool:
    return len(text) <= 300 and bool(_TEMPLATE_LINE_RE.match(text))


def provenance(text: str) -> str | None:
    """ "adapted from the original published by ..." from a short provenance note."""
    if len(text) > 400:
        return None
    m = _PROVENANCE_RE.search(text)
    if not m:
        return None
    prov = m.group("prov").strip().rstrip(".")
    return prov[:1].lower() + prov[1:]


def is_disclaimer(text: str) -> bool:
    return len(text) <= 600 and bool(_DISCLAIMER_RE.search(text))


def disclaimer_publisher(text: str) -> str | None:
    m = _PUBLISHER_IN_DISCLAIMER_RE.search(text)
    return m.group("pub").strip() if m else None


def looks_like_credit(text: str) -> bool:
    text = text.strip()
    if not text or len(text) > 120 or len(text.split()) > 12:
        return False
    return bool(_CREDIT_HINT_RE.search(text))


def credit_suffix(text: str) -> tuple[str, str] | None:
    """(caption, credit) for "... (Photo: Jane Doe)" style captions."""
    m = _CREDIT_SUFFIX_RE.search(text)
    if not m or m.start() == 0:
        return None
    return text[: m.start()].strip(), m.group("credit").strip()


def is_media_link(href: str | None, text: str) -> bool:
    return bool(_MEDIA_LINK_RE.search(href or "")) or bool(_MEDIA_LINK_RE.search(text))
