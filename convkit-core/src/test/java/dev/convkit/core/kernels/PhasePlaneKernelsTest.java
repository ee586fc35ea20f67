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
 * other float kept or, within {@link VectorOps#SPLIT_SLACK} after a row, set to zero, at widths 1-40, either phase
 * first, near the ends of both arrays.
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
    void splitPhaseRowsMovesEachRowsColumnsAndAtMostZerosTheSlackAfterThem() {
        SplittableRandom random = new SplittableRandom(21);
        for (KernelProvider provider : Providers.all()) {
            VectorOps ops = provider.vectorOps();
            for (int width = 1; width <= 40; width++) {
                for (int rows = 1; rows <= 5; rows++) {
                    for (boolean oddFirst : new boolean[] {false, true}) {
                        int xStep = 2 * width;
                        int outStep = (width + 1) / 2 + 1;
                        int phase = rows * outStep + VectorOps.SPLIT_SLACK; // a phase's rows, then zeros
                        int evenAt = oddFirst ? phase + 2 : 1;
                        int oddAt = oddFirst ? 1 : phase + 2;
                        float[] x = randoms(random, (rows - 1) * xStep + width + 1); // the last row a float from the end
                        float[] out = randoms(random, 2 * phase + 4); // both phases' slack: the array's last floats
                        for (int at : new int[] {evenAt, oddAt}) {
                            Arrays.fill(out, at + rows * outStep - 1, Math.min(out.length, at + phase), 0f);
                        }
                        float[] before = out.clone();
                        ops.splitPhaseRows(x, 1, xStep, rows, width, out, evenAt, oddAt, outStep);
                        String name = provider.name() + " width=" + width + " rows=" + rows + " oddFirst=" + oddFirst;
                        boolean[] own = new boolean[out.length];
                        for (int m = 0; m < rows; m++) {
                            for (int c = 0; c < width; c++) {
                                int at = (c % 2 == 0 ? evenAt : oddAt) + m * outStep + c / 2;
                                own[at] = true;
                                assertThat(out[at]).as(name + " m=" + m + " c=" + c).isEqualTo(x[1 + m * xStep + c]);
                            }
                        }
                        for (int i = 0; i < out.length; i++) { // the rest kept, or zero up to SPLIT_SLACK past a row
                            if (!own[i] && out[i] != before[i]) {
                                assertThat(out[i]).as(name + " at " + i).isEqualTo(0f);
                                assertThat(afterARow(i, rows, outStep, evenAt, oddAt)).as(name + " at " + i).isTrue();
                            }
                        }
                    }
                }
            }
        }
    }

    /** Whether {@code i} lies within SPLIT_SLACK floats of a row's first float, in either phase. */
    private static boolean afterARow(int i, int rows, int outStep, int evenAt, int oddAt) {
        for (int m = 0; m < rows; m++) {
            for (int at : new int[] {evenAt, oddAt}) {
                int first = at + m * outStep;
                if (i >= first && i < first + outStep + VectorOps.SPLIT_SLACK) {
                    return true;
                }
            }
        }
        return false;
    }

    private static float[] randoms(SplittableRandom random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextDouble(-2, 2);
        }
        return a;
    }
}
