import json
from pathlib import Path

import numpy as np
import pytest

from factcheck.matching import Encoder

REFERENCE = json.loads((Path(__file__).parent / "reference_vectors.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def encoder():
    return Encoder()


def test_the_shipped_model_gives_the_original_models_vectors(encoder):
    # reference_vectors.json: sentence-transformers on the original float32 weights.
    got = encoder.encode([row["text"] for row in REFERENCE])
    for row, vector in zip(REFERENCE, got, strict=True):
        assert float(np.dot(vector, row["vector"])) > 0.9999, row["text"]


def test_vectors_are_unit_length_and_independent_of_the_batch(encoder):
    texts = ["short", "a much longer sentence about the economy and unemployment figures", ""]
    together = encoder.encode(texts)
    assert together.shape == (3, 384) and together.dtype == np.float32
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    for text, row in zip(texts, together, strict=True):
        assert np.allclose(encoder.encode([text])[0], row, atol=1e-5)
    assert encoder.encode([]).shape == (0, 384)


def test_a_paraphrase_is_closer_than_an_unrelated_sentence(encoder):
    a, b, c = encoder.encode(
        [
            "Hurricane Dorian washed bricks of cocaine onto Florida beaches.",
            "Packages of cocaine washed ashore in Florida after the hurricane.",
            "The city council approved a new budget for public libraries.",
        ]
    )
    assert float(a @ b) > 0.6 > float(a @ c)


def test_very_long_text_is_truncated_not_refused(encoder):
    vector = encoder.encode(["word " * 20_000])[0]
    assert np.isfinite(vector).all()
