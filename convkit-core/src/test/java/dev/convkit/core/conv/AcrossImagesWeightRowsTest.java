package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.MicroKernel;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.testing.GradientChecker;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * r1x59: {@link FastConv#correlateAcrossImages}' forward with A's rows read in place from the weights (where the
 * backend's {@link MicroKernel#pointwiseWeightGradientInPlace}) has the bits of the same forward on packed weights
 * (the same kernels with that answer false), and stays close to the reference, at one to three threads.
 */
class AcrossImagesWeightRowsTest {

    /** {@code micro} in every method but {@link MicroKernel#pointwiseWeightGradientInPlace}, which answers false. */
    private static MicroKernel packedWeightsOnly(MicroKernel micro) {
        return (MicroKernel) Proxy.newProxyInstance(MicroKernel.class.getClassLoader(), new Class<?>[] {MicroKernel.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("pointwiseWeightGradientInPlace")) {
                        return false;
                    }
                    try {
                        return method.invoke(micro, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * {@link FastConvTest#acrossImagesGeometries} and a few of at most {@value FastConv#WEIGHT_ROWS_MAX_STRIPS} strips:
     * response channels not a multiple of MR, three KC blocks, a last strip at most half full, row blocks.
     */
    private static List<ConvGeometry> geometries() {
        List<ConvGeometry> all = new ArrayList<>(FastConvTest.acrossImagesGeometries());
        // strips counted at NR 32 (AVX-512)
        all.add(geometry(2, 1024, 300, 7, 7));  // 98 columns: 4 strips, 300 rows
        all.add(geometry(3, 520, 1030, 9, 9));  // 243 columns: 8 strips, the last of 19; KC blocks 256 + 256 + 8
        all.add(geometry(2, 600, 64, 10, 10));  // 200 columns: the last strip of 8
        all.add(geometry(4, 512, 1024, 7, 7));  // ResNet's shortcut on the subsampled image
        return all;
    }

    private static ConvGeometry geometry(int batch, int cin, int cout, int h, int w) {
        return new ConvGeometry(batch, 1, cin, cout, new int[] {1, h, w}, new int[] {1, h, w}, new int[] {1, 1, 1},
                new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 0, 0});
    }

    @TestFactory
    List<DynamicTest> weightRowsInPlaceHaveThePackedWeightsBits() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : FastConvTest.providers()) {
            if (!provider.microKernel().pointwiseWeightGradientInPlace()) {
                continue;
            }
            int reached = 0;
            for (ConvGeometry g : geometries()) {
                int strips = (g.batch() * g.responsePlane() + provider.microKernel().nr() - 1) / provider.microKernel().nr();
                if (g.batch() == 1 || !FastConv.weightRowsPay(strips)) {
                    continue;
                }
                reached++;
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g, () -> {
                    FastConv inPlace = new FastConv(provider.microKernel(), provider.vectorOps());
                    FastConv packed = new FastConv(packedWeightsOnly(provider.microKernel()), provider.vectorOps());
                    assertThat(FastConv.acrossImagesPays(new ImageLayout(g, true), g)).as("across the images").isTrue();
                    Random r = new Random(g.responseChannels() * 17L + g.imageChannels());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    int before = Parallel.threads();
                    try {
                        Parallel.setThreads(1);
                        float[] expected = packed.correlate(g, image, weight).clone();
                        FastConvTest.assertClose("correlate", expected, ReferenceConv.correlate(g, image, weight));
                        for (int threads = 1; threads <= 3; threads++) {
                            Parallel.setThreads(threads);
                            assertThat(inPlace.correlate(g, image, weight)).as("%d threads", threads).isEqualTo(expected);
                        }
                    } finally {
                        Parallel.setThreads(before);
                    }
                }));
            }
            // 6 on 32-wide strips (AVX-512), 3-4 on narrower ones: the strip limit counts strips, not columns
            assertThat(reached).as("%s: geometries that read the weight rows in place", provider.name())
                    .isGreaterThanOrEqualTo(3);
        }
        assumeTrue(!tests.isEmpty(), "no backend reads the weight rows in place (the Vector API from JDK 18)");
        return tests;
    }
}
