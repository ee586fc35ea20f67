#!/bin/bash
# sw.sh JAR LABEL: t16p56's StageWarmup (compare_training's 300-step epoch, one thread, thread CPU per stage and phase)
# with the launcher's training options (bench/trn53/opts.sh). Compile once first:
#   javac --add-modules jdk.incubator.vector -cp /tmp/trn57/main.jar -d /tmp/trn57/sw bench/t16p56/StageWarmup.java
cd "$(dirname "$0")/../.."
mapfile -t OPTS < <(bench/trn53/opts.sh)
echo "== StageWarmup $2 $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
/usr/lib/jvm/temurin-25-jdk-amd64/bin/java "${OPTS[@]}" -cp "$1:/tmp/trn57/sw" StageWarmup 2>&1 | grep -v WARN
echo "   ended $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
