"""Articles in other languages: sentences, the detected language, bylines and tag lines."""

import json
from datetime import date
from pathlib import Path

import pytest

from factcheck.extraction import extract_article, parse_document, split_sentences
from factcheck.extraction.language import detect_language

EXAMPLES = json.loads((Path(__file__).parent / "data" / "sentences.json").read_text("utf-8"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda ex: ex["sentences"][0][:30])
def test_sentences_split_where_the_language_does(example):
    text = " ".join(example["sentences"])
    spans = split_sentences(text, language=example["lang"])
    assert [text[s:e] for s, e in spans] == example["sentences"]


def test_german_abbreviations_need_the_language():
    text = "Die Kosten stiegen auf 3 Mio. Euro bzw. Nr. 5 der Liste. Das teilte der Rat mit."
    assert len(split_sentences(text, language="de")) == 2
    assert len(split_sentences(text)) > 2  # English rules alone do not know "Mio." or "bzw."


PARAGRAPHS = {
    "de": "Der Stadtrat hat am Montag den Haushalt für das kommende Jahr gebilligt. Die "
    "Ausgaben für Schulen steigen um zwölf Prozent, wie der Bürgermeister mitteilte.",
    "fr": "Le conseil municipal a approuvé lundi le budget de l'année prochaine. Les dépenses "
    "pour les écoles augmentent de douze pour cent, a indiqué le maire.",
    "es": "El consejo municipal aprobó el lunes el presupuesto del próximo año. El gasto en "
    "escuelas aumenta un doce por ciento, según informó el alcalde.",
    "pt": "A câmara municipal aprovou na segunda-feira o orçamento do próximo ano. Os gastos com "
    "escolas aumentam doze por cento, informou o prefeito.",
    "it": "Il consiglio comunale ha approvato lunedì il bilancio del prossimo anno. La spesa "
    "per le scuole aumenta del dodici per cento, ha detto il sindaco.",
    "ru": "Городской совет в понедельник утвердил бюджет на следующий год. Расходы на школы "
    "вырастут на двенадцать процентов, сообщил мэр.",
    "en": "The city council approved next year's budget on Monday. Spending on schools rises "
    "by twelve percent, the mayor said.",
}


@pytest.mark.parametrize("language", sorted(PARAGRAPHS))
def test_article_language_is_detected(language):
    doc = parse_document(f"# Title\n\n{PARAGRAPHS[language]}\n", "md")
    assert doc.language == language


def test_declared_language_only_when_the_text_says_nothing():
    assert detect_language("OK", declared="de") == "de"
    assert detect_language(PARAGRAPHS["fr"], declared="de") == "fr"
    html = f'<html lang="pt-BR"><body><article><p>{PARAGRAPHS["pt"]}</p></article></body></html>'
    assert parse_document(html, "html").language == "pt"


@pytest.mark.parametrize(
    ("byline", "author", "published"),
    [
        ("Текст: Иван Петров · 11 октября 2018", "Иван Петров", date(2018, 10, 11)),
        ("Von Hans Müller, 12. September 2024", "Hans Müller", date(2024, 9, 12)),
        ("Por María López | 3 de mayo de 2021", "María López", date(2021, 5, 3)),
        ("Par Sébastien Farcis — 24 novembre 2017 à 18:00", "Sébastien Farcis", date(2017, 11, 24)),
        ("Di Luigi Rossi, 5 luglio 2022", "Luigi Rossi", date(2022, 7, 5)),
        ("Publicado por Ana Souza · 2 de março de 2020", "Ana Souza", date(2020, 3, 2)),
    ],  # fmt: skip
)
def test_bylines_are_metadata_not_claims(byline, author, published):
    text = f"# Title\n\n{byline}\n\n{PARAGRAPHS['en']} {PARAGRAPHS['en']}\n"
    article = extract_article(text.encode(), "md")
    assert article.document.author == author
    assert article.document.published == published
    assert byline not in article.document.text
    assert not any(byline[:6] in c.text for c in article.claims)


@pytest.mark.parametrize(
    "line",
    [
        "Publicado por Ana Souza Tags: política, economia, orçamento de 2024, 12 escolas",
        "Schlagwörter: Haushalt, Schulen, Stadtrat, 12 Prozent mehr Geld",
        "Теги: бюджет, школы, мэр, 12 процентов",
        "Filed under: Budget, Schools, City Council, 2024 elections",
        "Étiquettes : budget, écoles, conseil municipal, 2024",
    ],
)
def test_tag_lines_are_never_claims(line):
    text = f"# Title\n\n{PARAGRAPHS['en']}\n\n{PARAGRAPHS['en']}\n\n{line}\n"
    article = extract_article(text.encode(), "md")
    assert line in article.document.text
    assert article.claims
    assert not any(line[:12] in c.text for c in article.claims)
