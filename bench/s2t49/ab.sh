#!/bin/bash
# ab.sh BEFORE.jar AFTER.jar T PASS ROUNDS REPS SHAPES...: the same alternating thread-CPU A/B as bench/s2g49/ab.sh
# (s2b48's, with JAVA=... for another JDK, default JDK 25), which this stop's three conv engineers each wrote.
exec bash "$(dirname "$0")/../s2g49/ab.sh" "$@"
