import pytest

from factcheck.matching import Entry, Library, Match

ENTRIES = [
    Entry(
        1, "Hurricane Dorian washed up bricks of cocaine on Florida's coast.", "Cocaine on beaches?"
    ),
    Entry(2, "Bill Gates said vaccines will reduce the world population.", "Gates and vaccines"),
    Entry(3, "Joe Biden said vaccines will reduce the world population.", "Biden and vaccines"),
    Entry(4, "The Eiffel Tower will be dismantled and moved to Las Vegas.", "Eiffel Tower sale"),
]


@pytest.fixture(scope="module")
def library():
    library = Library()
    library.add(ENTRIES)
    return library


def test_the_fact_check_of_the_same_claim_comes_first(library):
    (best, *others) = library.match(
        "OMG bricks of cocaine washing up on the beach after #Dorian https://t.co/xyz — Jo (@jo) "
        "September 5, 2019"
    )
    assert isinstance(best, Match) and best.id == 1
    assert best.similarity > 0.5 and all(best.score > m.score for m in others)


def test_names_tell_apart_claims_that_differ_only_in_them(library):
    biden = library.match("Biden admits the vaccine is meant to cut the population", top=1)
    gates = library.match("Gates admits the vaccine is meant to cut the population", top=1)
    assert (biden[0].id, gates[0].id) == (3, 2)


def test_the_title_words_break_a_tie_between_identical_claims():
    claim = "This photograph shows a shark swimming on a flooded highway."
    library = Library()
    library.add([Entry(5, claim, "Shark on a highway in Houston"), Entry(6, claim, "Puerto Rico")])
    first, second = library.match("Look, a shark on the flooded highway in Puerto Rico!")
    assert first.similarity == second.similarity
    assert (first.id, second.id) == (6, 5) and first.score > second.score


def test_top_and_the_similarity_threshold_limit_the_matches(library):
    assert len(library.match("cocaine in Florida", top=2)) == 2
    assert len(library.match("cocaine in Florida", top=10)) == 4
    found = library.match("The recipe needs two cups of flour and an egg.", min_similarity=0.5)
    assert found == []


def test_entries_can_be_replaced_and_removed():
    library = Library()
    library.add(ENTRIES)
    library.add([Entry(4, "The moon landing in 1969 was filmed in a studio.", "Moon hoax")])
    assert len(library) == 4
    assert library.match("Apollo 11 was faked on a film set", top=1)[0].id == 4
    library.remove([4, 99])
    assert len(library) == 3
    assert 4 not in {m.id for m in library.match("Apollo 11 was faked on a film set")}
    library.remove([1, 2, 3])
    assert len(library) == 0 and library.match("anything") == []
