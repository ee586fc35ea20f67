package dev.convkit.core.kernels.panama;

import dev.convkit.core.kernels.KernelProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * small22: {@link PanamaTileTranspose#transpose} against a plain loop: one and two vectors of channels a position
 * (strides of 1 and 2 vectors), full and partial channel counts, positions below, at and past a block (overlapping
 * last blocks), into planes wider than the positions; nothing outside the channels' runs is written.
 */
class PanamaTileTransposeTest {
    @TestFactory
    List<DynamicTest> matchesAPlainLoop() {
        List<DynamicTest> tests = new ArrayList<>();
        int lanes = PanamaTileTranspose.LANES;
        for (int vectors : new int[] {1, 2}) {
            for (int channels : new int[] {1, lanes / 2 + 1, lanes, lanes + 3, 2 * lanes}) {
                if (channels > vectors * lanes) {
                    continue;
                }
                for (int positions : new int[] {lanes - 1, lanes, lanes + 1, 100, 121, 3 * lanes}) {
                    int stride = vectors * lanes;
                    int ch = channels;
                    int pos = positions;
                    tests.add(DynamicTest.dynamicTest(vectors + " vectors, " + ch + " channels, " + pos + " positions", () -> {
                        assumeTrue(KernelProvider.panama() != null, "the Vector API module is absent");
                        Random r = new Random(31L * stride + 7L * ch + pos);
                        float[] tile = new float[pos * stride];
                        for (int i = 0; i < tile.length; i++) {
                            tile[i] = (float) r.nextGaussian();
                        }
                        int offset = 3;
                        int outStride = pos + 5;
                        float[] out = new float[offset + (ch + 1) * outStride];
                        Arrays.fill(out, Float.NaN);
                        float[] expected = out.clone();
                        for (int c = 0; c < ch; c++) {
                            for (int p = 0; p < pos; p++) {
                                expected[offset + c * outStride + p] = tile[p * stride + c];
                            }
                        }
                        PanamaTileTranspose.transpose(tile, stride, pos, ch, out, offset, outStride);
                        assertThat(out).containsExactly(expected);
                    }));
                }
            }
        }
        return tests;
    }

    /**
     * s2b48: {@link PanamaTileTranspose#toStrip} (and the provider's {@code planesToStrip}) against a plain loop:
     * whole blocks of 16 channels and other counts (the scalar loops), positions below, at and past a block (the last
     * block overlapping), strips wider than the channels; nothing else in the strip is written.
     */
    @TestFactory
    List<DynamicTest> stripsMatchAPlainLoop() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int channels : new int[] {16, 32, 48, 17, 5}) {
            for (int positions : new int[] {15, 16, 17, 100, 252}) {
                for (int extra : new int[] {0, 3}) {
                    int ch = channels;
                    int pos = positions;
                    int outStride = ch + extra;
                    tests.add(DynamicTest.dynamicTest(ch + " channels, " + pos + " positions, stride " + outStride, () -> {
                        KernelProvider provider = KernelProvider.panama();
                        assumeTrue(provider != null, "the Vector API module is absent");
                        Random r = new Random(31L * ch + 7L * pos + outStride);
                        int plane = pos + 9;
                        int s = 2;
                        float[] planes = new float[s + ch * plane];
                        for (int i = 0; i < planes.length; i++) {
                            planes[i] = (float) r.nextGaussian();
                        }
                        int offset = 3;
                        float[] out = new float[offset + pos * outStride + 4];
                        Arrays.fill(out, Float.NaN);
                        float[] expected = out.clone();
                        for (int c = 0; c < ch; c++) {
                            for (int p = 0; p < pos; p++) {
                                expected[offset + p * outStride + c] = planes[s + c * plane + p];
                            }
                        }
                        float[] viaOps = out.clone();
                        PanamaTileTranspose.toStrip(planes, s, plane, ch, pos, out, offset, outStride);
                        assertThat(out).containsExactly(expected);
                        provider.vectorOps().planesToStrip(planes, s, plane, ch, pos, viaOps, offset, outStride);
                        assertThat(viaOps).containsExactly(expected);
                    }));
                }
            }
        }
        return tests;
    }
}
