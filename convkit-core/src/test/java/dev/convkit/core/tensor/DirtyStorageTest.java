package dev.convkit.core.tensor;

import dev.convkit.core.op.Catalogue;
import dev.convkit.core.op.Forward;
import dev.convkit.core.op.Gradients;
import dev.convkit.core.op.Op;
import dev.convkit.core.op.Operands;
import dev.convkit.core.op.Params;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every op gives the same bits when its result arrays come from a {@link Storage.Source} that hands
 * out garbage (NaN floats, negative ints) as when they are new zeroed arrays: a kernel that wrote only
 * part of an array it took with {@link Storage#floats}, or forgot a {@link Storage.LazyZeros#clear},
 * fails here. Also the same bits when a {@link Storage.Recycler} hands the previous call's arrays back.
 * The shapes are large enough to take the fast kernels (batches, channels, 3x3 stride-1 with many
 * channels, depthwise, small-channel first layers), and small ones take the reference loops.
 */
class DirtyStorageTest {
    /** Every array it hands out is new and full of garbage. */
    private static final Storage.Source GARBAGE = new Storage.Source() {
        @Override
        public float[] floats(int n) {
            float[] a = new float[n];
            Arrays.fill(a, Float.NaN);
            return a;
        }

        @Override
        public int[] ints(int n) {
            int[] a = new int[n];
            Arrays.fill(a, -7);
            return a;
        }
    };

    private record Case(String op, Map<String, Object> params, int[] input, int[] weight) {
        @Override
        public String toString() {
            return op + " " + params + " input " + Arrays.toString(input) + (weight == null ? "" : " weight " + Arrays.toString(weight));
        }
    }

    private static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        int[] image = {4, 16, 23, 21};
        int[] small = {1, 2, 5, 7};
        for (int[] in : List.of(image, small)) {
            c.add(new Case("max_pool2d", Map.of("kernel_size", 2, "return_indices", true), in, null));
            c.add(new Case("max_pool2d", Map.of("kernel_size", 3, "stride", 2, "padding", 1, "return_indices", true), in, null));
            c.add(new Case("max_pool2d", Map.of("kernel_size", 3, "stride", 3, "ceil_mode", true), in, null));
            c.add(new Case("avg_pool2d", Map.of("kernel_size", 2), in, null));
            c.add(new Case("avg_pool2d", Map.of("kernel_size", 3, "stride", 1, "padding", 1), in, null));
            c.add(new Case("avg_pool2d", Map.of("kernel_size", 3, "stride", 2, "padding", 1, "count_include_pad", false), in, null));
            for (double p : new double[] {1, 2, 2.5, 3, Double.POSITIVE_INFINITY}) {
                c.add(new Case("lp_pool2d", Map.of("norm_type", p, "kernel_size", 3, "stride", 2), in, null));
            }
            c.add(new Case("adaptive_avg_pool2d", Map.of("output_size", List.of(1, 1)), in, null));
            c.add(new Case("adaptive_avg_pool2d", Map.of("output_size", List.of(3, 4)), in, null));
            c.add(new Case("adaptive_max_pool2d", Map.of("output_size", List.of(3, 4), "return_indices", true), in, null));
            c.add(new Case("fractional_max_pool2d", Map.of("kernel_size", 2, "output_ratio", List.of(0.6, 0.7), "seed", 3L,
                    "return_indices", true), in, null));
        }
        int[] volume = {2, 8, 6, 9, 10};
        c.add(new Case("max_pool3d", Map.of("kernel_size", 2, "return_indices", true), volume, null));
        c.add(new Case("avg_pool3d", Map.of("kernel_size", 3, "stride", 1, "padding", 1), volume, null));
        c.add(new Case("adaptive_avg_pool3d", Map.of("output_size", List.of(1, 1, 1)), volume, null));
        c.add(new Case("lp_pool1d", Map.of("norm_type", 3, "kernel_size", 3, "stride", 2), new int[] {4, 16, 41}, null));
        // convolutions: the GEMM (3x3, strided, 1x1), Winograd's shape, depthwise, small-channel and grouped paths
        c.add(new Case("conv2d", Map.of("padding", 1), new int[] {4, 32, 19, 17}, new int[] {24, 32, 3, 3}));
        c.add(new Case("conv2d", Map.of("padding", 1, "stride", 2), new int[] {4, 32, 19, 17}, new int[] {24, 32, 3, 3}));
        c.add(new Case("conv2d", Map.of(), new int[] {4, 40, 15, 15}, new int[] {16, 40, 1, 1}));
        c.add(new Case("conv2d", Map.of("padding", 1, "groups", 32), new int[] {4, 32, 21, 19}, new int[] {32, 1, 3, 3}));
        c.add(new Case("conv2d", Map.of("padding", 2, "stride", 2, "groups", 16), new int[] {4, 16, 21, 19}, new int[] {16, 1, 5, 5}));
        c.add(new Case("conv2d", Map.of("padding", 2), new int[] {8, 1, 28, 28}, new int[] {6, 1, 5, 5}));
        c.add(new Case("conv2d", Map.of(), new int[] {8, 6, 14, 14}, new int[] {16, 6, 5, 5}));
        c.add(new Case("conv2d", Map.of("padding", 1, "groups", 4), new int[] {4, 32, 14, 14}, new int[] {32, 8, 3, 3}));
        c.add(new Case("conv1d", Map.of("padding", 1), new int[] {4, 16, 50}, new int[] {8, 16, 3}));
        c.add(new Case("conv_transpose2d", Map.of("stride", 2, "padding", 1), new int[] {4, 16, 9, 9}, new int[] {16, 8, 3, 3}));
        return c;
    }

    private record Results(List<float[]> floats, long[] indices) {
    }

    private static Results run(Case c) {
        Random r = new Random(c.toString().hashCode());
        Op op = Catalogue.require(c.op);
        Params params = op.params(c.params);
        Operands in = c.weight == null ? Operands.of("input", random(r, c.input))
                : Operands.of("input", random(r, c.input), "weight", random(r, c.weight));
        Forward f = op.forward(in, params);
        List<float[]> floats = new ArrayList<>();
        floats.add(f.output().data().clone());
        floats.add(op.infer(in, params).data().clone());
        Gradients g = f.backward(random(r, f.output().shape()));
        for (String name : List.of("input", "weight")) {
            if (g.asMap().containsKey(name)) {
                floats.add(g.get(name).data().clone());
            }
        }
        return new Results(floats, f.indices() == null ? null : f.indices().data().clone());
    }

    private static Tensor random(Random r, int... shape) {
        float[] data = new float[(int) Shape.numel(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) r.nextGaussian();
        }
        return Tensor.wrap(data, shape);
    }

    @TestFactory
    Stream<DynamicTest> garbageInTheResultArraysNeverShowsThrough() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            Results fresh = run(c);
            Results dirty;
            try (Storage.Scope scope = Storage.use(GARBAGE)) {
                dirty = run(c);
            }
            assertSame(c, fresh, dirty);
        }));
    }

    @TestFactory
    Stream<DynamicTest> recycledArraysGiveTheSameBits() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            Results fresh = run(c);
            Storage.Recycler recycler = new Storage.Recycler();
            try (Storage.Scope scope = Storage.use(recycler)) {
                run(c);
                Results first = run(c);
                recycler.reclaim();
                // the arrays of the two calls above hold real results now, and are handed out again
                Results second = run(c);
                assertSame(c, fresh, first);
                assertSame(c, fresh, second);
            }
        }));
    }

    private static void assertSame(Case c, Results expected, Results actual) {
        assertThat(actual.floats).as("%s: result count", c).hasSameSizeAs(expected.floats);
        for (int i = 0; i < expected.floats.size(); i++) {
            float[] e = expected.floats.get(i);
            float[] a = actual.floats.get(i);
            assertThat(a.length).as("%s: result %d length", c, i).isEqualTo(e.length);
            for (int j = 0; j < e.length; j++) {
                if (Float.floatToRawIntBits(e[j]) != Float.floatToRawIntBits(a[j])) {
                    throw new AssertionError(c + ": result " + i + " (output, inference output, then input and weight "
                            + "gradients) differs at " + j + ": " + e[j] + " fresh, " + a[j] + " from the source");
                }
            }
        }
        assertThat(actual.indices).as("%s: indices", c).isEqualTo(expected.indices);
    }
}
