#!/usr/bin/env python3
"""Ingest a set of articles into a new SQLite database, export the timeline and score it.

    .venv/bin/python scripts/score_set.py GOLD.json ARTICLE.json... [--report] [--keep DIR]

The gold timeline is cut to the articles given (events reported in them, with their
evidence from them; actors whose aliases occur in them), so a cluster of the devset can
be scored on its own: ``scripts/score_set.py ../shared/devset/gold.json
../shared/devset/articles/2[5-9]*.json ../shared/devset/articles/3*.json``. Prints the
scorer's summary line (and its whole report with --report).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "golden" / "score_timeline.py"


def subset_gold(gold: dict, articles: list[dict]) -> dict:
    urls = {a["url"] for a in articles}
    text = "\n".join(a["text"] for a in articles).lower()
    events = []
    for event in gold["events"]:
        evidence = [
            e
            for e in event["evidence"]
            if e.get("article_url", e.get("article")) in urls
        ]
        if evidence:
            events.append({**event, "evidence": evidence})
    keys = {e["key"] for e in events}
    actors = gold.get("actors", [])
    if isinstance(actors, list):
        actors = [
            {**a, "aliases": [n for n in a.get("aliases", []) if n.lower() in text]}
            for a in actors
            if any(n.lower() in text for n in [a["name"], *a.get("aliases", [])])
        ]
    return {
        **gold,
        "events": events,
        "must_not_merge": [p for p in gold.get("must_not_merge", []) if set(p) <= keys],
        "actors": actors,
        "not_actors": [n for n in gold.get("not_actors", []) if n.lower() in text],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("articles", nargs="+")
    parser.add_argument("--report", action="store_true")
    parser.add_argument("--keep", help="folder to keep the database and export in")
    args = parser.parse_args()
    articles = []
    for path in args.articles:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        articles.extend(data if isinstance(data, list) else [data])
    gold = subset_gold(
        json.loads(Path(args.gold).read_text(encoding="utf-8")), articles
    )
    folder = Path(args.keep or tempfile.mkdtemp(prefix="score-"))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "db.sqlite3").unlink(missing_ok=True)  # always a new database
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}"}
    env.pop("DEBUG", None)
    python = sys.executable
    for command in (["migrate", "--noinput"], ["ingest", *args.articles]):
        subprocess.run(
            [python, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    export = folder / "export.json"
    with export.open("w") as out:
        subprocess.run(
            [python, "manage.py", "export_timeline", "--format", "json"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=out,
        )
    gold_path = folder / "gold.json"
    gold_path.write_text(json.dumps(gold), encoding="utf-8")
    result = subprocess.run(
        [python, str(SCORER), str(gold_path), str(export), "--min-recall", "0"],
        capture_output=True,
        text=True,
    )
    lines = result.stdout.strip().splitlines()
    print("\n".join(lines if args.report else lines[-1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
