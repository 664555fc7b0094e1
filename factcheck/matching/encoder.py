"""Sentence vectors from all-MiniLM-L6-v2, run by onnxruntime from the files in ``model/``.

``model/encoder.onnx`` is the sentence-transformers model all-MiniLM-L6-v2 (Apache-2.0) exported
by ``scripts/export_matching_model.py``: BERT, then the mean of the token vectors over the
attention mask. Its weights are stored as float16 and cast to float32 when the session is built,
so it computes exactly as the float32 model at half the size. ``model/tokenizer.json`` is the
model's own WordPiece tokenizer. Nothing is downloaded: both files ship inside the package.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources

import numpy as np

MODEL_RESOURCE = "model/encoder.onnx"
TOKENIZER_RESOURCE = "model/tokenizer.json"
DIMENSIONS = 384
MAX_TOKENS = 256  # the model's own limit (sentence-transformers max_seq_length)
BATCH = 32


class Encoder:
    """``encode(texts)`` gives one unit-length float32 row per text."""

    dimensions = DIMENSIONS

    def __init__(self, threads: int = 1) -> None:
        # Imported here: the rest of the package (and the app) loads without the runtime.
        import onnxruntime
        from tokenizers import Tokenizer

        package = resources.files("factcheck.matching")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(
            package.joinpath(MODEL_RESOURCE).read_bytes(),
            options,
            providers=["CPUExecutionProvider"],
        )
        self._tokenizer = Tokenizer.from_str(package.joinpath(TOKENIZER_RESOURCE).read_text())
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        # Texts of similar length share a batch, so little of it is padding.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), BATCH):
            batch = order[start : start + BATCH]
            encodings = self._tokenizer.encode_batch([texts[i] for i in batch])
            feeds = {
                "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            }
            out[batch] = self._session.run(None, feeds)[0]
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)
