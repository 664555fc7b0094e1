from factcheck.matching import query_text, words


def test_links_are_dropped_even_when_glued_to_words_or_each_other():
    tweet = (
        "CBC deletes Trump #DefundTheCBChttps://t.co/CsHG8R9cHp clip:https://t.co/1xX5KMns8N"
        "https://t.co/9lOAr67iCX pic.twitter.com/0eJtwJyS1J"
        "— Brad Trost (@BradTrostCPC) December 26, 2019"
    )
    cleaned = query_text(tweet)
    assert "t.co" not in cleaned and "pic.twitter" not in cleaned
    assert cleaned.startswith("CBC deletes Trump #DefundTheCBC clip:")
    # The author's tail stays: the fact-check often names who said it.
    assert cleaned.endswith("— Brad Trost (@BradTrostCPC) December 26, 2019")


def test_plain_text_only_loses_extra_whitespace():
    assert query_text("  The  moon\nis made of cheese. ") == "The moon is made of cheese."


def test_words_are_lower_cased_runs_of_letters_and_digits():
    assert words("Obama's 122 DETAINEES, re-engaged!") == [
        "obama",
        "s",
        "122",
        "detainees",
        "re",
        "engaged",
    ]
    assert words("Ünïcode café") == ["ünïcode", "café"]
    assert words("...!?") == []
