#!/usr/bin/env bash
# The benchmark, one command. Builds the bench module (and what it needs), then runs:
#   bench/run.sh              proxy benchmark, then the JMH codec benchmarks
#   bench/run.sh proxy        proxy benchmark only (start-up, added latency, throughput, streams, open streams),
#                             ending with the issue-14 targets, each measured and met or missed
#   bench/run.sh streams10k   the open-streams run only (10,000 streams, one delta a second each, ~40 s)
#   bench/run.sh jmh [args]   JMH codec benchmarks only (extra args go to JMH, e.g. a benchmark name)
#   bench/run.sh soak [min]   soak under mixed load, memory sampled every 30 s (default 10 minutes)
#   bench/run.sh profile      load only, for a profiler attached to the proxy (see BenchMain.profile)
#   bench/run.sh check        one request of each kind, printed
# Knobs (-D... in BENCH_OPTS): bench.seconds (10), bench.heap (256m), bench.rate (1000), bench.connections (64),
# bench.pace.micros (1000, whole ms; bench.rate=0 skips the paced latency run), bench.stream.count (40),
# bench.stream.concurrency (4), bench.open.streams (10000), bench.open.deltas (20), bench.open.pace.micros (1000000),
# bench.open.rate (2000 streams opened a second), bench.sections (startup,latency,throughput,streams,open; default
# all). Reports land in bench/target/run/.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="$(.ci/find-jdk)"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
mode="${1:-all}"
[ $# -gt 0 ] && shift

if [ "${BENCH_SKIP_BUILD:-}" != "1" ]; then
  # the bundle too: start-up is measured through its start script
  ./mvnw -B -q -pl bench,dist -am package -DskipTests
fi
# the open-streams run holds two sockets per stream in the proxy: as many descriptors as the hard limit allows
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
mkdir -p bench/target/run

proxy() { "$JAVA" -Xmx1g ${BENCH_OPTS:-} -cp "$CP" dev.cliproxy.bench.BenchMain all; }
jmh() {
  "$JAVA" -cp "$CP" org.openjdk.jmh.Main -prof gc -rf text -rff bench/target/run/jmh.txt "$@"
}

case "$mode" in
  all) proxy; jmh ;;
  proxy) proxy ;;
  profile|check|startup|streams10k) "$JAVA" -Xmx1g ${BENCH_OPTS:-} -cp "$CP" dev.cliproxy.bench.BenchMain "$mode" ;;
  jmh) jmh "$@" ;;
  soak) "$JAVA" -Xmx1g ${BENCH_OPTS:-} -Dbench.soak.minutes="${1:-10}" -cp "$CP" dev.cliproxy.bench.BenchMain soak ;;
  *) echo "usage: bench/run.sh [all|proxy|streams10k|jmh|soak|profile|check|startup] [args]" >&2; exit 2 ;;
esac
