package dev.convkit.core.pool;

import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The exercise's identities and the algebra of pooling, for arbitrary inputs and windows. */
class PoolPropertiesTest {
    /** An input (1, 2, H, W) with a kernel that fits, stride and ceil mode. */
    record Case(Tensor input, int kernel, int stride, boolean ceilMode) {
        PoolOptions options() {
            return PoolOptions.pool2d(kernel).stride(stride).ceilMode(ceilMode);
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 4), Arbitraries.of(true, false))
                .flatAs((k, s, extraH, extraW, ceil) -> {
                    int h = k + extraH;
                    int w = k + extraW;
                    return Arbitraries.floats().between(-100, 100).list().ofSize(2 * h * w)
                            .map(values -> new Case(tensor(values, 1, 2, h, w), k, s, ceil));
                });
    }

    private static Tensor tensor(List<Float> values, int... shape) {
        float[] data = new float[values.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = values.get(i);
        }
        return Tensor.wrap(data, shape);
    }

    private static void assertClose(Tensor actual, Tensor expected, double relative) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        for (int i = 0; i < actual.data().length; i++) {
            double e = expected.data()[i];
            assertThat((double) actual.data()[i]).as("element %d", i)
                    .isCloseTo(e, org.assertj.core.data.Offset.offset(relative * Math.max(1, Math.abs(e))));
        }
    }

    @Property
    void lpWithPOneIsWindowAreaTimesAverage(@ForAll("cases") Case c) {
        Tensor lp = LpPool.forward(c.input(), 1, c.options());
        Tensor avg = AvgPool.forward(c.input(), c.options().countIncludePad(true));
        float area = c.kernel() * c.kernel();
        Tensor scaled = avg.copy();
        for (int i = 0; i < scaled.data().length; i++) {
            scaled.data()[i] *= area;
        }
        assertClose(lp, scaled, 1e-4);
    }

    @Property
    void lpApproachesMaxAsPGrows(@ForAll("cases") Case c) {
        Tensor x = c.input().copy();
        for (int i = 0; i < x.data().length; i++) {
            // within [1, 2]: x^256 stays finite in double (see LpPool on overflow)
            x.data()[i] = 1 + Math.abs(x.data()[i]) / 100;
        }
        Tensor max = MaxPool.forward(x, c.options()).output();
        double previous = Double.POSITIVE_INFINITY;
        for (double p : new double[] {4, 16, 64, 256}) {
            Tensor lp = LpPool.forward(x, p, c.options());
            double worst = 0;
            for (int i = 0; i < lp.data().length; i++) {
                double gap = lp.data()[i] / (double) max.data()[i] - 1;
                assertThat(gap).as("lp >= max (p = %s)", p).isGreaterThanOrEqualTo(-1e-6);
                worst = Math.max(worst, gap);
            }
            // (sum x^p)^(1/p) <= n^(1/p) * max, and n^(1/p) -> 1
            assertThat(worst).isLessThanOrEqualTo(Math.pow(c.kernel() * c.kernel(), 1 / p) - 1 + 1e-5);
            assertThat(worst).isLessThanOrEqualTo(previous + 1e-6);
            previous = worst;
        }
        assertClose(LpPool.forward(x, Double.POSITIVE_INFINITY, c.options()), max, 0);
    }

    @Property
    void maxPoolCommutesWithAddingAConstant(@ForAll("cases") Case c, @ForAll @FloatRange(min = -50, max = 50) float shift) {
        Tensor shifted = c.input().copy();
        for (int i = 0; i < shifted.data().length; i++) {
            shifted.data()[i] += shift;
        }
        Tensor expected = MaxPool.forward(c.input(), c.options()).output().copy();
        for (int i = 0; i < expected.data().length; i++) {
            expected.data()[i] += shift;
        }
        assertClose(MaxPool.forward(shifted, c.options()).output(), expected, 1e-6);
    }

    @Property
    void avgPoolIsLinearInScale(@ForAll("cases") Case c, @ForAll @FloatRange(min = -10, max = 10) float scale) {
        Tensor scaled = c.input().copy();
        for (int i = 0; i < scaled.data().length; i++) {
            scaled.data()[i] *= scale;
        }
        Tensor expected = AvgPool.forward(c.input(), c.options()).copy();
        for (int i = 0; i < expected.data().length; i++) {
            expected.data()[i] *= scale;
        }
        assertClose(AvgPool.forward(scaled, c.options()), expected, 1e-4);
    }

    @Property
    void adaptivePoolToTheInputSizeIsTheIdentity(@ForAll("cases") Case c) {
        int[] shape = c.input().shape();
        assertThat(AdaptivePool.avgForward(c.input(), 2, shape[2], shape[3])).isEqualTo(c.input());
        PoolResult max = AdaptivePool.maxForward(c.input(), 2, shape[2], shape[3]);
        assertThat(max.output()).isEqualTo(c.input());
    }

    @Property
    void unpoolingPutsEveryMaximumBackInPlace(@ForAll("cases") Case c) {
        PoolResult pooled = MaxPool.forward(c.input(), c.options());
        int[] shape = c.input().shape();
        Tensor unpooled = MaxUnpool.forward(pooled.output(), pooled.indices(),
                PoolOptions.pool2d(c.kernel()).stride(c.stride()), new int[] {shape[2], shape[3]});
        IndexTensor idx = pooled.indices();
        int plane = shape[2] * shape[3];
        int outPlane = pooled.output().data().length / 2;
        java.util.Set<Long> selected = new java.util.HashSet<>();
        for (int p = 0; p < 2; p++) {
            for (int o = 0; o < outPlane; o++) {
                long at = idx.data()[p * outPlane + o];
                selected.add(p * (long) plane + at);
                assertThat(unpooled.data()[(int) (p * plane + at)]).isEqualTo(c.input().data()[(int) (p * plane + at)]);
            }
        }
        for (int i = 0; i < unpooled.data().length; i++) {
            if (!selected.contains((long) i)) {
                assertThat(unpooled.data()[i]).isZero();
            }
        }
    }

    @Property
    void lpOfEvenPowerIsSignBlind(@ForAll("cases") Case c, @ForAll @IntRange(min = 1, max = 3) int half) {
        Tensor negated = c.input().copy();
        for (int i = 0; i < negated.data().length; i++) {
            negated.data()[i] = -negated.data()[i];
        }
        assertClose(LpPool.forward(negated, 2 * half, c.options()), LpPool.forward(c.input(), 2 * half, c.options()), 1e-6);
    }
}
