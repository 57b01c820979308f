"""Train the tone model (`src/detente/signals/data/tone_model.json`) on NewsMTSC (MIT).

Reproducible: the rows are NewsMTSC's training file minus the fixed development split
(`detente.evaluation.tone.is_dev`, one sentence in five by hash), parsed with detente's own
spaCy model, turned into `detente.signals.tone_features` and fitted with scikit-learn's
multinomial logistic regression (lbfgs, fixed C, deterministic). Features seen in fewer than
`MIN_COUNT` training rows are dropped, as are weights too small to matter, so the file stays
small; inference is plain Python (`signals.tone.ToneModel`), scikit-learn is only needed here.

    HF_HUB_OFFLINE=1 .venv/bin/python train/train_tone.py [--data PATH] [--c 0.3]

Prints the dev accuracy and macro-F1 of the fitted model (the same figures as
`detente eval tone`, which is the reference).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np

from detente.evaluation.tone import DEFAULT_DATA, LABELS, is_dev, load_examples, per_class
from detente.nlp import load_nlp
from detente.signals.tone_features import tone_features

OUT = Path(__file__).resolve().parents[1] / "src/detente/signals/data/tone_model.json"
MIN_COUNT = 3
KEEP = 0.02  # weights whose largest magnitude is below this are dropped


def featurise(examples: list) -> list[dict[str, float]]:
    texts = list(dict.fromkeys(ex.sentence for ex in examples))
    parsed = dict(zip(texts, load_nlp().pipe(texts, batch_size=128), strict=True))
    out = []
    for ex in examples:
        span = parsed[ex.sentence].char_span(ex.start, ex.end, alignment_mode="expand")
        out.append(tone_features(span) if span is not None else {})
    return out


def matrix(rows: list[dict[str, float]], index: dict[str, int]):
    from scipy.sparse import csr_matrix

    data, cols, ptr = [], [], [0]
    for row in rows:
        for name, value in row.items():
            j = index.get(name)
            if j is not None and value:
                cols.append(j)
                data.append(value)
        ptr.append(len(cols))
    return csr_matrix((data, cols, ptr), shape=(len(rows), len(index)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--c", type=float, default=0.2, help="inverse regularisation strength")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    from sklearn.linear_model import LogisticRegression

    examples = [ex for ex in load_examples(args.data) if ex.split == "train"]
    train = [ex for ex in examples if not is_dev(ex.sentence_id)]
    dev = [ex for ex in examples if is_dev(ex.sentence_id)]
    x_train, x_dev = featurise(train), featurise(dev)
    seen = Counter(name for row in x_train for name in row)
    names = sorted(n for n, c in seen.items() if c >= MIN_COUNT)
    index = {n: i for i, n in enumerate(names)}
    y = np.array([LABELS.index(ex.polarity) for ex in train])
    model = LogisticRegression(C=args.c, max_iter=3000)
    model.fit(matrix(x_train, index), y)
    predicted = model.predict(matrix(x_dev, index))
    pairs = [(ex.polarity, LABELS[p]) for ex, p in zip(dev, predicted, strict=True)]
    accuracy = sum(g == p for g, p in pairs) / len(pairs)
    macro = sum(f for *_, f in per_class(pairs)) / 3
    weights = {
        name: [round(float(w), 4) for w in model.coef_[:, j]]
        for name, j in index.items()
        if float(np.abs(model.coef_[:, j]).max()) >= KEEP
    }
    args.out.write_text(json.dumps({
        "labels": list(LABELS),
        "trained_on": "NewsMTSC train file minus the dev split (detente.evaluation.tone.is_dev)",
        "train_rows": len(train), "c": args.c,
        "dev": {"rows": len(dev), "accuracy": round(accuracy, 4), "macro_f1": round(macro, 4)},
        "bias": [round(float(b), 4) for b in model.intercept_],
        "weights": weights,
    }, separators=(",", ":"), sort_keys=True) + "\n")  # fmt: skip
    print(f"train {len(train)} rows, dev {len(dev)} rows, {len(weights)} features kept")
    print(f"dev accuracy {accuracy:.3f}, macro-F1 {macro:.3f} -> {args.out}")


if __name__ == "__main__":
    main()
