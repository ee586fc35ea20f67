package dev.convkit.nn.autograd;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.MicroKernel;
import dev.convkit.core.kernels.Parallel;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The linear layer's GEMM on each micro-kernel (scalar, and the Vector API one where present) against
 * the plain loops, for arbitrary shapes and either operand transposed; and bitwise the same at
 * 1, 2 and 3 threads.
 */
class GemmTest {
    private static List<MicroKernel> kernels() {
        List<MicroKernel> list = new ArrayList<>();
        list.add(KernelProvider.scalar().microKernel());
        KernelProvider panama = KernelProvider.panama();
        if (panama != null) {
            list.add(panama.microKernel());
        }
        return list;
    }

    private static float[] random(SplittableRandom random, int size) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return a;
    }

    /** A (rows × cols) operand, stored row-major or as the transpose of a row-major (cols × rows) matrix. */
    private static Gemm.Matrix operand(float[] data, int rows, int cols, boolean transposed) {
        return transposed ? Gemm.Matrix.transposed(data, rows) : Gemm.Matrix.rows(data, cols);
    }

    @Property(tries = 60)
    void everyMicroKernelMatchesThePlainLoops(@ForAll @IntRange(min = 1, max = 70) int m,
                                              @ForAll @IntRange(min = 1, max = 300) int n,
                                              @ForAll @IntRange(min = 0, max = 600) int k,
                                              @ForAll boolean transposeA, @ForAll boolean transposeB) {
        SplittableRandom random = new SplittableRandom(m * 31L + n * 7L + k);
        Gemm.Matrix a = operand(random(random, m * k), m, k, transposeA);
        Gemm.Matrix b = operand(random(random, k * n), k, n, transposeB);
        for (MicroKernel micro : kernels()) {
            float[] c = random(random, m * n); // stale contents must be overwritten
            Gemm.multiply(micro, m, n, k, a, b, c);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double expected = 0;
                    double scale = 0;
                    for (int kk = 0; kk < k; kk++) {
                        expected += (double) a.at(i, kk) * b.at(kk, j);
                        scale += Math.abs((double) a.at(i, kk) * b.at(kk, j));
                    }
                    assertThat((double) c[i * n + j]).as("%s c[%d][%d], m=%d n=%d k=%d", micro.getClass().getSimpleName(),
                            i, j, m, n, k).isCloseTo(expected, within(Math.max(k, 1) * 1.2e-7 * scale + 1e-30)); // the float sum's error bound
                }
            }
        }
    }

    @Property(tries = 10)
    void theResultDoesNotDependOnTheThreadCount(@ForAll @IntRange(min = 1, max = 130) int m,
                                                @ForAll @IntRange(min = 1, max = 700) int n,
                                                @ForAll @IntRange(min = 1, max = 700) int k) {
        SplittableRandom random = new SplittableRandom(k);
        Gemm.Matrix a = Gemm.Matrix.rows(random(random, m * k), k);
        Gemm.Matrix b = Gemm.Matrix.transposed(random(random, k * n), k);
        int before = Parallel.threads();
        try {
            for (MicroKernel micro : kernels()) {
                float[] expected = null;
                for (int threads = 1; threads <= 3; threads++) {
                    Parallel.setThreads(threads);
                    float[] c = new float[m * n];
                    Gemm.multiply(micro, m, n, k, a, b, c);
                    if (expected == null) {
                        expected = c;
                    } else {
                        assertThat(c).as("%d threads", threads).containsExactly(expected);
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** Linear's forward, x·Wᵀ with W's rows in place and few outputs: the bits of {@link Gemm#multiply}, at 1-3 threads. */
    @Property(tries = 40)
    void theNarrowTransposedProductHasTheGeneralBits(@ForAll @IntRange(min = 1, max = 130) int m,
                                                     @ForAll @IntRange(min = 1, max = 40) int n,
                                                     @ForAll @IntRange(min = 0, max = 700) int k) {
        SplittableRandom random = new SplittableRandom(m * 131L + n * 17L + k);
        float[] a = random(random, m * k);
        float[] b = random(random, n * k);
        int before = Parallel.threads();
        try {
            for (MicroKernel micro : kernels()) {
                float[] expected = new float[m * n];
                Gemm.multiply(micro, m, n, k, Gemm.Matrix.rows(a, k), Gemm.Matrix.transposed(b, k), expected);
                for (int threads = 1; threads <= 3; threads++) {
                    Parallel.setThreads(threads);
                    float[] c = random(random, m * n); // stale contents must be overwritten
                    Gemm.multiplyByNarrowTransposed(micro, m, n, k, a, b, c);
                    assertThat(c).as("%s, %d threads, m=%d n=%d k=%d", micro.getClass().getSimpleName(), threads, m, n, k)
                            .containsExactly(expected);
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** Linear's backward, a·B with B's rows read in place (a plain or transposed): the bits of {@link Gemm#multiply}, at 1-3 threads. */
    @Property(tries = 40)
    void theRowsInPlaceProductHasTheGeneralBits(@ForAll @IntRange(min = 1, max = 70) int m,
                                                @ForAll @IntRange(min = 1, max = 700) int n,
                                                @ForAll @IntRange(min = 0, max = 300) int k,
                                                @ForAll boolean transposeA) {
        SplittableRandom random = new SplittableRandom(m * 37L + n * 11L + k);
        Gemm.Matrix a = operand(random(random, m * k), m, k, transposeA);
        float[] b = random(random, k * n);
        int before = Parallel.threads();
        try {
            for (MicroKernel micro : kernels()) {
                float[] expected = new float[m * n];
                Gemm.multiply(micro, m, n, k, a, Gemm.Matrix.rows(b, n), expected);
                for (int threads = 1; threads <= 3; threads++) {
                    Parallel.setThreads(threads);
                    float[] c = random(random, m * n);
                    Gemm.multiplyRowsInPlace(micro, m, n, k, a, b, c);
                    assertThat(c).as("%s, %d threads, m=%d n=%d k=%d", micro.getClass().getSimpleName(), threads, m, n, k)
                            .containsExactly(expected);
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }
}
