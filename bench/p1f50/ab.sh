#!/bin/bash
# ab.sh BEFORE.jar AFTER.jar T PASS ROUNDS REPS SHAPES...: the alternating thread-CPU A/B of bench/s2g49/ab.sh
# (fresh JVMs, JAVA=... for another JDK, default JDK 25); p1f50 uses it as it is.
exec bash "$(dirname "$0")/../s2g49/ab.sh" "$@"
