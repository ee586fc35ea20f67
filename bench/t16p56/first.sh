#!/bin/bash
# first readings of main's jar: step-1 sampler at T=1, bench --train at T=1 and T=2
cd /work/wt/t16p56
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
mkdir -p /tmp/t16p56/warm
/usr/lib/jvm/temurin-25-jdk-amd64/bin/javac --add-modules jdk.incubator.vector -cp /tmp/t16p56/main.jar -d /tmp/t16p56/warm bench/train9/TrainingWarmupCpu.java 2>&1 | grep -v warning
mapfile -t OPTS < <(bench/trn53/opts.sh)
echo "== sample T=1 $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
$J "${OPTS[@]}" -Dsample=true -cp /tmp/t16p56/main.jar:/tmp/t16p56/warm TrainingWarmupCpu 1 2>&1 | grep -v WARN
echo "== sample T=2 $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
$J "${OPTS[@]}" -Dsample=true -cp /tmp/t16p56/main.jar:/tmp/t16p56/warm TrainingWarmupCpu 2 2>&1 | grep -v WARN
