package dev.convkit.core.kernels.panama;

import dev.convkit.core.kernels.MicroKernel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernel on the Vector API: an 8 × (2 vectors) register tile, 8×32 with 512-bit vectors.
 * The species is a {@code static final} constant, as the JIT needs it to be. Loaded only when the
 * jdk.incubator.vector module is present.
 */
public final class PanamaMicroKernel implements MicroKernel {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    static final int MR = 8;
    static final int NR = 2 * LANES;

    /** The vector width in bits, for logs and reports. */
    public static int bits() {
        return SPECIES.vectorBitSize();
    }

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public void multiply(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES);
        FloatVector c61 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES);
        FloatVector c71 = FloatVector.zero(SPECIES);
        int ak = aOff;
        int bk = bOff;
        for (int k = 0; k < kc; k++, ak += MR, bk += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bk);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bk + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[ak]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[ak + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[ak + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[ak + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[ak + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[ak + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, a[ak + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, a[ak + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        // written out inline: a helper taking vectors is not inlined in a method this large, and then
        // C2 boxes the accumulators, ten times slower
        if (accumulate) {
            c00.add(FloatVector.fromArray(SPECIES, c, cOff)).intoArray(c, cOff);
            c01.add(FloatVector.fromArray(SPECIES, c, cOff + LANES)).intoArray(c, cOff + LANES);
            c10.add(FloatVector.fromArray(SPECIES, c, cOff + ldc)).intoArray(c, cOff + ldc);
            c11.add(FloatVector.fromArray(SPECIES, c, cOff + ldc + LANES)).intoArray(c, cOff + ldc + LANES);
            c20.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
            c21.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc + LANES)).intoArray(c, cOff + 2 * ldc + LANES);
            c30.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
            c31.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc + LANES)).intoArray(c, cOff + 3 * ldc + LANES);
            c40.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
            c41.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc + LANES)).intoArray(c, cOff + 4 * ldc + LANES);
            c50.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
            c51.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc + LANES)).intoArray(c, cOff + 5 * ldc + LANES);
            c60.add(FloatVector.fromArray(SPECIES, c, cOff + 6 * ldc)).intoArray(c, cOff + 6 * ldc);
            c61.add(FloatVector.fromArray(SPECIES, c, cOff + 6 * ldc + LANES)).intoArray(c, cOff + 6 * ldc + LANES);
            c70.add(FloatVector.fromArray(SPECIES, c, cOff + 7 * ldc)).intoArray(c, cOff + 7 * ldc);
            c71.add(FloatVector.fromArray(SPECIES, c, cOff + 7 * ldc + LANES)).intoArray(c, cOff + 7 * ldc + LANES);
        } else {
            c00.intoArray(c, cOff);
            c01.intoArray(c, cOff + LANES);
            c10.intoArray(c, cOff + ldc);
            c11.intoArray(c, cOff + ldc + LANES);
            c20.intoArray(c, cOff + 2 * ldc);
            c21.intoArray(c, cOff + 2 * ldc + LANES);
            c30.intoArray(c, cOff + 3 * ldc);
            c31.intoArray(c, cOff + 3 * ldc + LANES);
            c40.intoArray(c, cOff + 4 * ldc);
            c41.intoArray(c, cOff + 4 * ldc + LANES);
            c50.intoArray(c, cOff + 5 * ldc);
            c51.intoArray(c, cOff + 5 * ldc + LANES);
            c60.intoArray(c, cOff + 6 * ldc);
            c61.intoArray(c, cOff + 6 * ldc + LANES);
            c70.intoArray(c, cOff + 7 * ldc);
            c71.intoArray(c, cOff + 7 * ldc + LANES);
        }
    }
}
