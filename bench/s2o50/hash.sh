#!/bin/bash
# hash.sh JAR T SHAPES...: HASH=1 ConvCpuTime (every pass's bits) at T threads, JDK 25 (s2b48's)
exec bash "$(dirname "$0")/../s2b48/hash.sh" "$@"
