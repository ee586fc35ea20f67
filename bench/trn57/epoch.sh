#!/bin/bash
# epoch.sh JAR LABEL T: compare_training's convkit side (`train --epochs 1 --limit 19200 --batch 64`) with the launcher's
# training options, JDK 25; prints the log's images/s (wall: meaningless under load) and the process CPU (user + sys).
cd "$(dirname "$0")/../.."
mapfile -t OPTS < <(bench/trn53/opts.sh)
out=$(mktemp -d)
echo "== epoch $2 T=$3 $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
/usr/bin/time -f "process CPU %U user + %S sys s, wall %e s" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "${OPTS[@]}" \
  -jar "$1" train --epochs 1 --limit 19200 --batch 64 --threads "$3" --out "$out" \
  --data /usr/share/datasets/fashion-mnist 2>&1 >"$out.log" | grep "process CPU"
grep -o "[0-9.]* training images/s" "$out.log"
rm -rf "$out" "$out.log"
