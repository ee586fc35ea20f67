#!/usr/bin/env bash
# bench/pool55/probe.sh: this branch's PanamaVectorOps compiled alone against main's jar into /tmp/pool55/probe (as pool54
# did), and PoolCpuTime into /tmp/pool55/h; then AFTER="/tmp/pool55/probe:$MAIN" runs main's jar with the changed class first.
set -e
cd "$(dirname "$0")/../.."
MAIN=/work/wt/before-main55/convkit-cli/target/convkit.jar
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin
rm -rf /tmp/pool55/probe; mkdir -p /tmp/pool55/probe /tmp/pool55/h
$J/javac -nowarn --release 17 --add-modules jdk.incubator.vector -cp $MAIN -d /tmp/pool55/probe \
  convkit-core/src/main/java/dev/convkit/core/kernels/panama/PanamaVectorOps.java 2>&1 | grep -v "warning\|incubat" || true
[ -f /tmp/pool55/h/PoolCpuTime.class ] || $J/javac -nowarn -cp $MAIN -d /tmp/pool55/h bench/pool8/PoolCpuTime.java
ls /tmp/pool55/probe/dev/convkit/core/kernels/panama/ | head -3
