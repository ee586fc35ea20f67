#!/bin/bash
# grp30: perf profile of one pass of one shape: perf.sh JAR SHAPE [ONLY=fwd|scatter] -> perf-ID.txt
JAR=$1; SHAPE=$2; PASS=${3:-fwd}; ID=${SHAPE%%:*}
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
ONLY=$PASS CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -XX:+UnlockDiagnosticVMOptions \
  -XX:+PreserveFramePointer -XX:+DumpPerfMapAtExit -cp $JAR ../ConvCpuTime.java 1 ${REPS:-20000} $SHAPE > run-$ID-$PASS.txt 2>&1 &
PID=$!
sleep ${WAIT:-25}
perf record -F 999 -g -p $PID -o perf-$ID-$PASS.data -- sleep ${DUR:-8} 2>/dev/null
wait $PID
perf report -i perf-$ID-$PASS.data --no-children --sort symbol -g none --stdio 2>/dev/null | grep -v "^#" | grep "%" | head -14 > perf-$ID-$PASS.txt
rm -f perf-$ID-$PASS.data
cat run-$ID-$PASS.txt | tail -2; cat perf-$ID-$PASS.txt
