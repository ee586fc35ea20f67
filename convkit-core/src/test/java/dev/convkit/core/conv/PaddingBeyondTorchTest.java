package dev.convkit.core.conv;

import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.window.PaddingMode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The padding PyTorch lacks, checked two ways: hand-derived numbers, and straightforward loops over
 * the written rules (TensorFlow's 'same', ONNX's ConvTranspose auto_pad, the padded correlation view
 * of docs/SEMANTICS.md) that share no index code with convkit.
 */
class PaddingBeyondTorchTest {
    private static final int CASES_PER_VARIANT = 20;

    @Test
    void stridedSameFollowsTensorFlowByHand() {
        Tensor ones3 = Tensor.of(new double[] {1, 1, 1}, 1, 1, 3);
        Tensor five = Tensor.of(new double[] {1, 2, 3, 4, 5}, 1, 1, 5);
        Tensor six = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 1, 1, 6);
        // I 5, s 2: O 3, total 2 -> [0 1 2 3 4 5 0]: windows at 0, 2, 4
        assertThat(conv(five, ones3, ConvOptions.conv1d().stride(2).padding("same"))).containsExactly(3, 9, 9);
        // I 6, s 2: O 3, total 1 at the end -> [1 .. 6 0]; 'same_lower' puts it first -> [0 1 .. 6]
        assertThat(conv(six, ones3, ConvOptions.conv1d().stride(2).padding("same"))).containsExactly(6, 12, 11);
        assertThat(conv(six, ones3, ConvOptions.conv1d().stride(2).padding("same_lower"))).containsExactly(3, 9, 15);
        // reflect: [2 1 2 3 4 5 4], windows at 0, 2, 4
        assertThat(conv(five, ones3, ConvOptions.conv1d().stride(2).padding("same").paddingMode(PaddingMode.REFLECT)))
                .containsExactly(5, 9, 13);
        // dilation 2, k 2 (reach 3), I 5, s 3: O 2, total 3 + 3 - 5 = 1: [1 2 3 4 5 0] or [0 1 2 3 4 5], taps (0, 2), (3, 5)
        Tensor pair = Tensor.of(new double[] {1, 10}, 1, 1, 2);
        assertThat(conv(five, pair, ConvOptions.conv1d().stride(3).dilation(2).padding("same"))).containsExactly(31, 4);
        assertThat(conv(five, pair, ConvOptions.conv1d().stride(3).dilation(2).padding("same_lower"))).containsExactly(20, 53);
    }

    @Test
    void transposedSameByHand() {
        Tensor x = Tensor.of(new double[] {1, 2, 3}, 1, 1, 3);
        Tensor w = Tensor.of(new double[] {1, 10, 100}, 1, 1, 3);
        // full output, s 2: 1 10 102 20 203 30 300 (7 = 2*3 + 1); 'same' keeps 6, cutting the odd 1 at the end
        assertThat(conv(x, w, ConvOptions.convTranspose1d().stride(2).padding("same"))).containsExactly(1, 10, 102, 20, 203, 30);
        assertThat(conv(x, w, ConvOptions.convTranspose1d().stride(2).padding("same_lower"))).containsExactly(10, 102, 20, 203, 30, 300);
        // k 1 < s 3: the full output 1 0 0 2 0 0 3 grows by 2, one zero at each end
        Tensor one = Tensor.of(new double[] {5}, 1, 1, 1);
        assertThat(conv(x, one, ConvOptions.convTranspose1d().stride(3).padding("same")))
                .containsExactly(0, 5, 0, 0, 10, 0, 0, 15, 0);
        // k 2 < s 3: grows by 1, at the end for 'same', at the start for 'same_lower'
        Tensor two = Tensor.of(new double[] {1, 10}, 1, 1, 2);
        assertThat(conv(x, two, ConvOptions.convTranspose1d().stride(3).padding("same")))
                .containsExactly(1, 10, 0, 2, 20, 0, 3, 30, 0);
        assertThat(conv(x, two, ConvOptions.convTranspose1d().stride(3).padding("same_lower")))
                .containsExactly(0, 1, 10, 0, 2, 20, 0, 3, 30);
    }

    @Test
    void transposedModesPadTheCorrelationViewByHand() {
        // docs/SEMANTICS.md's worked example: x = [1 2 3], s 2, w = [1 10 100], padding 1.
        // view 1 0 2 0 3, padded by d*(k-1) - p = 1 on each side, correlated with the flipped kernel [100 10 1]
        Tensor x = Tensor.of(new double[] {1, 2, 3}, 1, 1, 3);
        Tensor w = Tensor.of(new double[] {1, 10, 100}, 1, 1, 3);
        ConvOptions o = ConvOptions.convTranspose1d().stride(2).padding(1);
        assertThat(conv(x, w, o)).containsExactly(10, 102, 20, 203, 30);                      // 0 [1 0 2 0 3] 0
        assertThat(conv(x, w, o.paddingMode(PaddingMode.REPLICATE))).containsExactly(110, 102, 20, 203, 33);  // 1 [..] 3
        assertThat(conv(x, w, o.paddingMode(PaddingMode.REFLECT))).containsExactly(10, 102, 20, 203, 30);    // 0 [..] 0
        assertThat(conv(x, w, o.paddingMode(PaddingMode.CIRCULAR))).containsExactly(310, 102, 20, 203, 31);  // 3 [..] 1
        // padding 0: view padded by 2: replicate 1 1 [1 0 2 0 3] 3 3
        assertThat(conv(x, w, ConvOptions.convTranspose1d().stride(2).paddingMode(PaddingMode.REPLICATE)))
                .containsExactly(111, 110, 102, 20, 203, 33, 333);
    }

    @TestFactory
    Stream<DynamicTest> matchesTheWrittenRules() {
        return IntStream.rangeClosed(1, 3).boxed().flatMap(rank -> Stream.of(false, true).flatMap(transposed ->
                IntStream.range(0, CASES_PER_VARIANT).mapToObj(seed -> DynamicTest.dynamicTest(
                        (transposed ? "conv_transpose" : "conv") + rank + "d #" + seed,
                        () -> compareWithRules(rank, transposed, seed * 7919L + rank * 2 + (transposed ? 1 : 0))))));
    }

    @Test
    void threadCountDoesNotChangeABit() {
        int before = dev.convkit.core.kernels.Parallel.threads();
        Random random = new Random(5);
        Tensor x = GradientChecker.random(random, 2, 8, 12, 11);
        Tensor w = GradientChecker.random(random, 8, 6, 3, 3);
        Tensor g = GradientChecker.random(random, 2, 6, 24, 22);
        ConvOptions o = ConvOptions.convTranspose2d().stride(2).padding("same").paddingMode(PaddingMode.REFLECT);
        try {
            dev.convkit.core.kernels.Parallel.setThreads(1);
            ConvGradients one = Conv.backward(x, w, Conv.Bias.ABSENT, g, o);
            float[] outOne = Conv.forward(x, w, null, o).data();
            dev.convkit.core.kernels.Parallel.setThreads(3);
            ConvGradients three = Conv.backward(x, w, Conv.Bias.ABSENT, g, o);
            assertThat(Conv.forward(x, w, null, o).data()).containsExactly(outOne);
            assertThat(three.input().data()).containsExactly(one.input().data());
            assertThat(three.weight().data()).containsExactly(one.weight().data());
        } finally {
            dev.convkit.core.kernels.Parallel.setThreads(before);
        }
    }

    private static float[] conv(Tensor x, Tensor w, ConvOptions o) {
        return Conv.forward(x, w, null, o).data();
    }

    private static void compareWithRules(int rank, boolean transposed, long seed) {
        Random random = new Random(seed);
        int groups = 1 + random.nextInt(2);
        int cin = groups * (1 + random.nextInt(2));
        int cout = groups * (1 + random.nextInt(2));
        int[] k = new int[3];
        int[] s = new int[3];
        int[] d = new int[3];
        int[] size = new int[3];
        Arrays.fill(k, 1);
        Arrays.fill(s, 1);
        Arrays.fill(d, 1);
        Arrays.fill(size, 1);
        for (int i = 3 - rank; i < 3; i++) {
            k[i] = 1 + random.nextInt(4);
            s[i] = 1 + random.nextInt(3);
            d[i] = 1 + random.nextInt(2);
            size[i] = d[i] * (k[i] - 1) + 2 + random.nextInt(4);
        }
        PaddingMode mode = PaddingMode.values()[random.nextInt(4)];
        String padding = random.nextBoolean() ? "same" : "same_lower";
        boolean numeric = transposed && random.nextInt(3) == 0;
        int[] pad = new int[3];
        for (int i = 3 - rank; i < 3 && numeric; i++) {
            pad[i] = random.nextInt(d[i] * (k[i] - 1) + 1);
        }
        ConvOptions o = (transposed ? ConvOptions.convTranspose(rank) : ConvOptions.conv(rank))
                .stride(tail(s, rank)).dilation(tail(d, rank)).groups(groups).paddingMode(mode);
        o = numeric ? o.padding(tail(pad, rank)) : o.padding(padding);
        int[] xShape = concat(new int[] {2, cin}, tail(size, rank));
        int[] wShape = concat(transposed ? new int[] {cin, cout / groups} : new int[] {cout, cin / groups}, tail(k, rank));
        Tensor x = GradientChecker.random(random, xShape);
        Tensor w = GradientChecker.random(random, wShape);
        Tensor b = GradientChecker.random(random, cout);
        Tensor actual = Conv.forward(x, w, b, o);
        Reference ref = new Reference(groups, cin, cout, size, k, s, d, mode);
        double[] expected = transposed
                ? ref.transposed(x.data(), w.data(), b.data(), numeric ? pad : null, padding.equals("same_lower"))
                : ref.conv(x.data(), w.data(), b.data(), padding.equals("same_lower"));
        assertThat(tail(actual.shape(), rank)).as("output size").containsExactly(tail(ref.out, rank));
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual.data()[i]).as("%s, element %d", o.opName(), i)
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(expected[i]))));
        }
    }

    /** The rules as plain loops over lifted (D, H, W) planes, in double. */
    private static final class Reference {
        final int groups;
        final int cin;
        final int cout;
        final int[] size;
        final int[] k;
        final int[] s;
        final int[] d;
        final PaddingMode mode;
        final int[] out = new int[3];

        Reference(int groups, int cin, int cout, int[] size, int[] k, int[] s, int[] d, PaddingMode mode) {
            this.groups = groups;
            this.cin = cin;
            this.cout = cout;
            this.size = size;
            this.k = k;
            this.s = s;
            this.d = d;
            this.mode = mode;
        }

        /** TensorFlow: O = ceil(I/s), total = max((O-1)s + d(k-1) + 1 - I, 0), before = total // 2 (lower: the rest). */
        double[] conv(float[] x, float[] w, float[] b, boolean lower) {
            int[] before = new int[3];
            for (int i = 0; i < 3; i++) {
                out[i] = (size[i] + s[i] - 1) / s[i];
                int total = Math.max((out[i] - 1) * s[i] + d[i] * (k[i] - 1) + 1 - size[i], 0);
                before[i] = lower ? total - total / 2 : total / 2;
            }
            int cg = cin / groups;
            int mg = cout / groups;
            double[] y = new double[2 * cout * out[0] * out[1] * out[2]];
            int o = 0;
            for (int n = 0; n < 2; n++) {
                for (int co = 0; co < cout; co++) {
                    for (int z = 0; z < out[0]; z++) {
                        for (int r = 0; r < out[1]; r++) {
                            for (int c = 0; c < out[2]; c++, o++) {
                                double sum = b[co];
                                for (int ci = 0; ci < cg; ci++) {
                                    int plane = n * cin + (co / mg) * cg + ci;
                                    for (int a = 0; a < k[0]; a++) {
                                        for (int e = 0; e < k[1]; e++) {
                                            for (int f = 0; f < k[2]; f++) {
                                                int pz = source(z * s[0] - before[0] + a * d[0], size[0]);
                                                int py = source(r * s[1] - before[1] + e * d[1], size[1]);
                                                int px = source(c * s[2] - before[2] + f * d[2], size[2]);
                                                if (pz < 0 || py < 0 || px < 0) {
                                                    continue;
                                                }
                                                sum += (double) x[((plane * size[0] + pz) * size[1] + py) * size[2] + px]
                                                        * w[(((co * cg + ci) * k[0] + a) * k[1] + e) * k[2] + f];
                                            }
                                        }
                                    }
                                }
                                y[o] = sum;
                            }
                        }
                    }
                }
            }
            return y;
        }

        /**
         * The transposed convolution as a correlation: the input stride-dilated (size (I-1)s + 1),
         * padded by d(k-1) - cropStart before and d(k-1) - cropEnd after with the mode, correlated
         * with the flipped kernel. 'same' (ONNX): total = d(k-1) + 1 - s, start = total / 2 (lower:
         * the rest); a negative total is split the same way by magnitude.
         */
        double[] transposed(float[] x, float[] w, float[] b, int[] padding, boolean lower) {
            int[] viewBefore = new int[3];
            int[] view = new int[3];
            for (int i = 0; i < 3; i++) {
                int total = d[i] * (k[i] - 1) + 1 - s[i];
                int start;
                if (padding != null) {
                    start = padding[i];
                    out[i] = (size[i] - 1) * s[i] + d[i] * (k[i] - 1) + 1 - 2 * padding[i];
                } else {
                    int m = Math.abs(total);
                    int half = lower ? m - m / 2 : m / 2;
                    start = total >= 0 ? half : -half;
                    out[i] = size[i] * s[i];
                }
                viewBefore[i] = d[i] * (k[i] - 1) - start;
                view[i] = (size[i] - 1) * s[i] + 1;
            }
            int cg = cin / groups;
            int mg = cout / groups;
            double[] y = new double[2 * cout * out[0] * out[1] * out[2]];
            int o = 0;
            for (int n = 0; n < 2; n++) {
                for (int co = 0; co < cout; co++) {
                    int grp = co / mg;
                    for (int z = 0; z < out[0]; z++) {
                        for (int r = 0; r < out[1]; r++) {
                            for (int c = 0; c < out[2]; c++, o++) {
                                double sum = b[co];
                                for (int ci = grp * cg; ci < (grp + 1) * cg; ci++) {
                                    for (int a = 0; a < k[0]; a++) {
                                        for (int e = 0; e < k[1]; e++) {
                                            for (int f = 0; f < k[2]; f++) {
                                                int uz = source(z - viewBefore[0] + a * d[0], view[0]);
                                                int uy = source(r - viewBefore[1] + e * d[1], view[1]);
                                                int ux = source(c - viewBefore[2] + f * d[2], view[2]);
                                                if (uz < 0 || uy < 0 || ux < 0 || uz % s[0] != 0 || uy % s[1] != 0
                                                        || ux % s[2] != 0) {
                                                    continue;
                                                }
                                                int xi = (((n * cin + ci) * size[0] + uz / s[0]) * size[1] + uy / s[1])
                                                        * size[2] + ux / s[2];
                                                int flipped = (((ci * mg + co % mg) * k[0] + k[0] - 1 - a) * k[1]
                                                        + k[1] - 1 - e) * k[2] + k[2] - 1 - f;
                                                sum += (double) x[xi] * w[flipped];
                                            }
                                        }
                                    }
                                }
                                y[o] = sum;
                            }
                        }
                    }
                }
            }
            return y;
        }

        /** Where padded position p of a line of n reads, or -1 for a zero: written out, not taken from PaddingMode. */
        int source(int p, int n) {
            if (p >= 0 && p < n) {
                return p;
            }
            switch (mode) {
                case REPLICATE:
                    return p < 0 ? 0 : n - 1;
                case CIRCULAR:
                    return ((p % n) + n) % n;
                case REFLECT: {
                    int q = p;
                    while (q < 0 || q >= n) {
                        q = q < 0 ? -q : 2 * (n - 1) - q;
                    }
                    return q;
                }
                default:
                    return -1;
            }
        }
    }

    private static int[] tail(int[] values, int rank) {
        return Arrays.copyOfRange(values, values.length - rank, values.length);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
