package dev.convkit.core.kernels.panama;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.VectorOps;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * t16p56: the dropout mask's warm-up (a slice in the lanes, the rest in the scalar form) gives the scalar form's bits
 * in every call, through the warm-up, across its end and after it.
 */
class VectorWarmUpTest {
    @Test
    void dropoutMasksKeepTheScalarBitsThroughTheWarmUp() {
        assumeTrue(KernelProvider.panama() != null, "the Vector API module is absent");
        VectorOps ops = KernelProvider.panama().vectorOps();
        Random r = new Random(56);
        int size = 3 * PanamaVectorOps.LANES * 16 + 37; // past a warm-up slice, an odd tail
        float[] x = new float[size + 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        long threshold = (long) Math.ceil(0.25 * 0x1p32);
        float keep = (float) (1 / 0.75);
        PanamaVectorOps.restartWarmUp(true);
        for (int call = 0; call < PanamaVectorOps.DROPOUT_WARM_UP_CALLS + 20; call++) {
            int from = call % 5;
            int to = from + size - call % 3;
            long seed = 0x5DEECE66DL * call;
            float[] mask = new float[x.length];
            float[] out = new float[x.length];
            float[] expectedMask = new float[x.length];
            float[] expectedOut = new float[x.length];
            ops.dropoutMask(x, mask, out, from, to, seed, threshold, keep);
            VectorOps.SCALAR.dropoutMask(x, expectedMask, expectedOut, from, to, seed, threshold, keep);
            assertThat(bits(mask)).as("call %d mask", call).containsExactly(bits(expectedMask));
            assertThat(bits(out)).as("call %d out", call).containsExactly(bits(expectedOut));
        }
    }

    private static int[] bits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Float.floatToRawIntBits(a[i]);
        }
        return b;
    }
}
