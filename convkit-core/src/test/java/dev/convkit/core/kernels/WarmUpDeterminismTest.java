package dev.convkit.core.kernels;

import dev.convkit.core.conv.ConvDispatch;
import dev.convkit.core.conv.ConvGeometry;
import dev.convkit.core.conv.ConvOptions;
import dev.convkit.core.conv.ConvPlan;
import dev.convkit.core.pool.PoolEngine;
import dev.convkit.core.pool.PoolPlan;
import dev.convkit.core.pool.PoolOptions;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import dev.convkit.core.window.AxisWindows;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every vectorized reduction gives the same bits cold (interpreted) and after the JIT has compiled
 * it: each path runs once, then again until C2 has had ample chance to compile it, and every answer
 * must equal the first bit for bit. The backend's rule: lanes are added in a fixed order (a butterfly
 * of lane-wise adds), never with reduceLanes, whose rounding differs between the interpreter and
 * compiled code.
 */
class WarmUpDeterminismTest {
    private static final int REPEATS = 400;

    private static void sameEveryTime(String what, Supplier<float[]> run, int repeats) {
        float[] first = run.get();
        for (int i = 1; i < repeats; i++) {
            float[] again = run.get();
            for (int j = 0; j < first.length; j++) {
                if (Float.floatToRawIntBits(again[j]) != Float.floatToRawIntBits(first[j])) {
                    throw new AssertionError(String.format("%s: repetition %d, element %d: %s, first answer %s",
                            what, i, j, again[j], first[j]));
                }
            }
        }
    }

    @TestFactory
    List<DynamicTest> reductionsDoNotChangeAfterWarmUp() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            VectorOps ops = provider.vectorOps();
            Random r = new Random(5);
            float[] x = GradientChecker.random(r, 1000).data();
            float[] y = GradientChecker.random(r, 1000).data();
            tests.add(DynamicTest.dynamicTest(provider.name() + " dot", () ->
                    sameEveryTime("dot", () -> new float[] {ops.dot(x, 3, y, 1, 997)}, 30_000)));
            tests.add(DynamicTest.dynamicTest(provider.name() + " sum", () ->
                    sameEveryTime("sum", () -> new float[] {ops.sum(x, 3, 997)}, 30_000)));
            tests.add(DynamicTest.dynamicTest(provider.name() + " sum and centered dot", () ->
                    sameEveryTime("sum and centered dot", () -> {
                        float[] out = new float[2];
                        ops.sumAndCenteredDot(x, 3, y, 1, 0.25f, 997, out, 0);
                        return out;
                    }, 30_000)));
            ConvDispatch dispatch = new ConvDispatch(provider, 0);
            // the hardening issue's case: depthwise conv2d backward, 1x8x16x16, 3x3, padding 1, groups 8
            ConvGeometry depthwise = ConvPlan.resolve(ConvOptions.conv2d().padding(1).groups(8),
                    new int[] {1, 8, 16, 16}, new int[] {8, 1, 3, 3}, null).geometry();
            ConvGeometry small = ConvPlan.resolve(ConvOptions.conv2d().padding(1),
                    new int[] {2, 2, 16, 16}, new int[] {6, 2, 3, 3}, null).geometry();
            for (ConvGeometry g : List.of(depthwise, small)) {
                float[] image = GradientChecker.random(r, g.imageSize()).data();
                float[] response = GradientChecker.random(r, g.responseSize()).data();
                String name = provider.name() + " weight gradient " + dispatch.path(g, ConvDispatch.Pass.WEIGHT_GRADIENT);
                tests.add(DynamicTest.dynamicTest(name, () ->
                        sameEveryTime(name, () -> dispatch.weightGradient(g, image, response), REPEATS)));
            }
            PoolEngine pools = PoolEngine.fast(provider);
            PoolPlan plan = PoolPlan.sliding("avg_pool2d", new int[] {2, 3, 40, 40}, PoolOptions.pool2d(3).stride(1), false);
            float[] input = GradientChecker.random(r, 2 * 3 * 40 * 40).data();
            AxisWindows[] w = plan.windows();
            tests.add(DynamicTest.dynamicTest(provider.name() + " pool sums", () -> sameEveryTime("pool sums",
                    () -> pools.sums(input, plan.planes(), plan.inputSize(), w), REPEATS)));
            // the rows-first sums and the fused LP forward (adaptive windows; p = 2.5 on the vector powers)
            PoolPlan adaptive = PoolPlan.adaptive("adaptive_avg_pool2d", 2, new int[] {2, 3, 40, 40}, new int[] {7});
            double[] divisors = dev.convkit.core.window.Windows.divisors(adaptive.windows(), false, null);
            tests.add(DynamicTest.dynamicTest(provider.name() + " adaptive means", () -> sameEveryTime("adaptive means",
                    () -> pools.means(input, adaptive.planes(), adaptive.inputSize(), adaptive.windows(), divisors), REPEATS)));
            float[] magnitudes = new float[input.length];
            for (int i = 0; i < input.length; i++) {
                magnitudes[i] = Math.abs(input[i]);
            }
            tests.add(DynamicTest.dynamicTest(provider.name() + " lp power sums", () -> sameEveryTime("lp power sums", () -> {
                float[] sums = new float[plan.planes() * plan.outputPlane()];
                pools.powerSums(magnitudes, plan.planes(), plan.inputSize(), w, 2.5, 1e30, sums);
                return sums;
            }, REPEATS)));
            float[] positive = new float[999];
            for (int i = 0; i < positive.length; i++) {
                positive[i] = r.nextFloat() * 8;
            }
            tests.add(DynamicTest.dynamicTest(provider.name() + " lp powers", () -> sameEveryTime("lp powers", () -> {
                double[] powers = pools.powers(positive, 2.5);
                float[] bits = new float[2 * powers.length];
                for (int i = 0; i < powers.length; i++) {
                    long b = Double.doubleToRawLongBits(powers[i]);
                    bits[2 * i] = Float.intBitsToFloat((int) b);
                    bits[2 * i + 1] = Float.intBitsToFloat((int) (b >>> 32));
                }
                return bits;
            }, 3000)));
        }
        return tests;
    }
}
