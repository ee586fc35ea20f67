package dev.convkit.core.pool;

import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.testing.GradientChecker;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Finite-difference checks of every pooling op in every dimensionality, on inputs whose values are
 * distinct and spaced far beyond the step (no ties, no kinks).
 */
class PoolGradientTest {
    // well below half the 0.05 spacing of the inputs (no max changes), large against float rounding
    private static final double STEP = 1e-2;

    private interface Op {
        Tensor forward(Tensor x);

        Tensor backward(Tensor x, Tensor g);
    }

    private static DynamicTest test(String name, int[] shape, double offset, Op op) {
        return DynamicTest.dynamicTest(name, () -> {
            Random random = new Random(name.hashCode());
            Tensor x = GradientChecker.distinct(random, offset, shape);
            Tensor y = op.forward(x);
            Tensor g = GradientChecker.random(random, y.shape());
            GradientChecker.check(name, x, op::forward, g, op.backward(x, g), STEP, 200, random);
        });
    }

    private static Op op(Function<Tensor, Tensor> forward, BiFunction<Tensor, Tensor, Tensor> backward) {
        return new Op() {
            @Override
            public Tensor forward(Tensor x) {
                return forward.apply(x);
            }

            @Override
            public Tensor backward(Tensor x, Tensor g) {
                return backward.apply(x, g);
            }
        };
    }

    private static int[] shape(int rank, int size) {
        int[] shape = new int[rank + 2];
        shape[0] = 2;
        shape[1] = 2;
        for (int i = 0; i < rank; i++) {
            shape[2 + i] = size + i;
        }
        return shape;
    }

    @TestFactory
    List<DynamicTest> everyPoolInEveryRank() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int rank = 1; rank <= 3; rank++) {
            int r = rank;
            int[] shape = shape(rank, rank == 3 ? 4 : 6);
            PoolOptions max = PoolOptions.forRank(r, 3).stride(2).padding(1).dilation(1).ceilMode(true);
            PoolOptions dilated = PoolOptions.forRank(r, 2).stride(1).dilation(2);
            PoolOptions avg = PoolOptions.forRank(r, 3).stride(2).padding(1).ceilMode(true).countIncludePad(false);
            PoolOptions avgOverride = PoolOptions.forRank(r, 2).stride(1).divisorOverride(3);
            PoolOptions lp = PoolOptions.forRank(r, 2).stride(2).ceilMode(true);
            tests.add(test("max_pool" + r + "d", shape, -2, op(x -> MaxPool.forward(x, max).output(),
                    (x, g) -> MaxPool.backward(x, g, max))));
            tests.add(test("max_pool" + r + "d dilated", shape, -2, op(x -> MaxPool.forward(x, dilated).output(),
                    (x, g) -> MaxPool.backward(x, g, dilated))));
            tests.add(test("avg_pool" + r + "d", shape, -2, op(x -> AvgPool.forward(x, avg),
                    (x, g) -> AvgPool.backward(x, g, avg))));
            tests.add(test("avg_pool" + r + "d divisor", shape, -2, op(x -> AvgPool.forward(x, avgOverride),
                    (x, g) -> AvgPool.backward(x, g, avgOverride))));
            for (double p : new double[] {1, 2, 3, 1.5, Double.POSITIVE_INFINITY}) {
                // signed inputs where the power is sign-safe (p = 1, even p, the max-|x| limit); positive otherwise
                double offset = p == 1 || p == 2 || Double.isInfinite(p) ? -2 : 0.5;
                tests.add(test("lp_pool" + r + "d p=" + p, shape, offset, op(x -> LpPool.forward(x, p, lp),
                        (x, g) -> LpPool.backward(x, g, p, lp))));
            }
            int[] grow = new int[r];
            int[] shrink = new int[r];
            for (int i = 0; i < r; i++) {
                grow[i] = shape[2 + i] + 2;
                shrink[i] = shape[2 + i] / 2 + 1;
            }
            for (int[] size : new int[][] {grow, shrink}) {
                String label = java.util.Arrays.toString(size);
                tests.add(test("adaptive_avg_pool" + r + "d " + label, shape, -2,
                        op(x -> AdaptivePool.avgForward(x, r, size), (x, g) -> AdaptivePool.avgBackward(x, g, r, size))));
                tests.add(test("adaptive_max_pool" + r + "d " + label, shape, -2,
                        op(x -> AdaptivePool.maxForward(x, r, size).output(), (x, g) -> AdaptivePool.maxBackward(x, g, r, size))));
            }
            if (r >= 2) {
                FractionalPoolOptions fractional = FractionalPoolOptions.forRank(r, 2).outputRatio(0.6).seed(r);
                tests.add(test("fractional_max_pool" + r + "d", shape, -2,
                        op(x -> FractionalMaxPool.forward(x, fractional).output(),
                                (x, g) -> FractionalMaxPool.backward(x, g, fractional))));
            }
            PoolOptions unpool = PoolOptions.forRank(r, 2);
            tests.add(DynamicTest.dynamicTest("max_unpool" + r + "d", () -> {
                Random random = new Random(r);
                Tensor source = GradientChecker.distinct(random, -2, shape);
                PoolResult pooled = MaxPool.forward(source, unpool);
                Tensor x = pooled.output();
                int[] size = java.util.Arrays.copyOfRange(shape, 2, shape.length);
                Tensor y = MaxUnpool.forward(x, pooled.indices(), unpool, size);
                Tensor g = GradientChecker.random(random, y.shape());
                GradientChecker.check("max_unpool" + r + "d", x, xx -> MaxUnpool.forward(xx, pooled.indices(), unpool, size),
                        g, MaxUnpool.backward(x, pooled.indices(), g, unpool, size), STEP, 200, random);
            }));
        }
        return tests;
    }
}
