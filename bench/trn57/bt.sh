#!/bin/bash
# bt.sh JAR LABEL T: `convkit bench --train --threads T` (cnn2, batch 64, Adam: 30 warm-up steps, medians of 60; thread
# CPU of the caller and the kernel pool) with the launcher's training options (bench/trn53/opts.sh), JDK 25.
cd "$(dirname "$0")/../.."
mapfile -t OPTS < <(bench/trn53/opts.sh)
echo "== bench --train $2 T=$3 $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
/usr/lib/jvm/temurin-25-jdk-amd64/bin/java "${OPTS[@]}" -jar "$1" bench --train --threads "$3" 2>/dev/null
echo "   ended $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
