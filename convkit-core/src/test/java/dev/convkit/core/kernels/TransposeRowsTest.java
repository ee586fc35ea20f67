package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * s2f28: {@link VectorOps#transposeRows} against a plain loop on both providers: rows below, at and past a vector
 * (a last vector overlapping the one before), 2-3 vectors and odd counts; one to 700 columns; source rows far apart
 * (a channel-block weight pack's reduction length) and close (the block sums' 16-48 channels), at an offset; output
 * rows wider than the rows; nothing outside the output rows' first {@code rows} floats is written.
 */
class TransposeRowsTest {
    @TestFactory
    List<DynamicTest> matchesAPlainLoop() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            VectorOps ops = provider.vectorOps();
            for (int rows : new int[] {1, 7, 15, 16, 17, 32, 40, 48, 120}) {
                for (int n : new int[] {1, 5, 33, 700}) {
                    for (int gap : new int[] {0, 3, 2304 - 700}) {
                        int stride = n + gap;
                        tests.add(DynamicTest.dynamicTest(provider.name() + " " + rows + " rows × " + n + ", stride "
                                + stride, () -> {
                            Random r = new Random(31L * rows + 7L * n + stride);
                            int base = 5;
                            float[] in = new float[base + rows * stride];
                            for (int i = 0; i < in.length; i++) {
                                in[i] = (float) r.nextGaussian();
                            }
                            int offset = 3;
                            int outStride = rows + 2;
                            float[] out = new float[offset + n * outStride + 4];
                            Arrays.fill(out, Float.NaN);
                            float[] expected = out.clone();
                            for (int i = 0; i < n; i++) {
                                for (int q = 0; q < rows; q++) {
                                    expected[offset + i * outStride + q] = in[base + q * stride + i];
                                }
                            }
                            ops.transposeRows(in, base, stride, rows, n, out, offset, outStride);
                            // Arrays.equals compares the bits (NaN equals NaN); containsExactly boxed 90 k floats a case
                            assertThat(Arrays.mismatch(out, expected)).as("first differing float").isEqualTo(-1);
                        }));
                    }
                }
            }
        }
        return tests;
    }
}
