#!/bin/bash
# baseline.sh JAR OUTDIR: main's passes (all three, T = 1, thread CPU) on shapes.txt, PyTorch's per pass, and profiles
# of r1x1-512to128's three passes
JAR=$1; O=$2; mkdir -p $O
here="$(cd "$(dirname "$0")" && pwd)"
S=$(cat $here/shapes.txt)
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
echo "== $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) ConvCpuTime 1 40" >> $O/main-1t.txt
CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp $JAR $here/../ConvCpuTime.java 1 40 $S 2>/dev/null | grep -v '^WARN' >> $O/main-1t.txt
echo "== $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) torch_pass_cpu.py 1 20" >> $O/torch-1t.txt
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 $here/../r1x49/torch_pass_cpu.py 1 20 $S >> $O/torch-1t.txt 2>&1
