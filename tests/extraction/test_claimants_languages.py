"""Claimants, attribution and claim dates in German, French, Spanish, Portuguese, Italian and
Russian: the rules one by one, and the floor on the written gold sentences."""

import sys
from datetime import date
from pathlib import Path

import pytest

from factcheck.extraction import extract_article
from factcheck.extraction.attribution import attribute
from factcheck.extraction.dates import find_time_expressions, resolve_claim_date

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import claimants as gold_set  # noqa: E402

THURSDAY = date(2024, 9, 12)


@pytest.mark.parametrize(
    "language, sentence, claimant, attribution",
    [
        ("de", "Die Ministerin Lisa Paus sagte, das Geld reiche nicht aus.", "Lisa Paus", None),
        ("de", "Am Freitag teilte die Staatsanwaltschaft mit, es gebe keine Anklage.",
         "Staatsanwaltschaft", None),
        ("de", "Laut der Bundesbank wächst die Wirtschaft kaum.", "Bundesbank", "Bundesbank"),
        ("de", "Der Umsatz fiel dem Bericht zufolge um drei Prozent.", None, "Bericht"),
        ("de", "Wie die Süddeutsche Zeitung berichtete, droht ein Streik.", None,
         "Süddeutsche Zeitung"),
        ("fr", "« C'est inacceptable », a déclaré jeudi le maire de Lyon, Grégory Doucet.",
         "Grégory Doucet", None),
        ("fr", "Selon la gendarmerie, trois véhicules étaient impliqués.", "gendarmerie",
         "gendarmerie"),
        ("fr", "Le projet a été abandonné, d'après l'AFP.", None, "AFP"),
        ("fr", "Comme l'a rappelé la Cour des comptes, la dette augmente.", "Cour des comptes",
         None),
        ("es", "El alcalde José Luis Martínez-Almeida dijo que habrá más autobuses.",
         "José Luis Martínez-Almeida", None),
        ("es", "Según la agencia EFE, el incendio ya está controlado.", None, "EFE"),
        ("es", "La inflación bajó, según un informe del Banco de España.", None,
         "informe del Banco de España"),
        ("pt", "O prefeito Eduardo Paes afirmou que as obras terminam em março.", "Eduardo Paes",
         None),
        ("pt", "De acordo com a Folha de S.Paulo, o acordo foi fechado.", None,
         "Folha de S.Paulo"),
        ("it", "Il premier ha spiegato la riforma, riferisce l'ANSA.", None, "ANSA"),
        ("it", "Secondo i carabinieri, l'uomo era armato.", "carabinieri", "carabinieri"),
        ("ru", "Глава Минфина Антон Силуанов заявил, что налоги не вырастут.", "Антон Силуанов",
         None),
        ("ru", "Как сообщает «Интерфакс», переговоры продолжатся.", None, "Interfax"),
        ("ru", "По словам губернатора, пострадавших нет.", "губернатора", "губернатора"),
    ],
)  # fmt: skip
def test_reported_speech(language, sentence, claimant, attribution):
    found, credited = attribute(sentence, language)
    assert found == claimant
    assert credited == attribution


@pytest.mark.parametrize(
    "language, sentence",
    [
        ("de", "Am Montag erklärte der Sprecher der Stadt, die Brücke bleibe gesperrt."),
        ("de", "In Hamburg teilte die Polizei mit, dass niemand verletzt wurde."),
        ("de", "Gestern sagte die Vorsitzende der Partei, man werde klagen."),
        ("fr", "Lundi, à Marseille, le préfet a indiqué que la route restait fermée."),
        ("es", "En Sevilla, el martes, el consejero aseguró que no habrá recortes."),
        ("pt", "Em Brasília, nesta segunda-feira, o ministro disse que não haverá cortes."),
        ("it", "A Napoli, ieri, il prefetto ha spiegato che la zona è sicura."),
        ("ru", "В Новосибирске во вторник мэр заявил, что транспорт работает."),
        ("ru", "Вчера в Казани министр сообщил о новых мерах."),
    ],
)
def test_a_place_or_a_time_is_never_the_claimant(language, sentence):
    claimant, _ = attribute(sentence, language)
    assert claimant is not None
    place_or_time = {"Montag", "Hamburg", "Gestern", "Lundi", "Marseille", "Sevilla", "martes",
                     "Brasília", "segunda-feira", "Napoli", "ieri", "Новосибирске", "вторник",
                     "Вчера", "Казани"}  # fmt: skip
    assert not set(claimant.split()) & place_or_time


@pytest.mark.parametrize(
    "language, sentence",
    [
        ("es", "En Madrid dijo que la economía crecerá."),  # no subject named
        ("it", "A Roma ha detto che il governo cadrà."),
        ("pt", "Em Brasília, disse que o governo vai cair."),
        ("ru", "В Москве заявили, что цены вырастут."),
        ("es", "Según explicó en un comunicado, el servicio llegará a Chile."),
        ("fr", "Le film, soutenu par le CNC, sort mercredi."),  # a participle alone: passive
    ],
)
def test_no_claimant_without_a_subject(language, sentence):
    assert attribute(sentence, language)[0] is None


def _claims(text: str):
    return extract_article(text, "md").claims


def test_pronouns_resolve_to_the_person_named_before():
    claims = _claims(
        "# Streit\n\nDer Finanzminister Olaf Scholz sagte am Montag, die Arbeitslosigkeit sei "
        "im August auf 5,1 Prozent gesunken. Laut dem Statistischen Bundesamt stieg die Zahl "
        "der Erwerbstätigen im Juli um 0,2 Prozent. Er fügte hinzu, die Lage bleibe insgesamt "
        "angespannt."
    )
    assert [c.claimant for c in claims] == [
        "Olaf Scholz",
        "Statistischen Bundesamt",
        "Olaf Scholz",  # "er" is a person: not the office quoted just before
    ]


def test_german_plural_sie_is_not_resolved():
    claims = _claims(
        "# Tarif\n\nDie Ministerin Nancy Faeser erklärte, die Einigung sei ein Erfolg für "
        "alle. Sie sagten, die Gespräche würden im Herbst fortgesetzt werden."
    )
    assert claims[0].claimant == "Nancy Faeser"
    assert claims[1].claimant is None  # "sie sagten": they, not she


def test_french_inverted_pronoun_and_quote():
    claims = _claims(
        "# Budget\n\nLe ministre de l'Économie, Bruno Le Maire, a déclaré que la croissance "
        "serait plus faible. « Nous tiendrons nos objectifs », a-t-il ajouté devant la presse."
    )
    assert [c.claimant for c in claims] == ["Bruno Le Maire", "Bruno Le Maire"]


def test_a_quotation_is_the_speakers_up_to_where_he_is_named():
    claims = _claims(
        "# Copa\n\nA seleção brasileira venceu a Argentina por dois a zero em São Paulo."
        '\n\n"Em 2012 eu errei muito com aquela decisão. Não tenho partido político nenhum no '
        'Brasil. Seja dada a prioridade de estudo às crianças", falou Tite ao programa.'
    )
    assert [c.claimant for c in claims] == [None, "Tite", "Tite", "Tite"]


def test_an_agency_byline_is_an_outlet():
    article = extract_article(
        "<html lang='fr'><head><meta name='author' content='AFP'></head><body><article>"
        "<h1>Séisme</h1><p>Un séisme a frappé le Népal samedi, faisant des milliers de "
        "victimes dans la vallée de Katmandou et les régions voisines.</p></article></body>"
        "</html>",
        "html",
    )
    assert [(c.claimant, c.claimant_kind) for c in article.claims] == [("AFP", "outlet")]


@pytest.mark.parametrize(
    "language, text, start, end",
    [
        ("de", "Die Preise stiegen im August 2024 deutlich.", "2024-08-01", "2024-08-31"),
        ("de", "Er sprach am 3. Oktober in Berlin.", "2023-10-03", "2023-10-03"),
        ("de", "Bis Ende September soll die Brücke fertig sein.", "2024-09-21", "2024-09-30"),
        ("de", "Am Montag trat er zurück.", "2024-09-09", "2024-09-09"),
        ("fr", "La loi a été votée le 12 septembre.", "2024-09-12", "2024-09-12"),
        ("fr", "Les prix ont baissé l'année dernière.", "2023-01-01", "2023-12-31"),
        ("fr", "Le vote aura lieu mardi prochain.", "2024-09-17", "2024-09-17"),
        ("es", "El paro subió en agosto de 2024.", "2024-08-01", "2024-08-31"),
        ("es", "A finales de julio cerró la fábrica.", "2024-07-21", "2024-07-31"),
        ("es", "Ayer se reunió el consejo.", "2024-09-11", "2024-09-11"),
        ("pt", "A lei foi aprovada a 5 de março.", "2024-03-05", "2024-03-05"),
        ("pt", "Na terça-feira, o Senado votou.", "2024-09-10", "2024-09-10"),
        ("it", "Il decreto è stato firmato il 3 ottobre 2023.", "2023-10-03", "2023-10-03"),
        ("it", "Nel 2019 il debito era più basso.", "2019-01-01", "2019-12-31"),
        ("ru", "Инфляция выросла в августе 2024 года.", "2024-08-01", "2024-08-31"),
        ("ru", "В прошлом году цены выросли.", "2023-01-01", "2023-12-31"),
        ("ru", "Совещание состоится в понедельник.", "2024-09-16", "2024-09-16"),
    ],
)
def test_claim_dates(language, text, start, end):
    d0, d1 = resolve_claim_date(text, THURSDAY, language)
    assert (d0, d1) == (date.fromisoformat(start), date.fromisoformat(end))


def test_said_on_monday_is_the_day_of_saying():
    # a future tense later in the sentence does not move the day of the saying ahead
    text = "El ministro dijo el lunes que el Gobierno aprobará nuevos presupuestos."
    assert resolve_claim_date(text, THURSDAY, "es") == (date(2024, 9, 9), date(2024, 9, 9))


@pytest.mark.parametrize(
    "language, text",
    [
        ("fr", "Mars est la quatrième planète du système solaire."),  # the planet
        ("es", "Por la mañana llovió en toda la región."),  # the morning, not tomorrow
        ("de", "Am Morgen war es kalt."),
        ("ru", "Окружающая среда страдает от выбросов."),  # "среда": environment
        ("pt", "O segundo colocado recebeu um prêmio de mil reais."),
        ("es", "Murieron más de 2000 personas en la región."),  # a number, not a year
    ],
)
def test_words_that_are_not_dates(language, text):
    assert find_time_expressions(text, THURSDAY, language) == []


def test_english_rules_without_a_language():
    # the words of another language are not read as English dates or speech
    assert resolve_claim_date("Le vote aura lieu mardi.", THURSDAY) == (None, None)
    assert attribute("Selon l'Insee, le chômage a reculé.") == (None, None)


def test_written_gold_floor():
    # 117 news sentences written in the six languages (72 written before the rules, 45 after
    # them and run once: claimants P 0.833 R 0.833 on that first run, dates 25/27).
    found = [x for x in gold_set.other_languages(None) if x[0]["set"] != "pages"]
    rows = [(row, claimant, kind) for row, claimant, kind, _ in found]
    precision, recall, _, _ = gold_set.scores(rows)
    assert precision >= 0.9 and recall >= 0.9
    dated = [(row, d) for row, _, _, d in found if row["date"]]
    assert sum(d == row["date"] for row, d in dated) >= 0.9 * len(dated)
    assert not any(d for row, _, _, d in found if not row["date"])
