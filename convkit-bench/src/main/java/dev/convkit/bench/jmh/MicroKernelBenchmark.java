package dev.convkit.bench.jmh;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.MicroKernel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * JMH: the GEMM micro-kernel alone, operands in cache. One operation is one register tile over a
 * reduction of 256: 2 x 256 x MR x NR FLOPs (131,072 for the 8x32 Panama tile, so GFLOP/s =
 * ops/us x 0.131). Run: {@code java --add-modules jdk.incubator.vector -jar convkit-bench/target/benchmarks.jar MicroKernel}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MicroKernelBenchmark {
    static final int KC = 256;

    @Param({"panama", "scalar"})
    public String kernel;

    MicroKernel micro;
    float[] a;
    float[] b;
    float[] c;

    @Setup
    public void setup() {
        KernelProvider provider = kernel.equals("panama") ? KernelProvider.panama() : KernelProvider.scalar();
        micro = (provider == null ? KernelProvider.scalar() : provider).microKernel();
        a = new float[KC * micro.mr()];
        b = new float[KC * micro.nr()];
        c = new float[micro.mr() * (micro.nr() + 16)];
        Arrays.fill(a, 0.5f);
        Arrays.fill(b, 0.25f);
    }

    @Benchmark
    public float[] tile() {
        micro.multiply(KC, a, 0, b, 0, c, 0, micro.nr() + 16, false);
        return c;
    }
}
