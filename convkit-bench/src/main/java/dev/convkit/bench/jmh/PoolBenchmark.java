package dev.convkit.bench.jmh;

import dev.convkit.core.pool.AvgPool;
import dev.convkit.core.pool.MaxPool;
import dev.convkit.core.pool.PoolOptions;
import dev.convkit.core.pool.PoolResult;
import dev.convkit.core.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/** JMH: the suite's stem max pooling and 3x3 average pooling, forward and backward. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PoolBenchmark {
    Tensor stem;
    Tensor stemGrad;
    PoolResult stemPooled;
    Tensor mid;
    Tensor midGrad;
    final PoolOptions max3s2 = PoolOptions.pool2d(3).stride(2).padding(1);
    final PoolOptions avg3s1 = PoolOptions.pool2d(3).stride(1).padding(1);

    @Setup
    public void setup() {
        Random r = new Random(2);
        stem = ConvBenchmark.random(r, 8, 64, 112, 112);
        stemPooled = MaxPool.forward(stem, max3s2);
        stemGrad = ConvBenchmark.random(r, stemPooled.output().shape());
        mid = ConvBenchmark.random(r, 8, 64, 56, 56);
        midGrad = ConvBenchmark.random(r, 8, 64, 56, 56);
    }

    @Benchmark
    public Tensor maxForward() {
        return MaxPool.output(stem, max3s2);
    }

    @Benchmark
    public Tensor maxBackward() {
        return MaxPool.backward(stemPooled.indices(), stemGrad, stem.shape(), 2);
    }

    @Benchmark
    public Tensor avgForward() {
        return AvgPool.forward(mid, avg3s1);
    }

    @Benchmark
    public Tensor avgBackward() {
        return AvgPool.backward(mid, midGrad, avg3s1);
    }
}
