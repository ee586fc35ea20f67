package dev.convkit.bench.jmh;

import dev.convkit.core.conv.Conv;
import dev.convkit.core.conv.ConvGradients;
import dev.convkit.core.conv.ConvOptions;
import dev.convkit.core.tensor.Tensor;
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
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * JMH: conv2d forward and backward on the suite's shapes, written id_N_Cin_H_W_Cout_K_stride_padding_groups
 * (JMH splits parameter values on commas).
 * Run: {@code java --add-modules jdk.incubator.vector -jar convkit-bench/target/benchmarks.jar ConvBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvBenchmark {
    @Param({"seed_1_1_5_5_1_3_1_0_1", "r3x3-56_8_64_56_56_64_3_1_1_1", "r1x1-56_8_256_56_56_64_1_1_0_1",
            "dw3x3-56_8_128_56_56_128_3_1_1_128", "resnet-stem_8_3_224_224_64_7_2_3_1"})
    public String shape;

    Tensor x;
    Tensor w;
    Tensor gy;
    ConvOptions options;

    @Setup
    public void setup() {
        String[] all = shape.split("_");
        String[] v = Arrays.copyOfRange(all, 1, all.length);
        int[] p = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            p[i] = Integer.parseInt(v[i]);
        }
        Random r = new Random(1);
        x = random(r, p[0], p[1], p[2], p[3]);
        w = random(r, p[4], p[1] / p[8], p[5], p[5]);
        options = ConvOptions.conv2d().stride(p[6]).padding(p[7]).groups(p[8]);
        gy = random(r, Conv.forward(x, w, null, options).shape());
    }

    static Tensor random(Random r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.data().length; i++) {
            t.data()[i] = r.nextFloat() * 2 - 1;
        }
        return t;
    }

    @Benchmark
    public Tensor forward() {
        return Conv.forward(x, w, null, options);
    }

    @Benchmark
    public ConvGradients backward() {
        return Conv.backward(x, w, Conv.Bias.ABSENT, gy, options);
    }
}
