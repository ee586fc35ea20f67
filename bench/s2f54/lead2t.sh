#!/bin/bash
# lead2t.sh JAR OUT REPS...: s2w53's lead (h48-s2-1img-65's two-thread forward read 10.7-13.4 ms summed CPU): ONLY=fwd
# CPU=1 ConvCpuTime at 2 threads, s2w53's shape order (strided Winograd shapes first, so the phase split's kernels
# compile late), for each REPS in turn, fresh JVMs, the load printed first
JAR=$1; OUT=$2; shift 2
here="$(cd "$(dirname "$0")" && pwd)"
for n in "$@"; do
  echo "== $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) reps $n" >> "$OUT"
  ONLY=fwd CPU=1 /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g \
    -cp "$JAR" "$here/../ConvCpuTime.java" 2 "$n" r3x3-s2:8:64:56:128:3:1:2 h50-1img-57-64:1:64:57:128:3:1:2 \
    h48-s2-1img-65:1:64:65:128:3:1:2 h53-s2-1img-71:1:96:71:160:3:1:2 2>/dev/null | grep -v '^WARN' >> "$OUT"
done
