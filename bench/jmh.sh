#!/usr/bin/env bash
# Runs the JMH benchmarks of the in-process hot paths (module benchmarks/), building them first.
#
#   bench/jmh.sh                        all benchmarks (about 4 minutes)
#   bench/jmh.sh JsonBenchmark -f 1     any JMH arguments: a name regex, -p sessions=1000, -prof gc
#   bench/jmh.sh -l                     list them
#
# The build only compiles these; nothing runs them but this script.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$here" && ./mvnw -q -B install -DskipTests -pl benchmarks -am >&2)
exec java -cp "$here/benchmarks/target/classes:$here/benchmarks/target/lib/*" org.openjdk.jmh.Main "$@"
