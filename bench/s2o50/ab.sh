#!/bin/bash
# ab.sh BEFORE.jar AFTER.jar T PASS ROUNDS REPS SHAPES...: s2g49's alternating thread-CPU A/B (ONLY=PASS CPU=1
# ConvCpuTime, fresh JVMs, all shapes in one JVM a side, before / after alternating, the load printed each round);
# JAVA=... for another JDK (default JDK 25)
exec bash "$(dirname "$0")/../s2g49/ab.sh" "$@"
