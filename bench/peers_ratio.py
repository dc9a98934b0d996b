"""Factcheck against doccano from one `../shared/peers/` run: each figure beside its bound.

Reads the JSON lines `workload.py` wrote (both peers, interleaved, in one run) and prints, per
span count, the medians of both apps, the ratio, and whether issue 10's goal is met:

- create: at least 2x doccano's rate, and the 500 KB article's rate the same as the seed's
  (within 10 %);
- list all spans of an article: at most 1/3 of doccano's time;
- export: faster than doccano's.

    python bench/peers_ratio.py /tmp/peers/results.jsonl

(`bench/peers.sh` runs the whole comparison and ends with this table.)
"""

from __future__ import annotations

import collections
import json
import statistics
import sys
from pathlib import Path


def medians(path: Path) -> dict[tuple[str, int, str], dict[str, float]]:
    runs: dict[tuple[str, int, str], list[dict]] = collections.defaultdict(list)
    for line in path.read_text().splitlines():
        if line.strip():
            record = json.loads(line)
            runs[(record["peer"], record["n"], record["doc"])].append(record)
    keys = ("create_rps", "create_p50_ms", "list_median_ms", "list_bytes", "export_s")
    return {
        key: {k: statistics.median(r[k] for r in records) for k in keys}
        | {"runs": len(records), "ok": all(_checked(r, key[1]) for r in records)}
        for key, records in runs.items()
    }


def _checked(record: dict, n: int) -> bool:
    return (
        record["create_errors"] == 0
        and record["list_count"] == n
        and record["list_offsets_match"]
        and record["export_count"] == n
        and record["export_offsets_match"]
        and record["import_text_identical"]
    )


def table(figures: dict[tuple[str, int, str], dict[str, float]]) -> list[str]:
    lines = [
        "| N | article | measure | doccano | Factcheck | ratio | goal | met |",
        "| ---: | --- | --- | ---: | ---: | ---: | --- | --- |",
    ]
    for n in sorted({n for _, n, _ in figures}):
        for doc in ("seed", "large"):
            theirs, ours = figures.get(("doccano", n, doc)), figures.get(("factcheck", n, doc))
            if not theirs or not ours:
                continue
            rate = ours["create_rps"] / theirs["create_rps"]
            listing = ours["list_median_ms"] / theirs["list_median_ms"]
            export = ours["export_s"] / theirs["export_s"]
            rows = [
                ("create req/s", theirs["create_rps"], ours["create_rps"], rate, ">= 2x",
                 rate >= 2),
                ("list ms", theirs["list_median_ms"], ours["list_median_ms"], listing,
                 "<= 1/3", listing <= 1 / 3),
                ("export s", theirs["export_s"], ours["export_s"], export, "< 1x", export < 1),
            ]  # fmt: skip
            seed = figures.get(("factcheck", n, "seed"))
            if doc == "large" and seed:
                same = ours["create_rps"] / seed["create_rps"]
                rows.append(("create rate vs seed", seed["create_rps"], ours["create_rps"], same,
                             "~1x (>= 0.9)", same >= 0.9))  # fmt: skip
            for measure, a, b, ratio, goal, met in rows:
                checked = "" if theirs["ok"] and ours["ok"] else " (checks failed)"
                lines.append(
                    f"| {n:,} | {doc} | {measure} | {a:.3g} | {b:.3g} | {ratio:.2f}x | {goal} "
                    f"| {'yes' if met else 'no'}{checked} |"
                )
    return lines


if __name__ == "__main__":
    print(
        "\n".join(
            table(medians(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/peers/results.jsonl")))
        )
    )
