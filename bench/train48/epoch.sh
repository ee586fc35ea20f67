#!/usr/bin/env bash
# epoch.sh JAR T LABEL [extra JVM options]: the command compare_training runs, `train --epochs 1 --limit 19200
# --threads T`, in a JVM with the launcher's training options: user+sys CPU (/usr/bin/time), the log's
# images/s, and the model's sha1 (the bits check).
jar=$1; T=$2; label=$3; shift 3
here="$(cd "$(dirname "$0")" && pwd)"
mapfile -t OPTS < <("$here/opts.sh" "$T")
out=/tmp/train48/epoch-$label; rm -rf "$out"; mkdir -p "$out"
/usr/bin/time -f "%U %S %e" -o "$out.t" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "${OPTS[@]}" "$@" -jar "$jar" train \
  --epochs 1 --limit 19200 --threads "$T" --out "$out" > "$out.log" 2>&1
read -r u s e < "$out.t"
echo "$label T=$T $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg) cpu $(echo "$u + $s" | bc) wall $e" \
  "$(grep -ao '[0-9.,]* training images/s' "$out.log" | head -1) sha1 $(sha1sum "$out/model.safetensors" | cut -c1-12)"
