"""Detection throughput: bare spaCy tokenization vs full detection, English and Russian.

Builds a text of >= 1M tokens per language from the gold-set provisions (repeated, in chunks
the size of long articles), then times (a) the blank pipeline's tokenizer alone and (b) the full
detector (normalisation, lemmas, matching, context rules, penalty extraction) on the same chunks.
Also times `import lawcompare` in a fresh interpreter.

Targets (issue #3): detection >= 50% of bare tokenization throughput; import < 0.3 s.
The machine is shared, so figures are noisy. Within a run, bare tokenization and full detection
alternate over 40 blocks of the text (each block tokenized, then detected), so a slowdown of the
machine affects both sides alike; the run's ratio is total against total, and the median and range
of the per-block ratios show how steady it was. ``--runs N`` repeats the whole measurement.
Usage: python benchmarks/detection_speed.py [--tokens N] [--runs N]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import spacy

from lawcompare.detect.engine import get_detector
from lawcompare.io.yaml import load_file

HERE = Path(__file__).parent


def chunks(lang: str, target_tokens: int) -> tuple[list[str], int]:
    items = [i["text"] for i in load_file(HERE / "data" / f"gold_{lang}.yaml").data]
    nlp = spacy.blank(lang)
    per = [len(nlp.make_doc(t)) for t in items]
    out, total, i = [], 0, 0
    while total < target_tokens:
        out.append(items[i % len(items)])
        total += per[i % len(items)]
        i += 1
    return out, total


BLOCKS = 40


def _blocks(texts: list[str], n: int) -> list[list[str]]:
    size = max(1, len(texts) // n)
    return [texts[i:i + size] for i in range(0, len(texts), size)]


def main(argv: list[str]) -> int:
    target = int(argv[argv.index("--tokens") + 1]) if "--tokens" in argv else 1_000_000
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 1
    ok = True
    for lang in ("en", "ru"):
        texts, total = chunks(lang, target)
        det = get_detector("palermo", lang)
        nlp = det.comp.nlp
        for t in texts[:200]:  # warm caches (lemmas by word form) as in steady use
            det.detect(t)
        blocks = _blocks(texts, BLOCKS)
        for run in range(1, runs + 1):
            # Bare tokenization and full detection alternate block by block over the same text, so a
            # slowdown of the shared machine hits both sides alike; totals give the throughputs.
            bare_s = full_s = 0.0
            block_ratios = []
            for block in blocks:
                t0 = time.perf_counter()
                for t in block:
                    nlp.make_doc(t)
                t1 = time.perf_counter()
                for t in block:
                    det.detect(t)
                t2 = time.perf_counter()
                bare_s += t1 - t0
                full_s += t2 - t1
                block_ratios.append((t1 - t0) / (t2 - t1))
            bare, full = total / bare_s, total / full_s
            ratio = full / bare
            ok &= ratio >= 0.5
            label = f" run {run}" if runs > 1 else ""
            print(f"{lang}{label}: {total:,} tokens in {len(texts):,} provisions | bare tokenization {bare:,.0f} tok/s"
                  f" | full detection {full:,.0f} tok/s | ratio {ratio:.0%} (target >= 50%)"
                  f" | per-block ratio median {statistics.median(block_ratios):.0%}, range "
                  f"{min(block_ratios):.0%}-{max(block_ratios):.0%} over {len(blocks)} blocks")
    t = subprocess.run([sys.executable, "-X", "importtime", "-c", "import lawcompare"], capture_output=True,
                       text=True, check=True)
    last = [ln for ln in t.stderr.splitlines() if ln.rstrip().endswith("lawcompare")]
    cumulative_us = int(last[-1].split("|")[1]) if last else -1
    print(f"import lawcompare: {cumulative_us / 1e6:.3f} s cumulative (target < 0.3 s)")
    ok &= 0 <= cumulative_us < 300_000
    print("TARGETS", "MET" if ok else "NOT MET" + (" (in at least one run)" if runs > 1 else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
