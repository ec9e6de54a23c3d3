#!/usr/bin/env bash
# Ingest N articles (copies of ../shared/devset under new URLs) once without a break and
# once killed (SIGKILL) after K extractions and started again, each into a new SQLite
# file; the two exports must be identical.
#
#   scripts/check-resume.sh [N=2000] [K=800]
set -euo pipefail
N=${1:-2000}
K=${2:-800}
cd "$(dirname "$0")/.."
WORK=$(mktemp -d /tmp/check-resume.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
PY=.venv/bin/python

python3 - "$N" "$WORK/articles.jsonl" <<'PY'
import glob, json, sys
n, out = int(sys.argv[1]), sys.argv[2]
articles = [json.load(open(p)) for p in sorted(glob.glob("../shared/devset/articles/*.json"))]
with open(out, "w") as f:
    for i in range(n):
        record = dict(articles[i % len(articles)], url=articles[i % len(articles)]["url"] + f"#copy-{i}")
        f.write(json.dumps(record) + "\n")
PY

done_count() {
    python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from articles_article where extraction_status='done'\").fetchone()[0])" "$1" 2>/dev/null || echo 0
}

export DATABASE_URL="sqlite:///$WORK/whole.sqlite3"
$PY manage.py migrate -v0
start=$(date +%s)
$PY manage.py ingest --no-progress "$WORK/articles.jsonl" >/dev/null
echo "uninterrupted: $N articles in $(( $(date +%s) - start )) s"
$PY manage.py export_timeline --format json > "$WORK/whole.json"

export DATABASE_URL="sqlite:///$WORK/resumed.sqlite3"
$PY manage.py migrate -v0
$PY manage.py ingest --no-progress "$WORK/articles.jsonl" >/dev/null 2>&1 &
pid=$!
while [ "$(done_count "$WORK/resumed.sqlite3")" -lt "$K" ]; do sleep 1; done
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
echo "killed after $(done_count "$WORK/resumed.sqlite3") extractions; starting again"
$PY manage.py ingest --no-progress "$WORK/articles.jsonl"
$PY manage.py export_timeline --format json > "$WORK/resumed.json"
cmp "$WORK/whole.json" "$WORK/resumed.json"
echo "exports identical ($(done_count "$WORK/resumed.sqlite3") articles extracted)"
