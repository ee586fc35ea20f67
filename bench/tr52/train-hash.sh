#!/bin/bash
# train-hash.sh JAR T OUT: `convkit train --epochs 1 --limit 1920 --threads T` (JDK 25, the launcher's training heap)
# into OUT, then the sha1 of every file it wrote that holds the model's weights.
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
"$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn256m -jar "$1" train --epochs 1 --limit 1920 \
  --threads "$2" --out "$3" > "$3.log" 2>&1
echo "$(basename "$1") T=$2: $(cd "$3" && sha1sum $(ls | grep -E 'model|checkpoint|safetensors' | sort) | tr '\n' ' ')"
