#!/bin/bash
# hash.sh JAR T OUT: convkit train --epochs 1 --limit 3840 (60 steps: 420 dropout calls, past the 256-call warm-up)
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
rm -rf "$3"; "$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn256m -jar "$1" train --epochs 1 --limit 3840 \
  --threads "$2" --out "$3" > "$3.log" 2>&1
echo "$(basename "$1") T=$2: $(cd "$3" && sha1sum $(ls | grep -E 'model|checkpoint|safetensors' | sort) | tr '\n' ' ')"
