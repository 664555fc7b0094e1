"""The history's internal values, in the words the pages show."""

from factcheck.wording import action_in_words, actor_in_words, field_in_words, value_in_words


def test_actors_in_words():
    assert actor_in_words("cli:root") == "the command line (root)"
    assert actor_in_words("cli") == "the command line"
    assert actor_in_words("import") == "a ClaimReview import"
    assert actor_in_words("rita@example.org") == "rita@example.org"


def test_actions_in_words():
    assert action_in_words("set_active", {"active": False}, named=True) == (
        "disabled the account of"
    )
    assert action_in_words("set_active", {"active": True}) == "enabled the account"
    assert action_in_words("assess") == "assessed it"
    assert action_in_words("annotate", named=True) == "wrote a note on"
    assert action_in_words("add_source") == "added a source"
    assert action_in_words("some_new_action") == "some new action"  # never the raw name


def test_fields_and_values_in_words():
    assert value_in_words("status", "in_review") == "in review"
    assert value_in_words("relation", "context") == "adds context"
    assert value_in_words("active", False) == "disabled"
    assert value_in_words("resolved", True) == "yes"
    assert value_in_words("rationale", None) == ""
    assert field_in_words("anchor_text") == "linked as"
    assert field_in_words("claim_reviewed") == "claim as checked"
    assert value_in_words("origin", "manual") == "added by hand"
    assert value_in_words("claim_reviewed", None) == "the quote"
    assert field_in_words("review_url") == "review url"  # any other field: its name in words
