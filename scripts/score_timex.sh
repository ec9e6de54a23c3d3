#!/usr/bin/env bash
# Temporal tagging scores on the annotated corpora of ../shared/eval (value F1 and the
# rest, by ../shared/eval/score.py): scripts/score_timex.sh [meantime|wikiwars ...]
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=../shared/eval
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for corpus in "${@:-meantime wikiwars}"; do
  for name in $corpus; do
    mode=news
    [ "$name" = wikiwars ] && mode=narrative
    python3 -c 'import json,sys
for l in open(sys.argv[1]):
    d=json.loads(l); print(json.dumps({"doc_id":d["doc_id"],"dct":d["dct"],"text":d["text"]}))' \
      "$eval_dir/$name.jsonl" >"$tmp/in.jsonl"
    .venv/bin/python manage.py tag_times "$tmp/in.jsonl" --mode "$mode" >"$tmp/out.jsonl"
    echo "== $name ($mode)"
    python3 "$eval_dir/score.py" "$eval_dir/$name.jsonl" "$tmp/out.jsonl"
  done
done
