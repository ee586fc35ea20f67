package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * dwn20's kernels of the stride-2 depthwise phase planes on every provider, called directly (the scalar provider's
 * depthwise rows never reach them through the dispatch): {@link VectorOps#depthwiseTapRowSums} close to each tap's
 * dot in double and added to its slot, at spans under a vector, at whole vectors and past them (the moved-back tail),
 * over one image and several; {@link VectorOps#splitPhaseRows} moving exactly each row's columns to their phase, every
 * other float untouched, at widths 1-40, near the ends of both arrays.
 */
class PhasePlaneKernelsTest {
    @Test
    void tapRowSumsAddEachTapsDotOverTheImages() {
        SplittableRandom random = new SplittableRandom(20);
        float[] y = randoms(random, 900);
        float[] x = randoms(random, 1600);
        for (KernelProvider provider : Providers.all()) {
            VectorOps ops = provider.vectorOps();
            for (int k = 3; k <= 5; k += 2) {
                int[] kernelRows = new int[k];
                int[] tapColumns = new int[k];
                for (int i = 0; i < k; i++) {
                    kernelRows[i] = i % 2 * 200 + i / 2 * 13;
                    tapColumns[i] = i % 2 * 90 + i / 2;
                }
                for (int span : new int[] {1, 7, 15, 16, 17, 32, 33, 47, 196}) {
                    for (int images = 1; images <= 3; images++) {
                        double[] sums = new double[k * k + 2];
                        Arrays.fill(sums, 0.5);
                        ops.depthwiseTapRowSums(y, 3, 230, span, x, 5, 470, images, kernelRows, tapColumns, k, sums, 1);
                        String what = provider.name() + " k=" + k + " span=" + span + " images=" + images;
                        assertThat(sums[0]).as(what + ": writes only its slots").isEqualTo(0.5);
                        assertThat(sums[k * k + 1]).as(what + ": writes only its slots").isEqualTo(0.5);
                        for (int t = 0; t < k * k; t++) {
                            double exact = 0;
                            double magnitude = 0;
                            for (int i = 0; i < images; i++) {
                                int xs = 5 + i * 470 + kernelRows[t / k] + tapColumns[t % k];
                                for (int v = 0; v < span; v++) {
                                    double p = (double) y[3 + i * 230 + v] * x[xs + v];
                                    exact += p;
                                    magnitude += Math.abs(p);
                                }
                            }
                            assertThat(sums[t + 1] - 0.5).as(what + " tap " + t)
                                    .isCloseTo(exact, within(1e-6 * magnitude + 1e-6));
                        }
                    }
                }
            }
        }
    }

    @Test
    void splitPhaseRowsMovesEachRowsColumnsAndNothingElse() {
        SplittableRandom random = new SplittableRandom(21);
        for (KernelProvider provider : Providers.all()) {
            VectorOps ops = provider.vectorOps();
            for (int width = 1; width <= 40; width++) {
                for (int rows = 1; rows <= 5; rows++) {
                    int xStep = 2 * width;
                    int outStep = (width + 1) / 2 + 1;
                    int oddAt = rows * outStep + 3;
                    float[] x = randoms(random, (rows - 1) * xStep + width + 1); // the last row a float from the end
                    float[] out = randoms(random, oddAt + rows * outStep);
                    float[] expected = out.clone();
                    for (int m = 0; m < rows; m++) {
                        for (int c = 0; c < width; c++) {
                            int at = (c % 2 == 0 ? 1 : oddAt) + m * outStep + c / 2;
                            expected[at] = x[1 + m * xStep + c];
                        }
                    }
                    ops.splitPhaseRows(x, 1, xStep, rows, width, out, 1, oddAt, outStep);
                    assertThat(out).as(provider.name() + " width=" + width + " rows=" + rows).containsExactly(expected);
                }
            }
        }
    }

    private static float[] randoms(SplittableRandom random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextDouble(-2, 2);
        }
        return a;
    }
}
