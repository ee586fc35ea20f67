#!/bin/sh
# The Parallel hand-off, before against after (hand13): HandOff.java on two jars alternately, in fresh JVMs,
# ROUNDS rounds (default 3), each case TASKS:ITERS of $CASES, $CALLS calls (default 3000) in $MODE (default b2b:
# back to back; busy: the caller busy between calls). With CONV=1 each round also runs ConvCpuTime at 2 threads
# (CPU=1: wall, summed and largest-thread CPU) on the small shapes that scaled worst. JAVA picks the JDK; extra
# JVM options (e.g. -Dconvkit.spinMicros=0 for the after jar without spinning) go in AFTER_OPTS / BEFORE_OPTS.
#
#   bench/parallel/ab.sh /work/wt/before-main30/convkit-cli/target/convkit.jar convkit-cli/target/convkit.jar 3
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java CONV=1 bench/parallel/ab.sh BEFORE.jar AFTER.jar
set -eu
before=$1 after=$2 rounds=${3:-3}
java=${JAVA:-java}
cases=${CASES:-"8:2000 32:300 8:500"}
here=$(cd "$(dirname "$0")/../.." && pwd)
shapes="first-c3-57:8:3:57:16:3:1 lenet-odd-15:32:6:15:16:5:0 g4-3x3-28:8:128:28:128:3:1:1:4 r1x1-512to128:8:512:14:128:1:0"
round=1
while [ "$round" -le "$rounds" ]; do
    for side in before after; do
        if [ "$side" = before ]; then jar=$before opts=${BEFORE_OPTS:-}; else jar=$after opts=${AFTER_OPTS:-}; fi
        echo "== round $round $side ($jar) $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
        for c in $cases; do
            # shellcheck disable=SC2086
            "$java" $opts -cp "$jar" "$here/bench/parallel/HandOff.java" "${c%:*}" "${c#*:}" "${CALLS:-3000}" "${MODE:-b2b}"
        done
        if [ "${CONV:-0}" = 1 ]; then
            # shellcheck disable=SC2086
            CPU=1 "$java" $opts --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$jar" \
                "$here/bench/ConvCpuTime.java" 2 300 $shapes 2>/dev/null
        fi
    done
    round=$((round + 1))
done
