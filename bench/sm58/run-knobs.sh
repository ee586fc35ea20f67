# sm58: the knob build's A/B (bench/sm58/two-thread-halves.patch plus -Dsm58.f4min=N; EXP = that build's jar)
cd /work/wt/sm58; . bench/sm58/shapes.sh; R=bench/sm58/raw
CPU=1 $J25 --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp $MAIN bench/ConvCpuTime.java 2 40 $FOCUS 2>/dev/null | grep -v WARN > $R/main-2t-paths.txt
AFTER_OPTS="-Dsm58.f4min=8" bash bench/sm55/abx.sh $MAIN $EXP 1 fwd 2 30 h57-c3-8:32:64:8:64:3:1 $HELD8 > $R/ab-f4min8-fwd-1t.txt
AFTER_OPTS="-Dsm58.f4min=8" bash bench/sm55/abx.sh $MAIN $EXP 1 scatter 2 30 h57-c3-8:32:64:8:64:3:1 $HELD8 > $R/ab-f4min8-scatter-1t.txt
AFTER_OPTS="-Dsm58.halves=true" bash bench/sm55/abx.sh $EXP $EXP 2 fwd 3 40 h54-c3-9:32:56:9:56:3:1 h55-c3-10:24:48:10:80:3:1 h55-c3-12:32:64:12:64:3:1 > $R/ab-halves-fwd-2t.txt
AFTER_OPTS="-Dsm58.halves=true" bash bench/sm55/abx.sh $EXP $EXP 2 scatter 3 40 h54-c3-9:32:56:9:56:3:1 h55-c3-10:24:48:10:80:3:1 h55-c3-12:32:64:12:64:3:1 > $R/ab-halves-scatter-2t.txt
echo done
