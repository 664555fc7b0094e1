"""Who asserts a claim (claimant) and which outlet or document the article credits (attribution).

Rules over the sentence text:

* "According to X, ..." / "..., according to X." -> attribution X; X is also the claimant unless X
  is an outlet or a document ("according to today's Washington Post" credits a newspaper, not a
  speaker).
* "X said/told/announced/claimed/warned/... (that) ..." -> claimant X, or attribution X when X is a
  news outlet ("Reuters reported that ...") or a document ("a UN report found ...").
* "'...,' the minister said." / "..., said Wagner." -> claimant.
* "There were reports that ..." -> attribution "unnamed reports".

The subject is the noun phrase right before the reporting verb, after the last clause break
("At the end of August, Reuters reported" -> "Reuters"), skipping an appositive ("Jeremy
Desterhoft, an independent consultant, warns" -> "Jeremy Desterhoft"). Pronouns are not
claimants.

An article in German, French, Spanish, Portuguese, Italian or Russian gets the same rules with
its language's words (lexicon.py; ``_Speech`` below).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .lexicon import LANGUAGES, Lexicon

__all__ = ["OUTLETS", "Speaker", "attribute", "attribute_sentences", "canonical_outlet"]

# Canonical name -> other spellings (matched case-insensitively as whole words).
OUTLETS: dict[str, tuple[str, ...]] = {
    "Reuters": ("reuters",),
    "Associated Press": ("associated press", "ap"),
    "AFP": ("afp", "agence france-presse", "agence france presse"),
    "BBC": ("bbc", "bbc news"),
    "Bloomberg": ("bloomberg", "bloomberg news"),
    "TASS": ("tass", "itar-tass", "тасс", "итар-тасс"),
    "RIA Novosti": ("ria novosti", "ria", "риа новости"),
    "Interfax": ("interfax", "интерфакс"),
    "Kommersant": ("kommersant", "коммерсантъ", "коммерсант"),
    "Vedomosti": ("vedomosti", "ведомости"),
    "RBC": ("rbc", "рбк"),
    "Izvestia": ("izvestia", "известия"),
    "Meduza": ("meduza", "медуза"),
    "Novaya Gazeta": ("novaya gazeta", "новая газета"),
    "The Moscow Times": ("moscow times",),
    "The New York Times": ("new york times", "nyt"),
    "The Washington Post": ("washington post",),
    "The Wall Street Journal": ("wall street journal", "wsj"),
    "Financial Times": ("financial times", "ft"),
    "The Guardian": ("guardian",),
    "The Economist": ("economist",),
    "The Times": ("the times",),
    "The Telegraph": ("telegraph", "daily telegraph"),
    "The Independent": ("the independent",),
    "Al Jazeera": ("al jazeera", "al-jazeera"),
    "Al Arabiya": ("al arabiya", "al-arabiya"),
    "CNN": ("cnn",),
    "Fox News": ("fox news",),
    "NBC News": ("nbc", "nbc news"),
    "CBS News": ("cbs", "cbs news"),
    "ABC News": ("abc news",),
    "NPR": ("npr",),
    "Politico": ("politico",),
    "Axios": ("axios",),
    "Forbes": ("forbes",),
    "Le Monde": ("le monde",),
    "Le Figaro": ("le figaro", "figaro"),
    "Libération": ("libération", "liberation", "libé"),
    "El País": ("el país", "el pais"),
    "El Mundo": ("el mundo",),
    "La Nación": ("la nación", "la nacion"),
    "Clarín": ("clarín", "clarin"),
    "Europa Press": ("europa press",),
    "O Globo": ("o globo",),
    "O Estado de S. Paulo": ("estadão", "estado de s. paulo", "estado de são paulo"),
    "Agência Brasil": ("agência brasil", "agencia brasil"),
    "Lusa": ("lusa",),
    "Corriere della Sera": ("corriere della sera", "corriere"),
    "la Repubblica": ("la repubblica", "repubblica"),
    "La Stampa": ("la stampa",),
    "Süddeutsche Zeitung": ("süddeutsche zeitung", "süddeutsche", "sz"),
    "Frankfurter Allgemeine Zeitung": ("frankfurter allgemeine", "faz"),
    "Die Zeit": ("die zeit", "zeit online"),
    "Bild": ("bild", "bild-zeitung"),
    "Handelsblatt": ("handelsblatt",),
    "ARD": ("ard", "tagesschau"),
    "ZDF": ("zdf",),
    "Der Spiegel": ("der spiegel", "spiegel"),
    "Deutsche Welle": ("deutsche welle", "dw"),
    "Xinhua": ("xinhua",),
    "Anadolu Agency": ("anadolu", "anadolu agency"),
    "SANA": ("sana",),
    "Haaretz": ("haaretz",),
    "The Times of Israel": ("times of israel",),
    "Yonhap": ("yonhap",),
    "Kyodo": ("kyodo",),
    "EFE": ("efe",),
    "dpa": ("dpa",),
    "ANSA": ("ansa",),
    "Folha de S.Paulo": ("folha", "folha de s.paulo", "folha de são paulo"),
    "Salt Lake Tribune": ("salt lake tribune",),
    "USA Today": ("usa today",),
    "Los Angeles Times": ("los angeles times", "la times"),
    "Yahoo News": ("yahoo news",),
    "InfoWorld": ("infoworld",),
    "CNET": ("cnet",),
    "Interpress Service": ("ips", "inter press service"),
}
_ALIAS_TO_OUTLET = {alias: name for name, aliases in OUTLETS.items() for alias in aliases}
_ALIAS_TO_OUTLET.update({name.lower(): name for name in OUTLETS})
_OUTLET_RE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(a) for a in sorted(_ALIAS_TO_OUTLET, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
# Head nouns that make a subject a medium or a document rather than a speaker.
_DOCUMENT_HEAD_RE = re.compile(
    r"\b(?:newspaper|paper|daily|weekly|magazine|outlet|agency|broadcaster|channel|tv|"
    r"television|radio|website|site|blog|media|press|report|reports|study|studies|survey|"
    r"poll|statement|documents?|data|figures|statistics|records|filing|analysis|review|"
    r"investigation|article|cable|memo|letter|census|estimates?)$",
    re.IGNORECASE,
)

_VERBS = (
    r"said|says|say|saying|told|tells|tell|stated|states|state|announced|announces|announce|"
    r"claimed|claims|claim|argued|argues|argue|insisted|insists|insist|warned|warns|warn|"
    r"added|adds|explained|explains|noted|notes|wrote|writes|write|reported|reports|report|"
    r"declared|declares|confirmed|confirms|confirm|denied|denies|deny|maintained|maintains|"
    r"estimated|estimates|estimate|predicted|predicts|predict|predicting|believe|believes|"
    r"believed|concedes|conceded|concede|pointed\s+out|points\s+out|point\s+out|dubbed|"
    r"acknowledged|acknowledges|admitted|admits|alleged|alleges|asserted|asserts|suggested|"
    r"suggests|revealed|reveals|disclosed|discloses|found|finds|showed|shows|cited|cites|"
    r"quoted|quotes|accused|accuses|blamed|blames|described|describes|called|calls|"
    r"emphasized|emphasised|stressed|stresses|observed|observes|testified|contended|contends|"
    r"recalled|recalls|promised|promises|vowed|vows|expects|expected|predicts|hopes|"
    r"envision|envisions|envisioned|expressed\s+(?:\w+\s+)?(?:sentiments?|concerns?|hopes?|"
    r"views?|doubts?|fears?)|concede|says"
)
_AUX = r"(?:(?:has|have|had|is|are|was|were|will|would|also|reportedly|previously|later|" \
    r"earlier|immediately|recently|publicly|repeatedly|once|again|already|then|now|" \
    r"has\s+been|have\s+been|had\s+been|does\s+not|do\s+not|did\s+not)\s+){0,3}"  # fmt: skip
_VERB_RE = re.compile(rf"(?<![\w-]){_AUX}(?P<verb>{_VERBS})\b")
# Forms that are more often nouns ("three states", "the claims"): a verb only before "that".
_NOUN_LIKE = {
    "states", "state", "claims", "claim", "reports", "report", "notes", "calls", "estimates",
    "estimate", "promises", "vows", "quotes", "hopes", "finds", "shows", "cites", "blames",
    "describes", "expects", "expected", "promised", "called", "found", "showed", "quoted",
}  # fmt: skip
_PASSIVE_AUX_RE = re.compile(r"\b(?:is|are|was|were|been|be)\s", re.IGNORECASE)
_PREPOSITION_START_RE = re.compile(
    r"^(?:in|at|on|after|before|under|during|since|for|with|from|by|throughout|despite|"
    r"following|as|when|while|if|although|because|to|into|over|between|among|amid|here's|"
    r"here|what|it's|that's|there's|unlike|like|given|within|without|against|across)\b",
    re.IGNORECASE,
)

_ACCORDING_RE = re.compile(r"\b[Aa]ccording\s+to\s+(?P<x>[^,.;:!?()\[\]\"“”]{1,120})")
_THERE_REPORTS_RE = re.compile(
    r"\b[Tt]here\s+(?:were|are|have\s+been|had\s+been|was)\s+(?:also\s+)?(?:\w+\s+)?"
    r"(?:reports?|claims|rumou?rs)\b"
)
_INVERTED_END_RE = re.compile(
    rf"[,\"”’]\s+(?P<subj>[^,\"”“]{{2,80}}?)\s+(?:{_VERBS})(?:\s+(?:on\s+)?\w+day)?\s*[.!?]?[\"”’]?$"
)
_VERB_FIRST_END_RE = re.compile(
    r"[,\"”’]\s+(?:said|says|added|adds|explained|explains|told\s+\w+|wrote|writes|"
    r"noted|notes|argued|argues|warned|warns)\s+(?P<subj>[^,.;\"”“]{2,100}?)"
    r"\s*[.!?]?[\"”’]?$"
)
_LEADING_CONNECTIVE_RE = re.compile(
    r"^(?:and|but|or|so|yet|however|meanwhile|also|moreover|furthermore|then|now|still|"
    r"instead|indeed|thus|therefore|later|earlier|previously|separately|in\s+addition|"
    r"in\s+turn|for\s+example|for\s+instance|on\s+\w+day)\b\s*,?\s*",
    re.IGNORECASE,
)
_PRONOUNS = {
    "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "which", "who",
    "whom", "one", "someone", "somebody", "there", "what", "all", "both", "each", "many", "some",
    "others", "his", "her", "their", "its",
}  # fmt: skip
_DETERMINERS = {"the", "a", "an", "some", "many", "most", "several", "two", "three", "other"}
_APPOSITIVE_START_RE = re.compile(
    r"^(?:a|an|the|such\s+as|who|which|whose|head|chief|director|spokesman|spokeswoman|"
    r"spokesperson|president|minister|secretary|member|former|senior|deputy|one|himself|"
    r"herself|including|among|like|[a-z])",
)
_NP_LINK_WORDS = {"of", "the", "and", "for", "by", "de", "da", "do", "del", "von", "van", "al", "&"}
_ROLE_NOUNS = re.compile(
    r"^(?:police|officers?|officials?|ministry|ministers?|government|authorities|experts?|"
    r"analysts?|critics?|researchers?|scientists?|sources?|diplomats?|witnesses|residents|"
    r"activists|opponents?|supporters?|lawyers?|prosecutors?|investigators?|spokes\w+|"
    r"observers|economists?|doctors|medics|military|army|company|firm|officers)$",
    re.IGNORECASE,
)
_TIME_TAIL_RE = re.compile(
    r"\s+(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|last\s+\w+|"
    r"this\s+\w+)(?:\s+(?:morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)


def canonical_outlet(name: str | None) -> str | None:
    """The canonical outlet name when ``name`` is (or ends with) a known news outlet."""
    if not name:
        return None
    name = name.strip().strip('*_«»„“”"')
    low = re.sub(r"^(?:the|today's|yesterday's|this\s+week's|\w+day's)\s+", "", name.lower())
    if low in _ALIAS_TO_OUTLET:
        return _ALIAS_TO_OUTLET[low]
    m = _OUTLET_RE.search(name)
    if m and len(name.split()) <= 6:
        alias = m.group(0).lower()
        # short, ambiguous aliases ("AP", "FT", "RIA") only as the whole name or in capitals
        # (or as the outlet writes itself: "dpa")
        if len(alias) <= 3 and m.group(0) not in (m.group(0).upper(), _ALIAS_TO_OUTLET[alias]):
            return None
        tail = name[m.end() :].strip(" .,'’s")
        if not tail or tail.lower() in ("news", "news agency", "agency", "newspaper", "reported"):
            return _ALIAS_TO_OUTLET[alias]
    return None


def _is_document(subject: str) -> bool:
    return bool(_DOCUMENT_HEAD_RE.search(subject))


def _clean_np(np: str) -> str | None:
    np = np.strip().strip("*_\"'“”‘’ ")
    np = _LEADING_CONNECTIVE_RE.sub("", np).strip()
    np = _TIME_TAIL_RE.sub("", np).strip()
    np = np.strip(" ,;:-–—*_\"'“”‘’")
    if not np:
        return None
    words = np.split()
    if len(words) > 10 or len(np) > 120:
        return None
    first = words[0].lower()
    if first in _PRONOUNS and len(words) == 1:
        return None
    if _PREPOSITION_START_RE.match(np):
        return None
    if first in (
        "it",
        "this",
        "that",
        "which",
        "who",
        "there",
        "what",
        "he",
        "she",
        "they",
        "we",
        "i",
    ):
        return None
    if re.search(r"\b(?:is|are|was|were|be|been|has|have|had|will|would|could|should|may|might|"
                 r"can|did|do|does|not)\b", np, re.IGNORECASE):  # fmt: skip
        return None
    plausible = (
        words[0][0].isupper()
        or first in _DETERMINERS
        or any(w[:1].isupper() for w in words)
        or any(_ROLE_NOUNS.match(w.strip(",.")) for w in words)
    )
    return np if plausible else None


def _according_target(raw: str) -> str | None:
    raw = raw.strip()
    words = raw.split()
    if len(words) > 1:
        kept: list[str] = []
        for i, w in enumerate(words):
            bare = w.strip("*_\"'“”")
            if (
                bare.lower() in ("the", "a", "an")
                and i > 0
                and kept
                and kept[-1] not in ("of", "and", "for")
            ):
                break
            if (
                i == 0
                or bare[:1].isupper()
                or bare.lower() in _NP_LINK_WORDS
                or bare.lower().endswith(("'s", "’s"))
                or _ROLE_NOUNS.match(bare)
                or _DOCUMENT_HEAD_RE.search(bare)
            ):
                kept.append(w)
            else:
                break
        while kept and kept[-1].lower() in _NP_LINK_WORDS | _DETERMINERS:
            kept.pop()
        words = kept
    np = " ".join(words).strip("*_ ")
    if not np or np.lower() in _DETERMINERS or np.lower() in _PRONOUNS:
        return None
    return np


def _subject_before(sentence: str, verb_start: int) -> str | None:
    head = sentence[:verb_start].rstrip(" ,")
    # stop at the last clause break before the verb
    cut = max(head.rfind(","), head.rfind(";"), head.rfind(":"), head.rfind("—"), head.rfind("–"))
    m_that = list(re.finditer(r"\b(?i:that|while|because|when|after|if|whether|although|though)\s",
                              head))  # fmt: skip
    last_segment = head[cut + 1 :] if cut >= 0 else head
    if m_that:
        t = m_that[-1]
        if t.end() > cut + 1:
            last_segment = head[t.end() :]
    seg = last_segment.strip()
    if cut >= 0 and seg and _APPOSITIVE_START_RE.match(seg) and not seg[:1].isupper():
        # "X, an independent consultant, warns": the subject is before the appositive
        first_comma = head.find(",")
        if 0 < first_comma <= cut:
            candidate = _clean_np(head[:first_comma])
            if candidate and candidate[:1].isupper() and len(candidate.split()) <= 6:
                return candidate
    return _clean_np(seg)


def attribute(sentence: str, language: str | None = None) -> tuple[str | None, str | None]:
    """(claimant, attribution) for one sentence; either may be None. ``language`` (ISO 639-1)
    chooses the rules: English unless it is one of lexicon.LANGUAGES."""
    sentence = sentence[:2000]
    if language in LANGUAGES:
        return _Speech.of(language).attribute(sentence)
    claimant: str | None = None
    attribution: str | None = None

    m = _ACCORDING_RE.search(sentence)
    if m:
        target = _according_target(m.group("x"))
        if target:
            outlet = canonical_outlet(target)
            if outlet:
                attribution = outlet
            else:
                target = re.sub(r"^(?:today's|yesterday's)\s+", "", target)
                attribution = target
                if not _is_document(target):
                    claimant = target
    if attribution is None and _THERE_REPORTS_RE.search(sentence):
        attribution = "unnamed reports"

    if claimant is None:
        speaker = None
        stripped = sentence.rstrip()
        m_inv = _VERB_FIRST_END_RE.search(stripped) or _INVERTED_END_RE.search(stripped)
        if m_inv:
            speaker = _clean_np(m_inv.group("subj"))
        if speaker is None:
            for mv in _VERB_RE.finditer(sentence):
                verb = mv.group("verb").lower()
                if verb in _NOUN_LIKE and not re.match(r"\s+that\b", sentence[mv.end() :]):
                    continue
                if _PASSIVE_AUX_RE.search(mv.group(0)) and verb.endswith("ed"):
                    continue  # "is expected to", "was reported": passive, no speaker
                if mv.group("verb").lower() in ("found", "shows", "showed", "finds") and not (
                    _is_document(sentence[: mv.start()].strip())
                ):
                    continue
                speaker = _subject_before(sentence, mv.start())
                if speaker:
                    break
        if speaker:
            outlet = canonical_outlet(speaker)
            if outlet:
                attribution = attribution or outlet
            elif _is_document(speaker):
                attribution = attribution or speaker
            else:
                claimant = speaker
    return claimant, attribution


# --- other languages (lexicon.LANGUAGES) ------------------------------------------------------
# The same rules as in English, from one language's words: "according to X" before X (or after
# it: "X zufolge"), "X said" and "said X" (the subject after the verb: after a quote, after "as"
# ("comme l'a souligné X", "как сообщает X") and in German after a fronted phrase ("Am Montag
# sagte X")). A noun phrase starting with a preposition (a place: "In Berlin", "В Москве") or
# made of a time expression is never the speaker: it is skipped, and the subject looked for
# after it.

_ANY_DAY = date(2000, 1, 3)  # any day: "lundi" is a time expression whatever the article's date
_QUOTES = '"“”«»„'  # not ’: the apostrophe of "l’Arcep"
_CLAUSE_BREAK_RE = re.compile(r",(?!\d)|[;:—–()\[\]" + _QUOTES + "]")  # not "5,5"
_CAPITAL_RE = re.compile(r"^[\"“«„(]?[A-ZÀ-ÖØ-ÞА-ЯЁ]")
_NAME_WORD_RE = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯЁ](?:[\w'’.-]*[a-zß-ÿа-яё.][\w'’.-]*)?$")  # not "CGIL"


class _Speech:
    """One language's claimant rules, compiled from its lexicon."""

    _cache: dict[str, _Speech] = {}

    @classmethod
    def of(cls, language: str) -> _Speech:
        if language not in cls._cache:
            cls._cache[language] = cls(language, LANGUAGES[language])
        return cls._cache[language]

    def __init__(self, language: str, lx: Lexicon) -> None:
        f = re.IGNORECASE
        self.language = language
        aux = rf"(?:(?:{lx.aux})\s+){{0,3}}"
        np = r"(?:[^,.;:!?()\[\]\"“”«»„]|\.(?=\S))"  # "S.Paulo" is one word
        self.verb = re.compile(rf"(?<![\w-]){aux}(?P<verb>{lx.verbs})(?![\w])", f)
        # a participle without its auxiliary is passive: "Braguino, soutenu par le prix"
        self.participle = re.compile(lx.participle, f) if lx.participle else None
        self.according_word = re.compile(rf"^(?:{lx.according})$", f)
        self.clitic = re.compile(lx.clitics, f) if lx.clitics else None
        self.according = re.compile(rf"(?<![\w-])(?:{lx.according})\s+(?P<x>{np}{{1,120}})", f)
        self.according_after: re.Pattern[str] | None = None
        self.according_after_word: re.Pattern[str] | None = None
        if lx.according_after:
            self.according_after = re.compile(
                rf"(?P<x>{np}{{1,120}}?)\s+(?:{lx.according_after})(?!\w)", f
            )
            self.according_after_word = re.compile(rf"(?<!\w)(?:{lx.according_after})(?!\w)", f)
        self.as_reported = re.compile(rf"^(?:{lx.as_reported})(?:\s+(?:{lx.aux}))*(?:\s+|$)", f)
        self.determiner = re.compile(rf"^(?:{lx.determiners})$", f)
        self.elided = re.compile(r"^(?:l|d|dell|all|nell|dall|sull|quest)['’](?=\w)", f)
        self.link = re.compile(rf"^(?:{lx.links})$", f)
        self.preposition = re.compile(rf"^(?:{lx.prepositions})$", f)
        self.clause = re.compile(rf"(?<![\w-])(?:{lx.clause})(?![\w-])", f)
        self.role = re.compile(rf"(?:{lx.role_nouns})$", f)
        self.document = re.compile(rf"^(?:{lx.documents})$", f)
        self.not_person = re.compile(rf"(?<![\w-])(?:{lx.not_person})(?![\w-])", f)
        self.pronoun = re.compile(rf"^(?:{lx.pronouns})$", f)
        # "er sagte", "Elle a ajouté", '"...", sagte er', "a-t-il déclaré", "заявил он"
        self.pronoun_subject = re.compile(
            rf"(?:^|[,;:—{_QUOTES}]\s*)(?P<p>{lx.pronouns})\s+{aux}(?P<v>{lx.verbs})(?![\w])", f
        )
        self.pronoun_after = re.compile(
            rf"(?<![\w-])(?:(?P<v>{lx.verbs})(?:-t-|-|\s+)|a-t-)(?P<p>{lx.pronouns})(?![\w-])",
            f,
        )

    def singular(self, m: re.Match[str]) -> bool:
        """Whether a pronoun before or after a reporting verb is "he" or "she": German "sie"
        with a plural verb is "they" ("sie sagten"), "Sie" inside a sentence is "you"."""
        if self.language != "de" or m.group("p").lower() != "sie":
            return True
        verb = (m.group("v") or "").lower()
        inside = m.start("p") > 0 and m.group("p") == "Sie"
        return not verb.endswith("en") and not inside

    # --- noun phrases ---

    def _bare(self, word: str) -> str:
        return self.elided.sub("", word.strip(_QUOTES + "*_"))

    def _is_role(self, word: str) -> bool:
        # German compounds end with the role noun: "Finanzminister", "Polizeisprecherin"
        w = self._bare(word).lower()
        return bool(self.role.search(w)) if self.language == "de" else bool(self.role.match(w))

    def _is_document(self, phrase: str) -> bool:
        words = [self._bare(w) for w in phrase.split()]
        words = [w for w in words if w and not self.determiner.match(w)]
        if not words:
            return False
        head = words[-1] if self.language == "de" else words[0]  # the head noun
        return bool(self.document.match(head.lower()))

    def _time_or_place_prefix(self, words: list[str]) -> int:
        """How many leading words are a time expression or a preposition's phrase."""
        text = " ".join(words[:8])  # a time expression is a few words long
        from .dates import find_time_expressions

        found = find_time_expressions(text, _ANY_DAY, self.language)
        if found and found[0].start == 0:
            return len(text[: found[0].end].split())
        first = words[0] if words else ""
        if first and self.preposition.match(first) and not self.determiner.match(first):
            n = 1
            while n < len(words) and (self.determiner.match(words[n]) or self.link.match(words[n])):
                n += 1
            n += 1  # the preposition's noun
            while n < len(words) and _NAME_WORD_RE.match(words[n].strip(_QUOTES)):
                n += 1  # "En São Paulo", "In Bad Homburg"
            return min(n, len(words))
        return 0

    def _before_name(self, words: list[str]) -> bool:
        """Whether a name follows within a few words: "O governador Tarcísio de Freitas", "il
        sindaco di Milano Giuseppe Sala" (a title, whatever its noun, before a name)."""
        for w in words[:3]:
            if _NAME_WORD_RE.match(self._bare(w)):
                return True
            if not (self.link.match(w) or self.elided.match(w)):
                return False
        return False

    def noun_phrase(self, text: str, stop_at_lowercase: bool, strict: bool = False) -> str | None:
        """The noun phrase at the start of ``text`` (words of a name or a title: capitalised
        words, link words, a role noun); None when it is no plausible speaker. ``strict``: an
        article before a common noun is not enough ("según sus normas")."""
        words = text.split()
        while words and (n := self._time_or_place_prefix(words)):
            if self.preposition.match(self._bare(words[0]) or words[0]):
                return None  # a place or a time in the subject's position: not a speaker
            words = words[n:]
        kept: list[str] = []
        content = 0
        for i, w in enumerate(words):
            bare = self._bare(w)
            if not bare:
                break
            if self.clause.fullmatch(bare) or self.pronoun.match(bare):
                break
            if self.determiner.match(w) and not content:
                kept.append(w)
                continue
            capital = bool(_CAPITAL_RE.match(bare))
            if content == 0:
                # "le préfet", "el consejero": a noun after an article, as "the minister" in
                # English; without one a lowercase word is a role noun or a document
                if not (
                    capital
                    or (kept and not strict)
                    or self._is_role(bare)
                    or self.document.match(bare.lower())
                ):
                    return None
            elif not (capital or self.link.match(w) or self.elided.match(w)):
                # a role noun, the word after one ("Министр финансов", "ministre délégué"), or
                # the last word of a name after "de" ("la Cour des comptes.")
                after_role = self._is_role(kept[-1]) or self._is_role(bare)
                last_of_name = self.link.match(kept[-1]) and i == len(words) - 1
                if stop_at_lowercase or not (after_role or last_of_name):
                    break
            kept.append(w)
            content += 1
            if len(kept) > 10:
                return None
        while kept and (self.link.match(kept[-1]) or self.determiner.match(kept[-1])):
            kept.pop()
        if not content or not kept:
            return None
        phrase = " ".join(kept).strip(_QUOTES + "*_ ")
        if canonical_outlet(phrase):
            return phrase  # "Le Monde", "Der Spiegel": the article is part of the name
        while len(kept) > 1 and self.determiner.match(kept[0]):
            kept = kept[1:]  # "dem Statistischen Bundesamt" -> "Statistischen Bundesamt"
        if self.elided.match(kept[0]):
            kept[0] = self.elided.sub("", kept[0])  # "l'Insee" -> "Insee"
        return " ".join(kept).strip(_QUOTES + "*_ ")

    def person(self, phrase: str) -> str:
        """ "Der Finanzminister Olaf Scholz" -> "Olaf Scholz": the name after a title (a phrase
        without a name, "la policía", stays as it is)."""
        words = phrase.split()
        if len(words) == 2 and self._is_role(words[0]) and _NAME_WORD_RE.match(words[1]):
            return words[1]  # "técnico Tite"
        for i in range(len(words) - 1):
            tail = words[i:]
            if not _NAME_WORD_RE.match(tail[0]) or len(tail) > 5:
                continue
            if any(self.not_person.search(w) or self._is_role(w) for w in tail):
                continue
            if self.link.match(words[i - 1]) if i else True:
                continue  # "il segretario della Cgil Maurizio Landini": "Cgil" is the title's
            if self.language == "ru" and self._is_role(words[i - 1]) and len(tail) > 2:
                continue  # "Глава Минфина Антон Силуанов": the role's genitive comes first
            if all(_NAME_WORD_RE.match(w) or self.link.match(w) for w in tail):
                head = words[:i]
                if any(self._is_role(w) or self.determiner.match(w) or w.islower() for w in head):
                    return " ".join(tail)
        return phrase

    # --- one sentence ---

    def according_target(self, sentence: str) -> str | None:
        m = self.according.search(sentence)
        if m:
            return self.noun_phrase(m.group("x"), self.language == "de", strict=True)
        word = self.according_after_word.search(sentence) if self.according_after_word else None
        if word and self.according_after:
            # the phrase before "zufolge" is looked for only where the word is (a lazy search
            # from every position of the sentence is slow)
            m = self.according_after.search(sentence, max(0, word.start() - 130), word.end())
            if m:
                # "dem Bericht zufolge": the phrase right before, from its determiner
                words = m.group("x").split()
                start = len(words)
                while start > 0 and (
                    _CAPITAL_RE.match(words[start - 1]) or self.link.match(words[start - 1])
                ):
                    start -= 1
                    if self.determiner.match(words[start]):
                        break
                return self.noun_phrase(" ".join(words[start:]), stop_at_lowercase=True)
        return None

    def _after_verb(self, sentence: str, verb_end: int) -> str | None:
        """The subject after the verb, up to the clause's end: '«...», a affirmé Sophie Binet',
        "Am Montag sagte der Minister", "как пишет «Коммерсантъ»"."""
        rest = sentence[verb_end:].lstrip(" " + _QUOTES)
        brk = _CLAUSE_BREAK_RE.search(rest)
        after = (rest[: brk.start()] if brk else rest).rstrip(" .!?")
        if canonical_outlet(after):
            return after
        found = self.noun_phrase(after, stop_at_lowercase=self.language == "de")
        # "declaró el líder del PP, Alberto Núñez Feijóo.": the name in apposition
        app = re.match(r"\s*,\s*([^,.;:]{3,60}?)\s*[.!?]?\s*$", rest[len(after) :])
        titled = found and (self._is_role(found.split()[0]) or found[:1].islower())
        if app and titled:
            name = app.group(1).strip()
            if len(name.split()) >= 2 and all(
                _NAME_WORD_RE.match(w) or self.link.match(w) for w in name.split()
            ):
                return name
        return found

    def subject(self, sentence: str, verb_start: int, verb_end: int) -> str | None:
        raw = sentence[:verb_start].rstrip()
        head = raw.rstrip(" ,")
        break_cut = max([b.end() for b in _CLAUSE_BREAK_RE.finditer(head)] + [0])
        clause_cut = max([c.end() for c in self.clause.finditer(head)] + [0])
        segment = head[max(break_cut, clause_cut) :].strip()
        if not segment and clause_cut > break_cut:
            return None  # "l’agent qui aurait dénoncé des actes": the subject is "qui"
        if canonical_outlet(segment):
            return segment  # "Wie die Nachrichtenagentur dpa berichtete"
        m_as = self.as_reported.match(segment)
        if m_as:
            segment = segment[m_as.end() :].strip()
            if re.fullmatch(r"\w{1,2}['’]?", segment):
                segment = ""  # "comme l’a souligné X", "como lo explicó X": a pronoun object
        words = segment.split()
        if n := self._time_or_place_prefix(words):
            for _ in range(3):  # "В Новосибирске во вторник мэр заявил": a few fronted phrases
                words = words[n:]
                if not (n := self._time_or_place_prefix(words)):
                    break
            if self.language == "de":
                words = []  # German: "Am Montag sagte X", "In Berlin teilte X mit"
            segment = " ".join(words)
        if segment and self.clitic and self.clitic.fullmatch(segment.split()[-1]):
            # "Así lo publicó X", "Lo ha reso noto X": the subject follows, or stands before
            # the pronouns ("una fuente ... nos la resumió")
            after = self._after_verb(sentence, verb_end)
            if after:
                return after
            words = segment.split()
            while words and self.clitic.fullmatch(words[-1]):
                words.pop()
            segment = " ".join(words)
        # after a clause break, a quote or "as", the subject may follow the verb
        if not segment or raw[-1:] in ",;:—–" + _QUOTES:
            after = self._after_verb(sentence, verb_end)
            if after or not segment:
                return after
        if self.pronoun.match(segment) or self.according_word.match(segment):
            return None  # "Según explicó ...": no subject named
        found = self.noun_phrase(segment, stop_at_lowercase=False)
        if found is None and raw[-1:] == ",":
            # "Pouria Amirshahi, député socialiste ... qui a voté contre, a annoncé": the name
            # before the apposition
            first = self.noun_phrase(head.split(",")[0], stop_at_lowercase=True)
            if (
                first
                and 2 <= len(first.split()) <= 4
                and all(_NAME_WORD_RE.match(w) or self.link.match(w) for w in first.split())
                and self.persons(first)
            ):
                return first
        return found

    def attribute(self, sentence: str) -> tuple[str | None, str | None]:
        claimant: str | None = None
        attribution: str | None = None
        target = self.according_target(sentence)
        if target:
            outlet = canonical_outlet(target)
            if outlet:
                attribution = outlet
            else:
                attribution = target
                if not self._is_document(target):
                    claimant = self.person(target)
        if claimant is None:
            verbs = list(self.verb.finditer(sentence))
            # "..., a rappelé Le Figaro.": a speaker after the last verb credits the whole
            # sentence, before any earlier verb's subject
            if verbs and sentence[: verbs[-1].start()].rstrip()[-1:] in ",;:—–" + _QUOTES:
                verbs = [verbs[-1]] + verbs[:-1]
            for mv in verbs:
                if (
                    self.participle
                    and mv.group(0) == mv.group("verb")
                    and self.participle.fullmatch(mv.group("verb"))
                ):
                    continue
                speaker = self.subject(sentence, mv.start(), mv.end())
                if not speaker:
                    continue
                outlet = canonical_outlet(speaker)
                if outlet:
                    attribution = attribution or outlet
                elif self._is_document(speaker):
                    attribution = attribution or speaker
                else:
                    claimant = self.person(speaker)
                break
        return claimant, attribution

    def persons(self, sentence: str) -> list[str]:
        """The people named in a sentence, in order: runs of two to five capitalised words or
        link words ("Lula da Silva"), titles and organisations left out."""
        out: list[str] = []
        run: list[str] = []
        for w in [*sentence.split(), "."]:
            bare = w.strip(_QUOTES + ",.;:!?()")
            is_name = bool(_NAME_WORD_RE.match(bare))
            if (is_name or (run and self.link.match(bare))) and bare == w.strip(_QUOTES + "()"):
                run.append(bare)  # the run goes on: no punctuation after the word
                continue
            if is_name:
                run.append(bare)  # its last word: "Scholz," "Scholz."
            name = self.person(" ".join(run)) if run else ""
            words = name.split()
            if (
                2 <= len(words) <= 5
                and not any(
                    self.not_person.search(x) or self._is_role(x) or self.determiner.match(x)
                    for x in words
                )
                and not canonical_outlet(name)
            ):
                out.append(name)
            run = []
        return out


# --- who makes each claim of an article ------------------------------------------------------

SPEAKER, OUTLET, AUTHOR = "speaker", "outlet", "author"


@dataclass(frozen=True)
class Speaker:
    claimant: str | None = None
    kind: str | None = None  # SPEAKER, OUTLET or AUTHOR
    attribution: str | None = None


# "he said", "she told reporters", "the latter added"; '"...," he said.'
_PRONOUN_SUBJECT_RE = re.compile(
    rf"(?:^|[,;:\"”]\s*|\b(?:and|but|that)\s+)(?P<p>[Hh]e|[Ss]he|[Tt]he\s+latter|[Tt]he\s+former)"
    rf"\s+{_AUX}(?:{_VERBS})\b"
)
_PRONOUN_END_RE = re.compile(
    rf"[,\"”’]\s+(?P<p>he|she|the\s+latter|the\s+former)\s+(?:{_VERBS})\b[^\"“”]{{0,60}}$"
)
# A person's name: two to four capitalised words ("Sergei Lavrov", "Asaad al-Shaibani").
_NAME_RE = re.compile(
    r"\b(?:[A-Z][\w'’-]+|al-[A-Z][\w'’-]+)(?:\s+(?:[A-Z][\w'’-]+|al-[A-Z][\w'’-]+|de|da|van|von|"
    r"bin|[A-Z]\.)){1,3}"
)
# Words that make a capitalised phrase an organisation, a place or a thing rather than a person.
_NOT_PERSON_RE = re.compile(
    r"\b(?:ministry|government|council|party|agency|university|states|republic|union|province|"
    r"forces|army|news|times|press|house|office|department|committee|commission|court|bank|"
    r"company|corporation|corp|inc|group|organization|organisation|association|institute|"
    r"foundation|nations|kingdom|city|county|street|sea|river|mountains?|islands?|airport|"
    r"minister|president|secretary|general|assembly|parliament|senate|congress|regime|"
    r"security|homeland|health|services|human|affairs|relations|national|federal|state|"
    r"international|museum|church|school|college|center|centre|station|hospital|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|"
    r"may|june|july|august|september|october|november|december|the|this|that|in|on|at)\b",
    re.IGNORECASE,
)
_TITLE_WORDS_RE = re.compile(
    r"^(?:(?:former|acting|deputy|vice|foreign|prime|interior|defen[cs]e|health|finance|"
    r"president|minister|secretary|senator|sen|rep|gov|governor|mayor|general|gen|dr|mr|mrs|ms|"
    r"prof|spokes(?:man|woman|person)|chief|head|leader|ceo|director)\.?\s+)+",
    re.IGNORECASE,
)


def _persons(sentence: str) -> list[str]:
    """The people named in a sentence, in order (by a name-shaped phrase, titles dropped)."""
    out = []
    for m in _NAME_RE.finditer(sentence):
        name = _TITLE_WORDS_RE.sub("", m.group(0)).strip()
        if len(name.split()) < 2 or _NOT_PERSON_RE.search(name) or canonical_outlet(name):
            continue
        out.append(name)
    return out


_TITLE_PHRASE_RE = re.compile(
    r"^(?:[A-Z(][\w().&'’-]*|of|and|the|for)(?:\s+(?:[A-Z(][\w().&'’-]*|of|and|the|for))*$"
)


_TITLE_HINT_RE = re.compile(
    r"\b(?:CEO|CFO|[Dd]irector|[Mm]inister|[Ss]ecretary|[Pp]resident|[Cc]hairman|[Cc]hair|"
    r"[Cc]hief|[Ss]pokes\w+|[Ss]enator|[Gg]overnor|[Mm]ayor|[Ee]ditor|[Oo]fficer|[Hh]ead|"
    r"[Ll]eader|[Gg]eneral|[A-Z]{2,})\b"
)


def _named_person(claimant: str) -> str:
    """ "Sears CEO Alan Lacy" -> "Alan Lacy": a person's name after a title made of capitalised
    words (a phrase with other words, "lobbyists close to President Bush", stays as it is)."""
    words = claimant.split()
    k = 3 if len(words) > 3 and re.fullmatch(r"[A-Z]\.", words[-2]) else 2
    if len(words) <= k:
        return claimant
    name, head = " ".join(words[-k:]), " ".join(words[:-k])
    if (
        all(w[:1].isupper() for w in words[-k:])
        and not _NOT_PERSON_RE.search(name)
        and _TITLE_PHRASE_RE.match(head)
        and _TITLE_HINT_RE.search(head)
    ):
        return name
    return claimant


def _is_time_or_place(name: str, language: str | None = None) -> bool:
    """ "Last month", "On Monday", "In 2019" and the like are never claimants."""
    from .dates import find_time_expressions

    # another language's weekdays and "yesterday" only resolve against some day
    found = find_time_expressions(name, _ANY_DAY if language in LANGUAGES else None, language)
    covered = sum(len(t.text) for t in found)
    if covered >= len(name.strip()) * 0.6:
        return True
    return bool(_TIME_WORD_RE.match(name))


_LATTER_RE = re.compile(r"^the\s+(?:latter|former)$", re.IGNORECASE)
_TIME_WORD_RE = re.compile(
    r"^(?:last|next|this|earlier|later|on|in|at)\s+(?:\w+\s+)?(?:day|week|month|year|decade|"
    r"century|time|morning|evening|night|spring|summer|autumn|fall|winter|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)s?$",
    re.IGNORECASE,
)


def attribute_sentences(doc, spans: list[tuple[int, int]]) -> list[Speaker]:
    """Who makes each sentence's claim, reading the article in order.

    The speaker of direct or reported speech ("X said", quotes, "according to X": kind
    "speaker"), a news outlet credited with the claim ("Reuters reported": kind "outlet"), and
    otherwise the author of the article for their own assertions (kind "author"; the publisher,
    as an outlet, when no author is known). "he", "she", "the latter" and "the former" as the
    speaker are resolved to the person named just before; a time expression is never a
    claimant."""
    author = doc.author
    language = doc.language if doc.language in LANGUAGES else None
    speech = _Speech.of(language) if language else None
    default = (
        Speaker(canonical_outlet(author), OUTLET)
        if canonical_outlet(author)  # a news agency's byline ("AFP")
        else Speaker(author, AUTHOR)
        if author
        else Speaker(doc.publisher, OUTLET)
        if doc.publisher
        else Speaker()
    )
    persons: list[str] = []  # people named so far, most recent last
    last_speaker: str | None = None
    out: list[Speaker] = []
    captions = doc.caption_spans
    previous: Speaker | None = None
    for s, e in spans:
        sentence = doc.text[s:e]
        if any(cs <= s and e <= ce for cs, ce in captions):
            # a photo caption is the publication's (its photo desk's), not the author's
            out.append(Speaker(doc.publisher, OUTLET) if doc.publisher else default)
            continue
        claimant, attribution = attribute(sentence, language)
        if claimant and (_is_time_or_place(claimant, language) or _LATTER_RE.match(claimant)):
            claimant = None  # "the latter said": resolved below
        found: Speaker | None = None
        if claimant:
            found = Speaker(_named_person(claimant), SPEAKER, attribution)
        elif (
            sentence[:1] in '"“«„'
            and previous is not None
            and previous.kind == SPEAKER
            and not attribution
        ):
            found = previous  # the quote goes on: '"This ain't golf," X said. "No mulligans."'

        elif attribution and canonical_outlet(attribution):
            found = Speaker(attribution, OUTLET, attribution)
        elif speech:
            # "er sagte", "a-t-il ajouté", "Ella añadió": the speaker named last
            pronoun = speech.pronoun_subject.search(sentence) or speech.pronoun_after.search(
                sentence
            )
            if pronoun and speech.singular(pronoun):
                before = persons + speech.persons(sentence[: pronoun.start()])
                # "er", "elle", "она" is a person: not the ministry or the agency quoted last
                person = last_speaker if last_speaker and speech.persons(last_speaker) else None
                named_last = person or (before[-1] if before else None)
                if named_last:
                    found = Speaker(named_last, SPEAKER, attribution)
        else:
            pronoun = _PRONOUN_SUBJECT_RE.search(sentence) or _PRONOUN_END_RE.search(sentence)
            if pronoun:
                word = " ".join(pronoun.group("p").lower().split())
                before = persons + _persons(sentence[: pronoun.start()])
                resolved: str | None
                if word == "the latter" and before:
                    resolved = before[-1]
                elif word == "the former" and len(before) > 1:
                    resolved = before[-2]
                elif word in ("he", "she"):
                    resolved = last_speaker or (before[-1] if before else None)
                else:
                    resolved = None
                if resolved:
                    found = Speaker(resolved, SPEAKER, attribution)
        if found is None:
            found = Speaker(default.claimant, default.kind, attribution)
            if attribution:  # a report or a document is credited: not the author's own claim
                found = Speaker(None, None, attribution)
        out.append(found)
        previous = found
        named = speech.persons(sentence) if speech else _persons(sentence)
        if found.kind == SPEAKER:
            last_speaker = found.claimant
        elif named:
            last_speaker = None
        persons = (persons + named)[-8:]
    if language:
        # (not in English yet: there it spreads the speaker rules' misses in fiction pages)
        _fill_quotes(doc.text, spans, out, default, german=language == "de")
    return out


def _open_quote(text: str, start: int, german: bool) -> int | None:
    """Where the quotation still open at ``start`` began in its paragraph, or None."""
    para = text.rfind("\n", 0, start) + 1
    region = text[para:start]
    if region.count('"') % 2:
        return para + region.rfind('"')
    pairs = [("«", "»"), ("„", "“")] if german else [("«", "»"), ("“", "”")]
    for opening, closing in pairs:
        at = region.rfind(opening)
        if at > region.rfind(closing):
            return para + at
    return None


def _fill_quotes(
    text: str, spans: list[tuple[int, int]], out: list[Speaker], default: Speaker, german: bool
) -> None:
    """A quotation of several sentences whose speaker is named at its end ('"… Seja dada a
    ele a prioridade de estudo", falou Tite'): its earlier sentences are the speaker's too,
    where they were given to the author."""
    for k, (s, e) in enumerate(spans):
        if out[k].kind != SPEAKER or not any(q in text[s:e] for q in '"”»“'):
            continue
        opened = _open_quote(text, s, german)
        if opened is None:
            continue
        for j in range(k - 1, -1, -1):
            if spans[j][1] <= opened:
                break
            if out[j] != Speaker(default.claimant, default.kind):
                break
            out[j] = out[k]
