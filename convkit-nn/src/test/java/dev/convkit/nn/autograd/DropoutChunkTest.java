package dev.convkit.nn.autograd;

import dev.convkit.core.kernels.VectorOps;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dropout's chunk kernel, the active backend's {@link VectorOps#dropoutMask}, against the scalar form (the loop
 * {@code DropoutMaskKernelTest} checks against a {@link SplittableRandom} drawn in order): the same mask and output,
 * bit for bit, for any length (odd ones too), probability and seed.
 */
class DropoutChunkTest {
    @Property(tries = 200)
    void theChunkKernelDrawsWhatTheScalarFormDraws(@ForAll @IntRange(min = 0, max = 2000) int length,
                                                   @ForAll @IntRange(min = 0, max = 7) int from,
                                                   @ForAll @IntRange(min = 1, max = 999) int perMille,
                                                   @ForAll long seed) {
        double p = perMille / 1000.0;
        int to = from + length;
        float[] x = new float[to];
        SplittableRandom values = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < to; i++) {
            x[i] = (float) (values.nextDouble() * 4 - 2);
        }
        if (to > 0) {
            x[to - 1] = Float.NaN; // passes as NaN times the mask, either way
        }
        float keep = (float) (1 / (1 - p));
        long threshold = (long) Math.ceil(p * 0x1p32);
        float[] expectedMask = new float[to];
        float[] expectedOut = new float[to];
        VectorOps.SCALAR.dropoutMask(x, expectedMask, expectedOut, from, to, seed, threshold, keep);
        float[] mask = new float[to];
        float[] out = new float[to];
        Ops.dropoutChunk(x, mask, out, from, to, seed, threshold, keep);
        assertThat(mask).containsExactly(expectedMask);
        assertThat(out).usingElementComparator((a, b) -> Integer.compare(Float.floatToRawIntBits(a),
                Float.floatToRawIntBits(b))).containsExactly(expectedOut);
    }
}
