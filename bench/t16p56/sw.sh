#!/bin/bash
# sw.sh JAR LABEL: StageWarmup at T=1 with the launcher's training options
cd /work/wt/t16p56
mapfile -t OPTS < <(bench/trn53/opts.sh)
echo "== StageWarmup $2 $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
/usr/lib/jvm/temurin-25-jdk-amd64/bin/java "${OPTS[@]}" -cp "$1:/tmp/t16p56/sw" StageWarmup 2>&1 | grep -v WARN
echo "   ended $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
