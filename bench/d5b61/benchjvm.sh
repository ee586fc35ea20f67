#!/bin/bash
# benchjvm.sh JAR THREADS SUITE OUT [JVM options...]: one `convkit bench` JVM (the launcher's options, JDK 25) on SUITE,
# conv only, its JSON to OUT.json, its compile log to OUT.comp (-XX:+PrintCompilation) and GC log to OUT.gc
jar=$1; t=$2; suite=$3; out=$4; shift 4
k=dev.convkit.core.kernels.panama.PanamaVectorOps
/usr/lib/jvm/temurin-25-jdk-amd64/bin/java -XX:+UseParallelGC -XX:CompileCommand=quiet \
  "-XX:CompileCommand=dontinline,$k::sumRow*" "-XX:CompileCommand=dontinline,$k::maxRow*" \
  "-XX:CompileCommand=dontinline,$k::maxIndexRow*" "-XX:CompileCommand=dontinline,$k::maxOfRows*" \
  "-XX:CompileCommand=dontinline,$k::sumOfRows*" -Xms2g -Xmn1g --add-modules jdk.incubator.vector \
  -XX:+UnlockDiagnosticVMOptions -XX:+PrintCompilation -XX:+LogVMOutput -XX:-DisplayVMOutput -XX:LogFile=$out.comp -Xlog:gc:file=$out.gc "$@" \
  -jar "$jar" bench --json --threads "$t" --suite "$suite" --ops conv > $out.json 2>$out.err
python3 -c "
import json,sys
r=json.load(open('$out.json'))
for x in r['results']: print('%-16s fwd %7.3f bwd %7.3f' % (x['id'], x['fwd_ms'], x['bwd_ms']))"
