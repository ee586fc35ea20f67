#!/usr/bin/env bash
# The launcher's JVM options for `./convkit train --threads T` after train49, one a line: main's
# (bench/train48/opts.sh), then the micro-kernel's k-step runs at the usual C2 thresholds, after the
# package-wide 0.1 scaling as in the launcher.
# Usage: mapfile -t OPTS < <(bench/train49/opts.sh T)
"$(cd "$(dirname "$0")" && pwd)/../train48/opts.sh" "$1"
echo "-XX:CompileCommand=CompileThresholdScaling,dev.convkit.core.kernels.panama.PanamaMicroKernel::*Run,1.0"
