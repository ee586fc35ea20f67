#!/bin/bash
# hash.sh JAR T SHAPES...: bench/s2b48/hash.sh (HASH=1 ConvCpuTime on JDK 25 at T threads).
exec bash "$(dirname "$0")/../s2b48/hash.sh" "$@"
