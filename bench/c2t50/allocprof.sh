#!/bin/bash
# allocprof.sh JAR PASS SHAPE OUT.jfr [REPS]: JFR allocation samples of ONLY=PASS ConvCpuTime at one thread (JDK 25,
# fresh JVM), the allocating frames (top 4 of each stack) by sampled weight: which method allocates a call's kB.
JAR=$1; P=$2; S=$3; OUT=$4; N=${5:-200}
here="$(cd "$(dirname "$0")/.." && pwd)"
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin
ONLY=$P $J/java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g \
  -XX:StartFlightRecording=filename=$OUT,settings=profile \
  -cp "$JAR" "$here/ConvCpuTime.java" 1 "$N" "$S" 2>/dev/null | grep -v '^WARN\|Started\|Use jcmd\|jfr'
$J/jfr print --events jdk.ObjectAllocationSample --stack-depth 4 "$OUT" | python3 -c '
import collections, re, sys
w = collections.Counter(); cls = None; stack = []; weight = 0
for line in sys.stdin:
    m = re.search(r"objectClass = (\S+)", line)
    if m: cls = m.group(1)
    m = re.search(r"weight = ([\d.]+) (\w+)", line)
    if m:
        v = float(m.group(1)); u = m.group(2)
        weight = v * {"bytes": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}.get(u, 1)
    if "stackTrace = [" in line: stack = []; continue
    m = re.match(r"\s+(.+?)\s+line: (\d+)", line)
    if m and len(stack) < 4: stack.append(m.group(1) + ":" + m.group(2))
    if line.strip() == "]" and stack:
        w[(cls, " <- ".join(stack))] += weight; stack = []
tot = sum(w.values()) or 1
for (c, s), v in w.most_common(12): print(f"{v/1e6:9.1f} MB {100*v/tot:5.1f}% {c} {s}")
'
