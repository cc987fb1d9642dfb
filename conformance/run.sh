#!/usr/bin/env bash
# Conformance harness: the official OpenAI, Anthropic and Google SDKs and the real Claude Code, Codex CLI and
# Gemini CLI against the real proxy, whose upstreams are fake servers answering like the real APIs.
# One command on a clean clone:   conformance/run.sh
# Options (environment):  ONLY=<regex on client/upstream/scenario>   SKIP_BUILD=1   SKIP_CLI=1   KEEP_WORK=1
# Needs node >= 20, npm (the npm registry) and a JDK 21+ (JAVA_HOME). Not part of .ci/run.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
WORK="$HERE/.work"
mkdir -p "$WORK"
export WORK_DIR="$WORK"

log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

# --- npm packages (versions pinned in package.json; installed into the git-ignored node_modules) -----------------
if [[ ! -x "$HERE/node_modules/.bin/claude" || "$HERE/package.json" -nt "$HERE/node_modules/.package-lock.json" ]]; then
  log "npm install (SDKs and CLIs)"
  (cd "$HERE" && npm install --no-audit --no-fund --loglevel=error)
fi

# --- the proxy bundle --------------------------------------------------------------------------------------------
if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
# The run-in-place bundle `mvnw package` makes. dist's BundleIT reads this line and checks that the build made it.
PROXY_BIN="$REPO/dist/target/cli-proxy-api/bin/cli-proxy-api"
if [[ -z "${SKIP_BUILD:-}" || ! -x "$PROXY_BIN" ]]; then
  log "building the proxy (mvnw package -DskipTests)"
  (cd "$REPO" && ./mvnw -q -B -DskipTests package)
fi
[[ -x "$PROXY_BIN" ]] || { echo "the build made no $PROXY_BIN: did the bundle's layout change (dist/src/main/assembly)?" >&2; exit 1; }

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# --- fake upstreams and proxy ------------------------------------------------------------------------------------
log "starting fake upstreams and the proxy"
rm -f "$WORK/fake.port" "$WORK/fake.log"
FAKE_PORT=0 FAKE_PORT_FILE="$WORK/fake.port" FAKE_LOG="$WORK/fake.log" node "$HERE/fake-upstream.mjs" > "$WORK/fake.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do [[ -s "$WORK/fake.port" ]] && break; sleep 0.1; done
FAKE_PORT="$(cat "$WORK/fake.port")"

PROXY_PORT="$(free_port)"
mkdir -p -m 700 "$WORK/auth"
rm -f "$WORK/config.yaml"
(umask 077; sed -e "s#@PROXY_PORT@#$PROXY_PORT#; s#@FAKE_PORT@#$FAKE_PORT#g; s#@WORK@#$WORK#" \
  "$HERE/proxy-config.template.yaml" > "$WORK/config.yaml")
"$PROXY_BIN" --config "$WORK/config.yaml" > "$WORK/proxy.out" 2>&1 &
PIDS+=($!)
export PROXY_URL="http://127.0.0.1:$PROXY_PORT"
for _ in $(seq 1 200); do curl -sf "$PROXY_URL/healthz" > /dev/null 2>&1 && break; sleep 0.1; done
curl -sf "$PROXY_URL/healthz" > /dev/null || { echo "the proxy did not start; see $WORK/proxy.out" >&2; tail -20 "$WORK/proxy.out" >&2; exit 1; }

# --- scenarios ---------------------------------------------------------------------------------------------------
RESULTS="$WORK/results.jsonl"
: > "$RESULTS"
SUITES=(openai-chat openai-responses anthropic genai)
[[ -z "${SKIP_CLI:-}" ]] && SUITES+=(cli)
for suite in "${SUITES[@]}"; do
  log "scenarios: $suite"
  node "$HERE/scenarios/$suite.mjs" 2> "$WORK/$suite.stderr" | tee -a "$RESULTS" | node "$HERE/report.mjs" --progress || true
done

node "$HERE/report.mjs" < "$RESULTS"
