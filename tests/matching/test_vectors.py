import numpy as np
import pytest

from factcheck.matching import VectorIndex, from_blob, to_blob


def _unit(rows, dim=384, seed=0):
    x = np.random.default_rng(seed).standard_normal((rows, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_a_blob_holds_the_vector_in_dim_plus_four_bytes():
    v = _unit(1)[0]
    blob = to_blob(v)
    assert len(blob) == 388
    back = from_blob(blob, 384)
    assert float(back @ v) > 0.9999
    assert np.abs(back - v).max() < np.abs(v).max() / 127


def test_a_blob_of_the_wrong_size_is_refused():
    with pytest.raises(ValueError, match="388 bytes, not 387"):
        from_blob(b"\0" * 387, 384)


def test_search_ranks_by_cosine_similarity():
    vectors = _unit(50)
    index = VectorIndex(384)
    index.add(list(range(100, 150)), vectors)
    query = vectors[7] + 0.5 * vectors[9]
    query /= np.linalg.norm(query)
    found = index.search(query, 3)
    exact = np.argsort(-(vectors @ query))[:3] + 100
    assert [i for i, _ in found] == list(exact)
    assert found[0][1] == pytest.approx(float(vectors[7] @ query), abs=0.01)


def test_the_shortlist_of_a_large_index_still_finds_the_nearest():
    vectors = _unit(5000, seed=1)
    index = VectorIndex(384, shortlist=100)
    index.add(list(range(5000)), vectors)
    for target in (0, 1234, 4999):
        noisy = vectors[target] + 0.3 * _unit(1, seed=target + 10)[0]
        assert index.search(noisy / np.linalg.norm(noisy), 1)[0][0] == target


def test_adding_an_id_again_replaces_it_and_removed_ids_are_gone():
    vectors = _unit(3)
    index = VectorIndex(384)
    index.add([1, 2, 3], vectors)
    index.add([2], vectors[0:1])
    assert len(index) == 3
    assert {i for i, s in index.search(vectors[0], 3) if s > 0.99} == {1, 2}
    index.remove([1, 2, 99])
    assert [i for i, _ in index.search(vectors[0], 5)] == [3]
    index.remove([3])
    assert index.search(vectors[0], 5) == []
