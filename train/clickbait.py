"""Train detente's headline model (signals/data/clickbait_model.json) on the train side of the
MIT clickbait headlines (Chakraborty et al. 2016; the split is `detente.evaluation.clickbait`'s,
so no development headline is seen).

A logistic regression over the headline's counted habits (listicle, quiz, forward reference,
curiosity gap, second person, question, exclamation, shouting, hype words: `signals.yaml`) and
its lower-cased word unigrams and bigrams that hold a content word, a number or (bigrams only)
a style word (`model_terms`: glue words such as "the", "that", "is" are no inputs, they only
tell a sentence from headlinese; nor are attribution words such as "said", news style), seen in
at least `--min-df` training headlines. Terms whose weight is under `--keep` in size are
dropped, so the shipped file stays small; inference is a dictionary look-up
(`detente.signals.headline`). Words naming an actor of the knowledge base are left out (topic,
not style). Deterministic: the same data and knowledge base give the same file (about 150 KB,
15-40 s on two cores).

Usage (from the project root, with the dev extra installed):
    .venv/bin/python train/clickbait.py [--data PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from detente.actors.kb import KnowledgeBase, load_kb
from detente.evaluation.clickbait import DEFAULT_DATA, load_examples
from detente.signals.headline import habit_values, headline_habits, model_terms
from detente.signals.lexicon import load_signal_lexicon

OUT = Path("src/detente/signals/data/clickbait_model.json")


def features(headline: str) -> dict[str, float]:
    """The model's inputs for one headline: `rule:NAME` values and `term:TERM` presence."""
    lexicon = load_signal_lexicon()
    kb = load_kb()
    habits = headline_habits(headline, lexicon, lambda w: bool(kb.targets(w)))
    out = {
        f"rule:{k}": v
        for k, v in habit_values(habits, lexicon).items()
        if lexicon.headline[k].weight is None  # habits weighed by hand are not learned
    }
    out.update(
        (f"term:{t}", 1.0) for t in model_terms(headline, lexicon) if not _names_actor(t, kb)
    )
    return out


def _names_actor(term: str, kb: KnowledgeBase) -> bool:
    """Whether a term is or holds a name the knowledge base knows (Russia, Obama, UK): names say
    what a headline is about, not how it is told, and the set's news is about other things than
    its clickbait, so their weights would be topic, not style."""
    return any(kb.targets(word) for word in term.split() if word not in ("<s>", "<num>"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--min-df", type=int, default=3)
    parser.add_argument("--c", type=float, default=0.5, help="inverse L2 strength")
    parser.add_argument("--keep", type=float, default=0.08, help="smallest |weight| shipped")
    args = parser.parse_args()
    started = time.perf_counter()
    train = load_examples(args.data, "train")
    dev = load_examples(args.data, "dev")
    rows = [features(e.headline) for e in train]
    df = Counter(k for r in rows for k in r if k.startswith("term:"))
    rows = [{k: v for k, v in r.items() if not k.startswith("term:") or df[k] >= args.min_df}
            for r in rows]  # fmt: skip
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows)
    y = np.array([e.clickbait for e in train], dtype=int)
    model = LogisticRegression(C=args.c, max_iter=2000, solver="lbfgs")
    model.fit(x, y)
    weights = dict(zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True))
    shipped = {
        "bias": round(float(model.intercept_[0]), 4),
        "rules": {k[5:]: round(float(w), 4) for k, w in sorted(weights.items())
                  if k.startswith("rule:")},
        "terms": {k[5:]: round(float(w), 3) for k, w in sorted(weights.items())
                  if k.startswith("term:") and abs(w) >= args.keep},
        "trained": {"data": "MIT clickbait headlines (Chakraborty et al. 2016), train split",
                    "headlines": len(train), "min_df": args.min_df, "C": args.c,
                    "keep": args.keep},
    }  # fmt: skip
    args.out.write_text(json.dumps(shipped, ensure_ascii=False, indent=0, sort_keys=True) + "\n")
    print(f"{len(train)} training headlines, {x.shape[1]} inputs, {len(shipped['terms'])} terms "
          f"kept, {args.out.stat().st_size / 1024:.0f} KB, {time.perf_counter() - started:.1f} s")  # fmt: skip
    _check(shipped, dev)


def _check(shipped: dict, dev: list) -> None:
    """The shipped (pruned) weights on the development headlines, by the model alone."""
    scores = []
    for e in dev:
        f = features(e.headline)
        z = shipped["bias"] + sum(
            shipped["rules" if k.startswith("rule:") else "terms"].get(k[5:], 0.0) * v
            for k, v in f.items()
        )
        scores.append(z)
    y = [e.clickbait for e in dev]
    acc = np.mean([(z >= 0) == t for z, t in zip(scores, y, strict=True)])
    print(
        f"development headlines (model alone): AUC {roc_auc_score(y, scores):.4f}, "
        f"accuracy {acc:.4f} at log-odds 0"
    )


if __name__ == "__main__":
    main()
