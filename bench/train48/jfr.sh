#!/usr/bin/env bash
# jfr.sh JAR T LABEL [extra JVM options]: warm.sh's run with a JFR recording of every compile and
# deoptimization (then jit27's compiles.py / timeline.py on /tmp/train48/LABEL.json).
jar=$1; T=$2; label=$3; shift 3
here="$(cd "$(dirname "$0")" && pwd)"
cat > /tmp/train48/jit.jfc <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.Compilation"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
  <event name="jdk.Deoptimization"><setting name="enabled">true</setting><setting name="stackTrace">false</setting></event>
  <event name="jdk.JVMInformation"><setting name="enabled">true</setting><setting name="period">beginChunk</setting></event>
  <event name="jdk.CompilationFailure"><setting name="enabled">true</setting></event>
</configuration>
X
OUT=${OUT:-/tmp/train48/runs} "$here/warm.sh" "$jar" "$T" "$label" \
  "-XX:StartFlightRecording=filename=/tmp/train48/$label.jfr,settings=/tmp/train48/jit.jfc" "$@"
/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr print --json --events jdk.Compilation,jdk.Deoptimization,jdk.JVMInformation \
  "/tmp/train48/$label.jfr" > "/tmp/train48/$label.json"
