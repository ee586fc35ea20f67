#!/bin/bash
# ab.sh BEFORE.jar AFTER.jar T PASS ROUNDS REPS SHAPES...: bench/s2g49/ab.sh (JAVA=... another JDK, default JDK 25;
# it prints each round's load).
exec bash "$(dirname "$0")/../s2g49/ab.sh" "$@"
