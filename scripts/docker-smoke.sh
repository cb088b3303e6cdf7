#!/usr/bin/env bash
# Build the image, run it, and check /readyz and one seed. Skips (exit 0) where no Docker engine runs.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker >/dev/null 2>&1 || ! docker info >/dev/null 2>&1; then
  echo "docker-smoke: no Docker engine available here; skipped"
  exit 0
fi

image=${SMOKE_IMAGE:-newsfacts:smoke}
port=${SMOKE_PORT:-18080}
# SMOKE_NETWORK=host where the engine has no bridge network (../shared/tools/docker-engine.sh).
if [ "${SMOKE_NETWORK:-}" = host ]; then
  docker build --network=host -t "$image" .
  network=(--network=host -e HOST=127.0.0.1 -e "PORT=${port}")
else
  docker build -t "$image" .
  network=(-p "127.0.0.1:${port}:8000")
fi
# Read-only, as the README says it can run: gunicorn and the metrics need only a writable /tmp.
container=$(docker run -d --read-only --tmpfs /tmp "${network[@]}" "$image")
trap 'docker rm -f "$container" >/dev/null' EXIT

for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:${port}/readyz" >/dev/null 2>&1; then break; fi
  sleep 1
done
curl -fsS "http://127.0.0.1:${port}/readyz"
echo
# Whole body first: `curl | head` fails under pipefail when head closes the pipe early.
body=$(curl -fsS "http://127.0.0.1:${port}/v1/extract" -H 'Content-Type: text/plain' \
  --data-binary @seeds/002_6e90dc04cbb7a4a9.txt)
echo "${body:0:400}"
test "$(docker inspect --format '{{.Config.User}}' "$image")" = "10001"
test "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${port}/docs/index.html")" = "404"
test "$(docker inspect --format '{{.State.Health.Status}}' "$container")" != "unhealthy"
echo "docker-smoke: ok"
