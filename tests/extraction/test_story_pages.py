"""Story finding on news pages: one small page per failure seen on real sites."""

from datetime import date

import pytest

from factcheck.extraction import extract_article, html_meta, parse_document

STORY = [
    "The city council approved a budget of 4.5 million euros on Monday after a debate that "
    "lasted more than six hours, the mayor's office said in a statement.",
    "Spending on schools rises by 12 percent compared with last year, while the roads "
    "department loses almost a fifth of its funds, according to the published figures.",
    "Opposition members voted against the plan, arguing that the cuts to road repairs would "
    "leave dozens of bridges without the inspections required by law.",
    "The budget still needs the approval of the regional government, which has until the end "
    "of March to review it and can send it back to the council once.",
]
TAIL = [
    "Council members will meet again in April to discuss the sale of two municipal buildings "
    "that have stood empty since the hospital moved to its new site in 2019.",
    "The sale could bring in up to 2 million euros, an estimate by the finance department "
    "shows, although no buyer has come forward so far.",
]
SIDEBAR = (
    '<aside class="sidebar"><h2>Most read</h2><ul>'
    '<li><a href="/a">Stocks fell 3% on Tuesday as oil prices climbed, analysts said</a></li>'
    '<li><a href="/b">Train fares will rise by 8 percent in January, the operator said</a></li>'
    "</ul></aside>"
)
NAV = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World news</a></li></ul></nav>"
FOOTER = "<footer><p>Contact us | Privacy policy | Terms of use</p></footer>"


def _paragraphs(texts) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def _page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{NAV}{body}{FOOTER}</body></html>"


def _in_text(doc, sentences) -> bool:
    return all(s in doc.text for s in sentences)


def test_story_inside_a_sidebar_class_wrapper_is_kept():
    # Vox, The Verge, The Hill: the layout wrapper's class contains "sidebar"
    html = _page(
        '<div class="l-wrapper has-sidebar"><div class="c-entry-content l-sidebar-fixed">'
        f"<article><h1>Council passes budget</h1>{_paragraphs(STORY + TAIL)}</article>"
        f"</div>{SIDEBAR}</div>"
    )
    doc = parse_document(html, "html")
    assert _in_text(doc, STORY + TAIL)
    assert "Stocks fell" not in doc.text


def test_a_photo_box_article_is_not_the_story():
    # the page's only <article> is a related-post card; the story is in plain divs
    html = _page(
        f'<div class="story-body"><h1>Council passes budget</h1>{_paragraphs(STORY + TAIL)}</div>'
        '<article class="card"><h3>Photos: the old hospital</h3>'
        "<p>Twelve pictures of the hospital before it closed, taken in 2018.</p></article>",
        head='<meta property="og:title" content="Council passes budget">',
    )
    doc = parse_document(html, "html")
    assert doc.title == "Council passes budget"
    assert _in_text(doc, STORY + TAIL)
    assert "Twelve pictures" not in doc.text


def test_a_related_news_heading_mid_article_does_not_cut_the_story():
    html = _page(
        f"<article><h1>Council passes budget</h1>{_paragraphs(STORY)}"
        "<h2>Related news</h2><ul><li><a href='/c'>Mayor opens new bridge</a></li>"
        f"<li><a href='/d'>Schools get new heating</a></li></ul>{_paragraphs(TAIL)}</article>"
    )
    doc = parse_document(html, "html")
    assert _in_text(doc, STORY + TAIL)
    assert "Mayor opens new bridge" not in doc.text


def test_an_empty_article_element_does_not_turn_the_page_into_text():
    html = _page(
        "<article class='promo'></article>"
        f"<div id='content'><h1>Council passes budget</h1>{_paragraphs(STORY + TAIL)}</div>"
        + SIDEBAR
    )
    doc = parse_document(html, "html")
    assert _in_text(doc, STORY + TAIL)
    for clutter in ("World news", "Privacy policy", "Stocks fell", "Most read"):
        assert clutter not in doc.text
    story_words = sum(len(s.split()) for s in STORY + TAIL)
    assert len(doc.text.split()) <= story_words + 10


def test_og_title_beats_a_breaking_news_heading():
    html = _page(
        f"<article><h1>BREAKING NEWS</h1>{_paragraphs(STORY + TAIL)}</article>",
        head='<meta property="og:title" content="Council passes a 4.5 million euro budget">'
        "<title>Council passes budget | Example News</title>",
    )
    doc = parse_document(html, "html")
    assert doc.title == "Council passes a 4.5 million euro budget"
    assert _in_text(doc, STORY)


def test_site_name_is_not_part_of_the_title():
    html = _page(
        f"<article>{_paragraphs(STORY)}</article>",
        head='<meta property="og:title" content="Council passes budget - Example News">'
        '<meta property="og:site_name" content="Example News">',
    )
    doc = parse_document(html, "html")
    assert (doc.title, doc.publisher) == ("Council passes budget", "Example News")


def test_date_and_author_only_in_json_ld():
    ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "NewsArticle", "headline": "Council passes budget", '
        '"datePublished": "2023-03-14T08:00:00+01:00", '
        '"author": {"@type": "Person", "name": "Jane Doe"}}</script>'
    )
    html = _page(f"<article>{_paragraphs(STORY + TAIL)}</article>", head=ld)
    doc = parse_document(html, "html")
    assert doc.published == date(2023, 3, 14)
    assert doc.author == "Jane Doe"
    assert doc.title == "Council passes budget"


def test_author_from_a_byline_element():
    html = _page(
        "<article><h1>Council passes budget</h1>"
        '<div class="byline">By <a href="/authors/jane">Jane Doe</a>, Senior Reporter</div>'
        f"{_paragraphs(STORY + TAIL)}</article>"
    )
    doc = parse_document(html, "html")
    assert doc.author == "Jane Doe"
    assert "Senior Reporter" not in doc.text


def _ld(body: str, wrap: bool = False) -> str:
    text = f"<![CDATA[{body}]]>" if wrap else body
    return f'<script type="application/ld+json">{text}</script>'


def test_site_name_from_the_domain_or_the_publisher_is_cut_off_the_title():
    article = f"<article>{_paragraphs(STORY)}</article>"
    by_domain = _page(
        article,
        head='<meta property="og:title" content="Council passes budget - Example News">'
        '<link rel="canonical" href="https://www.examplenews.co.uk/politics/budget">',
    )
    assert parse_document(by_domain, "html").title == "Council passes budget"
    by_publisher = _page(
        article,
        head='<meta property="og:title" content="Aktuálně.cz | Council passes budget">'
        + _ld('{"@type": "NewsArticle", "publisher": {"@type": "Organization", '
              '"name": "Aktualne.cz"}}'),
    )  # fmt: skip
    assert parse_document(by_publisher, "html").title == "Council passes budget"
    # a segment that is not the site's name stays: it is part of the headline
    kept = _page(
        article,
        head='<meta property="og:title" content="Council passes budget - and cuts roads">'
        '<link rel="canonical" href="https://www.examplenews.com/budget">',
    )
    assert parse_document(kept, "html").title == "Council passes budget - and cuts roads"


def test_json_ld_publication_date_beats_a_republication_time():
    html = _page(
        f"<article>{_paragraphs(STORY + TAIL)}</article>",
        head='<meta property="article:published_time" content="2023-05-02T09:00:00Z">'
        + _ld('{"@type": "NewsArticle", "datePublished": "2023-03-14T22:30:00Z",}', wrap=True),
    )
    # the CDATA wrapper and the trailing comma are read; the day is the one the page states
    assert parse_document(html, "html").published == date(2023, 3, 14)
    unreadable = _page(
        f"<article>{_paragraphs(STORY + TAIL)}</article>",
        head='<meta property="article:published_time" content="2023-05-02T09:00:00Z">'
        + _ld('{"@type": "NewsArticle", "datePublished": "1683018000000"}'),
    )
    assert parse_document(unreadable, "html").published == date(2023, 5, 2)


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("//<![CDATA[", "//]]>"), ("/*<![CDATA[*/", "/*]]>*/"), ("<!--", "-->"), ("", "")],
)
def test_json_ld_in_a_script_wrapper_is_read(opening, closing):
    body = '{"@type": "BlogPosting", "author": {"@type": "Person", "name": "Jane Doe"}}'
    script = f'<script type="application/ld+json">{opening}\n{body}\n{closing}</script>'
    html = _page(f"<article>{_paragraphs(STORY)}</article>", head=script)
    assert parse_document(html, "html").author == "Jane Doe"


def test_json_ld_authors_beat_a_wrong_byline_reading_and_list_everyone():
    html = _page(
        "<article><p>Last Updated: January 7, 2025</p>"
        f"{_paragraphs(STORY + TAIL)}</article>",
        head=_ld('{"@graph": [{"@type": "WebPage", "name": "Budget"}, {"@type": "NewsArticle", '
                 '"author": [{"@type": "Person", "name": "Jane Doe"}, '
                 '{"@type": "Person", "name": "John Roe"}], '
                 '"mentions": {"@type": "NewsArticle", '
                 '"author": {"@type": "Person", "name": "Other Writer"}}}]}'),
    )  # fmt: skip
    assert parse_document(html, "html").author == "Jane Doe, John Roe"


def test_no_author_from_the_articles_a_page_lists():
    html = _page(
        f"<article>{_paragraphs(STORY + TAIL)}</article>",
        head=_ld('{"@type": "ItemList", "itemListElement": [{"@type": "NewsArticle", '
                 '"datePublished": "2019-01-02", "author": {"name": "Other Writer"}}]}'),
    )  # fmt: skip
    assert parse_document(html, "html").author is None


def test_every_author_tag_value_and_space_separated_properties():
    html = _page(
        f"<article>{_paragraphs(STORY)}</article>",
        head='<meta name="DC.Creator" content="Doe, Jane">'
        '<meta name="DC.Creator" content="Roe, J.">'
        '<meta property="og:title twitter:title" content="Council passes budget">',
    )
    doc = parse_document(html, "html")
    assert (doc.author, doc.title) == ("Doe, Jane; Roe, J.", "Council passes budget")
    related = _page(
        f"<article><meta itemprop='author' content='Jane Doe'>{_paragraphs(STORY)}</article>"
        "<aside><div itemscope><meta itemprop='author' content='Other Writer'></div></aside>"
    )
    assert parse_document(related, "html").author == "Jane Doe"


def test_no_author_from_an_empty_json_ld_name_or_an_update_line():
    html = _page(
        "<article><h1>Council passes budget</h1><div class='author'>Last Updated: January 7, "
        f"2025</div>{_paragraphs(STORY + TAIL)}</article>",
        head=_ld('{"@type": "NewsArticle", "author": {"@type": "Person", "name": ""}}'),
    )
    assert parse_document(html, "html").author is None


def test_a_byline_above_a_photo_gallery_is_the_author():
    gallery = "".join(f"<div><p>Photo {i} of 8</p></div>" for i in range(1, 9))
    html = _page(
        "<article><h1>Council passes budget</h1><p>By Jane Doe March 18 at 3:57 PM</p>"
        f"<div class='gallery'>{gallery}</div>{_paragraphs(STORY + TAIL)}</article>"
    )
    doc = parse_document(html, "html")
    assert doc.author == "Jane Doe"
    assert "By Jane Doe" not in doc.text


def test_a_title_that_is_only_the_site_name_is_not_the_headline():
    html = _page(
        f"<article><h1>Council passes budget</h1>{_paragraphs(STORY)}</article>",
        head='<meta property="og:title" content="Example News - Latest News &amp; Headlines">'
        '<meta property="og:site_name" content="Example News - Latest News &amp; Headlines">'
        "<title>Council passes budget</title>",
    )
    assert parse_document(html, "html").title == "Council passes budget"
    # a page whose site name is set to its headline keeps it
    same = _page(
        f"<article>{_paragraphs(STORY)}</article>",
        head='<meta property="og:title" content="Council passes budget">'
        '<meta property="og:site_name" content="Council passes budget">',
    )
    assert parse_document(same, "html").title == "Council passes budget"


def test_the_date_in_the_page_address_when_nothing_else_states_one():
    def dated(url: str):
        html = _page(
            f"<div>{_paragraphs(STORY)}</div>", head=f'<link rel="canonical" href="{url}">'
        )
        return parse_document(html, "html").published

    assert dated("https://example.com/news/2017/11/16/council-budget/") == date(2017, 11, 16)
    assert dated("https://example.com/hl?a=20170309-35097838-sci") == date(2017, 3, 9)
    assert dated("https://example.com/news/12345678/council-budget") is None
    assert dated("https://example.com/news/2017/11/council-budget") is None


def test_a_desk_byline_is_an_author_a_bare_role_is_not():
    def author(byline: str):
        html = _page(f"<article><p>By {byline}</p>{_paragraphs(STORY + TAIL)}</article>")
        return parse_document(html, "html").author

    assert author("Our Foreign Staff") == "Our Foreign Staff"
    assert author("Staff Writer") is None


def test_a_person_in_an_author_tag_beats_an_organisation_in_json_ld():
    org = '{"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Example News"}}'
    html = _page(
        f"<article>{_paragraphs(STORY)}</article>",
        head=_ld(org) + '<meta name="author" content="Jane Doe">',
    )
    assert parse_document(html, "html").author == "Jane Doe"
    alone = _page(f"<article>{_paragraphs(STORY)}</article>", head=_ld(org))
    assert parse_document(alone, "html").author == "Example News"


@pytest.mark.parametrize(
    ("author_tag", "date_tag"),
    [
        ('name="parsely-author"', 'name="parsely-pub-date"'),
        ('property="og:article:author"', 'property="og:article:published_time"'),
        ('name="DC.Creator"', 'name="DC.Date.Issued"'),
    ],
)
def test_author_and_date_tags_of_common_publishing_systems(author_tag, date_tag):
    html = _page(
        f"<div>{_paragraphs(STORY)}</div>",
        head=f'<meta {author_tag} content="Jane Doe"><meta {date_tag} content="2024-04-20">',
    )
    doc = parse_document(html, "html")
    assert (doc.author, doc.published) == ("Jane Doe", date(2024, 4, 20))


def test_a_by_word_in_an_author_tag_is_not_part_of_the_name():
    html = _page(
        f"<article>{_paragraphs(STORY)}</article>",
        head='<meta name="author" content="By Jane Doe, Senior Reporter">',
    )
    assert parse_document(html, "html").author == "Jane Doe"


def test_a_button_label_is_not_an_author():
    html = _page(
        "<article><h1>Council passes budget</h1><span class='byline'>Follow Author</span>"
        f"{_paragraphs(STORY + TAIL)}</article>"
    )
    assert parse_document(html, "html").author is None


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        ("Joe Wee Monday; February", "Joe Wee"),  # trafilatura's split of a byline and its date
        ("Last Updated January 7", None),
        ("Jane Doe; John Roe March 5", "Jane Doe, John Roe"),
        ("Username", None),
        ("Joshua Sokol May", "Joshua Sokol"),
        # surnames that begin like a month, and one that is a month, are names
        ("Jane Marshall", "Jane Marshall"),
        ("David Novak", "David Novak"),
        ("Theresa May", "Theresa May"),
    ],
)
def test_trafilatura_byline_reading_keeps_names_only(found, expected):
    assert html_meta._clean_author(found) == expected


def test_no_claims_from_sidebar_headlines_bylines_or_calls_to_action():
    html = _page(
        "<div class='content'><article><h1>Council passes budget</h1>"
        "<p>October 9, 2018 | by Jane Doe</p>"
        f"{_paragraphs(STORY)}"
        "<p>If you enjoyed this article and want to read 3 more stories like it every week, "
        "join the Example News club today.</p>"
        f"{_paragraphs(TAIL)}<p>Tags: budget, council, schools, 2019 hospital sale</p>"
        f"</article>{SIDEBAR}</div>"
    )
    article = extract_article(html.encode(), "html")
    assert article.document.author == "Jane Doe"
    assert article.document.published == date(2018, 10, 9)
    claims = [c.text for c in article.claims]
    assert claims, "the story's own sentences are claims"
    for junk in ("Stocks fell", "Train fares", "October 9, 2018", "enjoyed this", "Tags:"):
        assert not any(junk in c for c in claims), junk


def test_photo_caption_and_sources_list_are_kept():
    html = _page(
        "<article><h1>Council passes budget</h1>"
        "<figure><img src='/council.jpg'><figcaption>Council members vote on the budget in the "
        "town hall. <span class='credit'>Jane Roe / Example News</span></figcaption></figure>"
        f"{_paragraphs(STORY + TAIL)}<h2>Sources</h2><ul>"
        "<li><a href='https://city.example.org/budget.pdf'>Budget 2023</a></li></ul></article>"
        + SIDEBAR
    )
    doc = parse_document(html, "html")
    assert [(c.text, c.credit) for c in doc.captions] == [
        ("Council members vote on the budget in the town hall.", "Jane Roe / Example News")
    ]
    assert [(s.text, s.url) for s in doc.sources] == [
        ("Budget 2023", "https://city.example.org/budget.pdf")
    ]
    assert _in_text(doc, STORY + TAIL)
