"""Rebuild the reference language means shipped in src/lintas/matching/data/language_means.npz.

The retrieval engine centres every vector on its language's mean. A small catalogue cannot
supply good means (a language with three profiles would be centred onto those three), so
each catalogue mean is shrunk towards a reference mean per language. The reference is the
mean e5 passage vector of the demo catalogue's profiles of that language (all 180 demo
profiles, our own texts), itself shrunk towards the overall demo mean for languages with few
profiles. Run after changing the encoder or the demo data:

    .venv/bin/python benchmarks/make_language_means.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from lintas.matching.retrieval import REFERENCE_MEANS, LanguageMeans  # noqa: E402


def main() -> None:
    from lintas.matching.encoder import get_encoder

    data = ROOT / "src/lintas/demo/data"
    profiles = [
        p
        for f in ("offers_a", "offers_b", "needs")
        for p in json.loads((data / f"{f}.json").read_text())
    ]
    texts = [
        "\n".join(
            x
            for x in (
                p["title"],
                p["summary"],
                p.get("description", ""),
                " ".join(p.get("keywords") or []),
            )
            if x
        )
        for p in profiles
    ]
    vectors = get_encoder().encode_passages(texts)
    means = LanguageMeans.fit(vectors, [p["content_language"] for p in profiles], reference={})
    np.savez(
        REFERENCE_MEANS,
        **{lang or "_overall": vec.astype(np.float32) for lang, vec in means.means.items()},
    )
    print(f"wrote {REFERENCE_MEANS} ({', '.join(sorted(k or '_overall' for k in means.means))})")


if __name__ == "__main__":
    main()
