#!/usr/bin/env bash
# The image on a read-only root filesystem, as deploy/ runs it: the service serves a seed, and
# `newsfacts batch` runs on a Dask scheduler and worker of the same image. Only /tmp (a tmpfs, the
# pods' emptyDir) and the corpus folder are writable. Skips (exit 0) where no Docker engine runs.
# IMAGE=newsfacts:tag reuses an image built before; otherwise the image is built.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker >/dev/null 2>&1 || ! docker info >/dev/null 2>&1; then
  echo "docker-readonly: no Docker engine available here; skipped"
  exit 0
fi

image=${IMAGE:-newsfacts:readonly}
[ -n "${IMAGE:-}" ] || docker build --network=host -t "$image" .
port=${READONLY_PORT:-18090}
dask_port=${READONLY_DASK_PORT:-18786}
data=$(mktemp -d)
containers=()
cleanup() { docker rm -f "${containers[@]}" >/dev/null 2>&1 || true; rm -rf "$data"; }
trap cleanup EXIT
run() { containers+=("$(docker run -d --read-only --tmpfs /tmp --network=host "$@")"); }

run -e PORT="$port" "$image"
for _ in $(seq 1 90); do curl -fsS "http://127.0.0.1:${port}/readyz" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS "http://127.0.0.1:${port}/v1/extract" -H 'Content-Type: text/plain; charset=utf-8' \
  --data-binary @seeds/002_6e90dc04cbb7a4a9.txt | head -c 200
echo
curl -fsS "http://127.0.0.1:${port}/metrics" | grep -m1 newsfacts_

mkdir -p "$data/in"
python3 - "$data/in/seeds.jsonl" <<'PY'
import json, pathlib, sys
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for path in sorted(pathlib.Path("seeds").glob("*.txt")):
        out.write(json.dumps({"id": path.stem, "text": path.read_text(encoding="utf-8")}) + "\n")
    out.write(json.dumps({"id": "blank", "text": " "}) + "\n")
PY
chmod -R a+rwX "$data"
run "$image" dask scheduler --port "$dask_port" --dashboard-address ":$((dask_port + 1))"
run -v "$data:/data" "$image" dask worker "tcp://127.0.0.1:$dask_port" --nthreads 1 --dashboard-address ":$((dask_port + 2))"
docker run --rm --read-only --tmpfs /tmp --network=host -v "$data:/data" "$image" \
  python -m service batch /data/in --output /data/out --format jsonl --no-progress --scheduler "tcp://127.0.0.1:$dask_port"
rows=$(cat "$data"/out/*.jsonl | wc -l)
test "$rows" = 6
grep -q '"status": 422' "$data"/out/*.jsonl
echo "docker-readonly: ok ($rows rows)"
