package dev.convkit.core.kernels.panama;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The lane path's transpose out of its position-major tile ({@link PanamaLaneCorrelate}) in registers (small22):
 * 16 positions × 16 channels are loaded as 16 vectors, transposed by four stages of lane swaps (distances 8, 4, 2,
 * 1: a selectFrom and a blend per vector and stage) and stored as 16 channel runs with plain stores. On lenet-c2's
 * 100 × 16 tiles that took 0.025 ms where {@link PanamaChannelLanes#transpose}'s gathers took 0.053 (64 images,
 * thread CPU). Other lane counts, and bands of fewer positions than a vector, keep the gathers; JDK 17, whose C2
 * boxes the lane swaps, takes scalar loops. Data movement only: the bits are the tile's.
 */
final class PanamaTileTranspose {
    static final VectorSpecies<Float> SPECIES = PanamaVectorOps.SPECIES;
    static final int LANES = SPECIES.length();
    /** The block's side: the stages below are written for 16 lanes. */
    private static final int SIDE = 16;
    private static final float[] SWAP_8 = swaps(8);
    private static final float[] SWAP_4 = swaps(4);
    private static final float[] SWAP_2 = swaps(2);
    private static final float[] SWAP_1 = swaps(1);
    private static final boolean[] UPPER_8 = upper(8);
    private static final boolean[] UPPER_4 = upper(4);
    private static final boolean[] UPPER_2 = upper(2);
    private static final boolean[] UPPER_1 = upper(1);

    private PanamaTileTranspose() {
    }

    /** Lane i takes lane i ^ d. */
    private static float[] swaps(int d) {
        float[] a = new float[SIDE];
        for (int i = 0; i < SIDE; i++) {
            a[i] = i ^ d;
        }
        return a;
    }

    /** The lanes whose index has bit d set. */
    private static boolean[] upper(int d) {
        boolean[] a = new boolean[SIDE];
        for (int i = 0; i < SIDE; i++) {
            a[i] = (i & d) != 0;
        }
        return a;
    }

    /**
     * Channel c's plane {@code out[o + c·outStride + p] = tile[p·stride + c]} for c below {@code channels} and the
     * {@code positions} positions, as {@link PanamaChannelLanes#transpose}: blocks of 16 positions × 16 channels,
     * the last block of a row of blocks overlapping the one before (the same values written twice).
     */
    static void transpose(float[] tile, int stride, int positions, int channels, float[] out, int o, int outStride) {
        if (!PanamaVectorOps.MASKED_ACCESS_COMPILED) {
            // JDK 17 boxes the blends and lane swaps (grp27: 150 kB a 169 × 16 tile; box28: lenet-c2's lane forward
            // 6.1 MB a call, still after 876 more calls): the scalar loops, for every caller
            dev.convkit.core.kernels.VectorOps.transposeTileLoops(tile, stride, positions, channels, out, o, outStride);
            return;
        }
        if (LANES != SIDE || positions < SIDE) {
            PanamaChannelLanes.transpose(tile, stride, positions, channels, out, o, outStride);
            return;
        }
        for (int c = 0; c < channels; c += SIDE) {
            int rows = Math.min(SIDE, channels - c);
            for (int p = 0; p < positions; p += SIDE) {
                int q = Math.min(p, positions - SIDE);
                block(tile, q * stride + c, stride, out, o + c * outStride + q, outStride, rows);
            }
        }
    }

    /**
     * grp29: {@link dev.convkit.core.kernels.VectorOps#planesToTile}, {@code out[o + p·channels + c] = planes[s +
     * c·plane + p]}: {@link #toStrip} with the tile's own width as the stride.
     */
    static void fromPlanes(float[] planes, int s, int plane, int channels, int positions, float[] out, int o) {
        toStrip(planes, s, plane, channels, positions, out, o, channels);
    }

    /**
     * Whether {@link #toStrip} runs on register blocks: whole blocks of 16 channels, 16 positions at least, 16 lanes,
     * not on JDK 17 (its lane swaps box).
     */
    static boolean byBlocks(int channels, int positions) {
        return PanamaVectorOps.MASKED_ACCESS_COMPILED && LANES == SIDE && channels % SIDE == 0 && positions >= SIDE;
    }

    /**
     * {@link dev.convkit.core.kernels.VectorOps#planesToStrip}, {@code out[o + p·outStride + c] = planes[s + c·plane +
     * p]}: 16 channels × 16 positions a block by {@link #block} with the roles of positions and channels swapped, the
     * last block of each 16 channels overlapping the one before; the scalar loops where {@link #byBlocks} does not
     * hold. s2b48: the blocks called from this one loop (s2b30's extra boolean-returning hop between the strip loop
     * and the block left c7x7-s2-29's weight gradient boxing the block's lane constants in fresh JDK 25 JVMs).
     */
    static void toStrip(float[] planes, int s, int plane, int channels, int positions, float[] out, int o,
                        int outStride) {
        if (!byBlocks(channels, positions)) {
            dev.convkit.core.kernels.VectorOps.planesToStripLoops(planes, s, plane, channels, positions, out, o,
                    outStride);
            return;
        }
        for (int c = 0; c < channels; c += SIDE) {
            for (int p = 0; p < positions; p += SIDE) {
                int q = Math.min(p, positions - SIDE);
                block(planes, s + c * plane + q, plane, out, o + q * outStride + c, outStride, SIDE);
            }
        }
    }

    /**
     * 16 positions × 16 channels from {@code tile[t + p·stride + c]} to {@code out[o + c·outStride + p]}, the first
     * {@code rows} channels stored (the tile's lanes past the response channels hold zeros, not outputs).
     */
    private static void block(float[] tile, int t, int stride, float[] out, int o, int outStride, int rows) {
        // lane indices as float vectors for selectFrom: shuffles made per call were allocated (320 bytes a block)
        FloatVector swap8 = FloatVector.fromArray(SPECIES, SWAP_8, 0);
        FloatVector swap4 = FloatVector.fromArray(SPECIES, SWAP_4, 0);
        FloatVector swap2 = FloatVector.fromArray(SPECIES, SWAP_2, 0);
        FloatVector swap1 = FloatVector.fromArray(SPECIES, SWAP_1, 0);
        VectorMask<Float> upper8 = VectorMask.fromArray(SPECIES, UPPER_8, 0);
        VectorMask<Float> upper4 = VectorMask.fromArray(SPECIES, UPPER_4, 0);
        VectorMask<Float> upper2 = VectorMask.fromArray(SPECIES, UPPER_2, 0);
        VectorMask<Float> upper1 = VectorMask.fromArray(SPECIES, UPPER_1, 0);
        FloatVector r0 = FloatVector.fromArray(SPECIES, tile, t);
        FloatVector r1 = FloatVector.fromArray(SPECIES, tile, t + 1 * stride);
        FloatVector r2 = FloatVector.fromArray(SPECIES, tile, t + 2 * stride);
        FloatVector r3 = FloatVector.fromArray(SPECIES, tile, t + 3 * stride);
        FloatVector r4 = FloatVector.fromArray(SPECIES, tile, t + 4 * stride);
        FloatVector r5 = FloatVector.fromArray(SPECIES, tile, t + 5 * stride);
        FloatVector r6 = FloatVector.fromArray(SPECIES, tile, t + 6 * stride);
        FloatVector r7 = FloatVector.fromArray(SPECIES, tile, t + 7 * stride);
        FloatVector r8 = FloatVector.fromArray(SPECIES, tile, t + 8 * stride);
        FloatVector r9 = FloatVector.fromArray(SPECIES, tile, t + 9 * stride);
        FloatVector r10 = FloatVector.fromArray(SPECIES, tile, t + 10 * stride);
        FloatVector r11 = FloatVector.fromArray(SPECIES, tile, t + 11 * stride);
        FloatVector r12 = FloatVector.fromArray(SPECIES, tile, t + 12 * stride);
        FloatVector r13 = FloatVector.fromArray(SPECIES, tile, t + 13 * stride);
        FloatVector r14 = FloatVector.fromArray(SPECIES, tile, t + 14 * stride);
        FloatVector r15 = FloatVector.fromArray(SPECIES, tile, t + 15 * stride);
        FloatVector u;
        // distance 8: lanes with bit 8 set trade places with the partner row's lanes without it
        u = r0.blend(swap8.selectFrom(r8), upper8); r8 = swap8.selectFrom(r0).blend(r8, upper8); r0 = u;
        u = r1.blend(swap8.selectFrom(r9), upper8); r9 = swap8.selectFrom(r1).blend(r9, upper8); r1 = u;
        u = r2.blend(swap8.selectFrom(r10), upper8); r10 = swap8.selectFrom(r2).blend(r10, upper8); r2 = u;
        u = r3.blend(swap8.selectFrom(r11), upper8); r11 = swap8.selectFrom(r3).blend(r11, upper8); r3 = u;
        u = r4.blend(swap8.selectFrom(r12), upper8); r12 = swap8.selectFrom(r4).blend(r12, upper8); r4 = u;
        u = r5.blend(swap8.selectFrom(r13), upper8); r13 = swap8.selectFrom(r5).blend(r13, upper8); r5 = u;
        u = r6.blend(swap8.selectFrom(r14), upper8); r14 = swap8.selectFrom(r6).blend(r14, upper8); r6 = u;
        u = r7.blend(swap8.selectFrom(r15), upper8); r15 = swap8.selectFrom(r7).blend(r15, upper8); r7 = u;
        // distance 4: lanes with bit 4 set trade places with the partner row's lanes without it
        u = r0.blend(swap4.selectFrom(r4), upper4); r4 = swap4.selectFrom(r0).blend(r4, upper4); r0 = u;
        u = r1.blend(swap4.selectFrom(r5), upper4); r5 = swap4.selectFrom(r1).blend(r5, upper4); r1 = u;
        u = r2.blend(swap4.selectFrom(r6), upper4); r6 = swap4.selectFrom(r2).blend(r6, upper4); r2 = u;
        u = r3.blend(swap4.selectFrom(r7), upper4); r7 = swap4.selectFrom(r3).blend(r7, upper4); r3 = u;
        u = r8.blend(swap4.selectFrom(r12), upper4); r12 = swap4.selectFrom(r8).blend(r12, upper4); r8 = u;
        u = r9.blend(swap4.selectFrom(r13), upper4); r13 = swap4.selectFrom(r9).blend(r13, upper4); r9 = u;
        u = r10.blend(swap4.selectFrom(r14), upper4); r14 = swap4.selectFrom(r10).blend(r14, upper4); r10 = u;
        u = r11.blend(swap4.selectFrom(r15), upper4); r15 = swap4.selectFrom(r11).blend(r15, upper4); r11 = u;
        // distance 2: lanes with bit 2 set trade places with the partner row's lanes without it
        u = r0.blend(swap2.selectFrom(r2), upper2); r2 = swap2.selectFrom(r0).blend(r2, upper2); r0 = u;
        u = r1.blend(swap2.selectFrom(r3), upper2); r3 = swap2.selectFrom(r1).blend(r3, upper2); r1 = u;
        u = r4.blend(swap2.selectFrom(r6), upper2); r6 = swap2.selectFrom(r4).blend(r6, upper2); r4 = u;
        u = r5.blend(swap2.selectFrom(r7), upper2); r7 = swap2.selectFrom(r5).blend(r7, upper2); r5 = u;
        u = r8.blend(swap2.selectFrom(r10), upper2); r10 = swap2.selectFrom(r8).blend(r10, upper2); r8 = u;
        u = r9.blend(swap2.selectFrom(r11), upper2); r11 = swap2.selectFrom(r9).blend(r11, upper2); r9 = u;
        u = r12.blend(swap2.selectFrom(r14), upper2); r14 = swap2.selectFrom(r12).blend(r14, upper2); r12 = u;
        u = r13.blend(swap2.selectFrom(r15), upper2); r15 = swap2.selectFrom(r13).blend(r15, upper2); r13 = u;
        // distance 1: lanes with bit 1 set trade places with the partner row's lanes without it
        u = r0.blend(swap1.selectFrom(r1), upper1); r1 = swap1.selectFrom(r0).blend(r1, upper1); r0 = u;
        u = r2.blend(swap1.selectFrom(r3), upper1); r3 = swap1.selectFrom(r2).blend(r3, upper1); r2 = u;
        u = r4.blend(swap1.selectFrom(r5), upper1); r5 = swap1.selectFrom(r4).blend(r5, upper1); r4 = u;
        u = r6.blend(swap1.selectFrom(r7), upper1); r7 = swap1.selectFrom(r6).blend(r7, upper1); r6 = u;
        u = r8.blend(swap1.selectFrom(r9), upper1); r9 = swap1.selectFrom(r8).blend(r9, upper1); r8 = u;
        u = r10.blend(swap1.selectFrom(r11), upper1); r11 = swap1.selectFrom(r10).blend(r11, upper1); r10 = u;
        u = r12.blend(swap1.selectFrom(r13), upper1); r13 = swap1.selectFrom(r12).blend(r13, upper1); r12 = u;
        u = r14.blend(swap1.selectFrom(r15), upper1); r15 = swap1.selectFrom(r14).blend(r15, upper1); r14 = u;
        r0.intoArray(out, o);
        if (rows > 1) {
            r1.intoArray(out, o + 1 * outStride);
        }
        if (rows > 2) {
            r2.intoArray(out, o + 2 * outStride);
        }
        if (rows > 3) {
            r3.intoArray(out, o + 3 * outStride);
        }
        if (rows > 4) {
            r4.intoArray(out, o + 4 * outStride);
        }
        if (rows > 5) {
            r5.intoArray(out, o + 5 * outStride);
        }
        if (rows > 6) {
            r6.intoArray(out, o + 6 * outStride);
        }
        if (rows > 7) {
            r7.intoArray(out, o + 7 * outStride);
        }
        if (rows > 8) {
            r8.intoArray(out, o + 8 * outStride);
        }
        if (rows > 9) {
            r9.intoArray(out, o + 9 * outStride);
        }
        if (rows > 10) {
            r10.intoArray(out, o + 10 * outStride);
        }
        if (rows > 11) {
            r11.intoArray(out, o + 11 * outStride);
        }
        if (rows > 12) {
            r12.intoArray(out, o + 12 * outStride);
        }
        if (rows > 13) {
            r13.intoArray(out, o + 13 * outStride);
        }
        if (rows > 14) {
            r14.intoArray(out, o + 14 * outStride);
        }
        if (rows > 15) {
            r15.intoArray(out, o + 15 * outStride);
        }
    }
}
