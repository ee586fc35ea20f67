package dev.convkit.core.conv;

import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.window.PaddingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The algebra of 'same', 'same_lower' and the padded correlation view, for arbitrary shapes. */
class PaddingPropertiesTest {
    /** One convolution call: rank, per-dimension input size, kernel, stride, dilation, mode, seed. */
    record Case(int rank, int[] size, int[] kernel, int[] stride, int[] dilation, PaddingMode mode, long seed) {
        ConvOptions options(boolean transposed, String padding) {
            return (transposed ? ConvOptions.convTranspose(rank) : ConvOptions.conv(rank))
                    .stride(stride).dilation(dilation).padding(padding).paddingMode(mode);
        }

        int[] inputShape() {
            return concat(new int[] {2, 3}, size);
        }

        int[] weightShape(boolean transposed) {
            return concat(transposed ? new int[] {3, 2} : new int[] {2, 3}, kernel);
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 3),
                Arbitraries.longs()).as((rank, mode, seed) -> {
                    Random random = new Random(seed);
                    int[] size = new int[rank];
                    int[] kernel = new int[rank];
                    int[] stride = new int[rank];
                    int[] dilation = new int[rank];
                    for (int i = 0; i < rank; i++) {
                        kernel[i] = 1 + random.nextInt(4);
                        stride[i] = 1 + random.nextInt(3);
                        dilation[i] = 1 + random.nextInt(2);
                        // large enough for a reflect view and a reflect 'same'
                        size[i] = dilation[i] * (kernel[i] - 1) + 2 + random.nextInt(4);
                    }
                    return new Case(rank, size, kernel, stride, dilation, PaddingMode.values()[mode], seed);
                });
    }

    @Property(tries = 200)
    void sameSizesAreCeilOfInputOverStrideAndInputTimesStride(@ForAll("cases") Case c) {
        for (String padding : new String[] {"same", "same_lower"}) {
            int[] conv = ConvPlan.resolve(c.options(false, padding), c.inputShape(), c.weightShape(false), null).outputSpatial();
            int[] up = ConvPlan.resolve(c.options(true, padding), c.inputShape(), c.weightShape(true), null).outputSpatial();
            for (int i = 0; i < c.rank(); i++) {
                assertThat(conv[i]).isEqualTo((c.size()[i] + c.stride()[i] - 1) / c.stride()[i]);
                assertThat(up[i]).isEqualTo(c.size()[i] * c.stride()[i]);
            }
        }
    }

    /** 'same_lower' is 'same' seen in a mirror, wherever 'same' pads (the windows reach the end). */
    @Property(tries = 150)
    void lowerIsUpperOnTheMirroredInput(@ForAll("cases") Case c) {
        Random random = new Random(c.seed());
        for (boolean transposed : new boolean[] {false, true}) {
            if (!transposed && !windowsReachTheEnd(c)) {
                continue;
            }
            Tensor x = GradientChecker.random(random, c.inputShape());
            Tensor w = GradientChecker.random(random, c.weightShape(transposed));
            Tensor lower = Conv.forward(x, w, null, c.options(transposed, "same_lower"));
            Tensor upper = Conv.forward(mirror(x, c.rank()), mirror(w, c.rank()), null, c.options(transposed, "same"));
            assertClose(lower, mirror(upper, c.rank()));
        }
    }

    /** A zeros 'same' transposed convolution is the full output cut (or extended by zeros) by ONNX's split. */
    @Property(tries = 150)
    void transposedSameCutsTheFullOutput(@ForAll("cases") Case c) {
        if (c.mode() != PaddingMode.ZEROS) {
            return;
        }
        Random random = new Random(c.seed());
        Tensor x = GradientChecker.random(random, c.inputShape());
        Tensor w = GradientChecker.random(random, c.weightShape(true));
        Tensor b = GradientChecker.random(random, 2);
        Tensor full = Conv.forward(x, w, b, c.options(true, "valid"));
        for (String padding : new String[] {"same", "same_lower"}) {
            int[] start = new int[3];
            for (int i = 0; i < c.rank(); i++) {
                int total = c.dilation()[i] * (c.kernel()[i] - 1) + 1 - c.stride()[i];
                int m = Math.abs(total);
                // the odd element: cut (or added) at the end for 'same', at the start for 'same_lower'
                int half = padding.equals("same") ? m / 2 : m - m / 2;
                start[3 - c.rank() + i] = total >= 0 ? half : -half;
            }
            Tensor same = Conv.forward(x, w, b, c.options(true, padding));
            assertClose(same, cut(full, same.shape(), start, b, c.rank()));
        }
    }

    private static boolean windowsReachTheEnd(Case c) {
        for (int i = 0; i < c.rank(); i++) {
            long outputs = (c.size()[i] + c.stride()[i] - 1) / c.stride()[i];
            if ((outputs - 1) * c.stride()[i] + (long) c.dilation()[i] * (c.kernel()[i] - 1) + 1 < c.size()[i]) {
                return false;
            }
        }
        return true;
    }

    /** Every spatial dimension reversed: reversing each row-major plane reverses all its coordinates. */
    private static Tensor mirror(Tensor t, int rank) {
        int[] shape = t.shape();
        int plane = 1;
        for (int i = shape.length - rank; i < shape.length; i++) {
            plane *= shape[i];
        }
        float[] src = t.data();
        float[] out = new float[src.length];
        for (int base = 0; base < src.length; base += plane) {
            for (int i = 0; i < plane; i++) {
                out[base + i] = src[base + plane - 1 - i];
            }
        }
        return Tensor.wrap(out, shape);
    }

    /** {@code full} read at offset {@code start} (lifted), the bias where that falls outside it. */
    private static Tensor cut(Tensor full, int[] shape, int[] start, Tensor bias, int rank) {
        int[] fs = lift(Arrays.copyOfRange(full.shape(), 2, full.shape().length));
        int[] os = lift(Arrays.copyOfRange(shape, 2, shape.length));
        float[] out = new float[Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        int o = 0;
        for (int plane = 0; plane < shape[0] * shape[1]; plane++) {
            for (int z = 0; z < os[0]; z++) {
                for (int y = 0; y < os[1]; y++) {
                    for (int x = 0; x < os[2]; x++, o++) {
                        int fz = z + start[0];
                        int fy = y + start[1];
                        int fx = x + start[2];
                        boolean inside = fz >= 0 && fz < fs[0] && fy >= 0 && fy < fs[1] && fx >= 0 && fx < fs[2];
                        out[o] = inside ? full.data()[((plane * fs[0] + fz) * fs[1] + fy) * fs[2] + fx]
                                : bias.data()[plane % shape[1]];
                    }
                }
            }
        }
        return Tensor.wrap(out, shape);
    }

    private static int[] lift(int[] spatial) {
        int[] out = {1, 1, 1};
        System.arraycopy(spatial, 0, out, 3 - spatial.length, spatial.length);
        return out;
    }

    private static void assertClose(Tensor actual, Tensor expected) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        for (int i = 0; i < actual.data().length; i++) {
            double e = expected.data()[i];
            assertThat((double) actual.data()[i]).as("element %d", i)
                    .isCloseTo(e, org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(e))));
        }
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
