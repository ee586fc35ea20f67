import jdk.incubator.vector.*;
/**
 * pool17: max3s1p1-28's backward (2048 planes of 28x28, 3x3 windows at stride 1, padding 1) four ways, thread CPU ms,
 * fastest of 400, each checked bit for bit against the scatter. Mode 0: main's scatter {@code grad[idx[o]] += g[o]}
 * (a plane's fill, then the outputs in order); 1: a gather, each column block of an input row summing the 9
 * candidate outputs' selected gradients (compare of indices with the lanes' own, blend, add, in output order), the
 * edge columns scalar; 2: the same with the 3x3 candidates written out and a masked add; 3 and 4: the scatter by pairs,
 * both elements read before either is stored and the second's value taken from the first where they are one element
 * (a ternary; a bit select). -Dskip=true leaves the scalar edge columns out (wrong results: the vector part alone).
 *   javac --add-modules jdk.incubator.vector -d DIR bench/pool17/RouteGather.java
 *   java --add-modules jdk.incubator.vector -XX:+UseParallelGC -cp DIR RouteGather MODE
 */
public class RouteGather {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    static final VectorSpecies<Integer> INT_SPECIES = VectorSpecies.of(int.class, SPECIES.vectorShape());
    static final IntVector LANE = IntVector.fromArray(INT_SPECIES, iota(), 0);
    static final IntVector ZERO_INTS = IntVector.zero(INT_SPECIES);
    static final VectorMask<Float> NO = SPECIES.maskAll(false);
    static int[] iota() { int[] a = new int[LANES]; for (int i = 0; i < LANES; i++) a[i] = i; return a; }
    static int mode;

    /** Modes 1 (masked false) and 2 (masked true): the 3x3 written out with a mask cast, else loops with an int blend. */
    static void plane(int[] indices, float[] g, int outBase, int outWidth, int[] ohLo, int[] ohHi, int cLo, int cHi, int width, float[] grad, int gradBase, boolean masked) {
        int a = Math.max(0, -cLo), b = Math.min(width, outWidth - cHi);
        for (int h = 0; h < ohLo.length; h++) {
            int target = h * width;
            int ohFrom = ohLo[h], ohTo = ohHi[h];
            cols(indices, g, outBase, outWidth, ohFrom, ohTo, cLo, cHi, target, 0, a, grad, gradBase);
            for (int j = a; j < b; j += LANES) {
                int w = Math.min(j, b - LANES);
                IntVector lanes = LANE.add(target + w);
                FloatVector s = FloatVector.zero(SPECIES);
                int at = outBase + ohFrom * outWidth + w;
                if (masked && ohTo - ohFrom == 3 && cLo == -1 && cHi == 1) {
                    for (int k = 0; k < 3; k++, at += outWidth) {
                        s = s.add(FloatVector.fromArray(SPECIES, g, at - 1), IntVector.fromArray(INT_SPECIES, indices, at - 1).compare(VectorOperators.EQ, lanes).cast(SPECIES));
                        s = s.add(FloatVector.fromArray(SPECIES, g, at), IntVector.fromArray(INT_SPECIES, indices, at).compare(VectorOperators.EQ, lanes).cast(SPECIES));
                        s = s.add(FloatVector.fromArray(SPECIES, g, at + 1), IntVector.fromArray(INT_SPECIES, indices, at + 1).compare(VectorOperators.EQ, lanes).cast(SPECIES));
                    }
                } else {
                    for (int oh = ohFrom; oh < ohTo; oh++, at += outWidth) {
                        for (int c = cLo; c <= cHi; c++) {
                            VectorMask<Integer> hit = IntVector.fromArray(INT_SPECIES, indices, at + c).compare(VectorOperators.EQ, lanes);
                            IntVector gi = FloatVector.fromArray(SPECIES, g, at + c).reinterpretAsInts();
                            s = s.lanewise(VectorOperators.ADD, ZERO_INTS.blend(gi, hit).reinterpretAsFloats());
                        }
                    }
                }
                s.blend(s, NO).intoArray(grad, gradBase + target + w);
            }
            cols(indices, g, outBase, outWidth, ohFrom, ohTo, cLo, cHi, target, b, width, grad, gradBase);
        }
    }
    static boolean SKIP = Boolean.getBoolean("skip");
    static void cols(int[] indices, float[] g, int outBase, int outWidth, int ohFrom, int ohTo, int cLo, int cHi, int target, int from, int to, float[] grad, int gradBase) {
        if (SKIP) return;
        for (int w = from; w < to; w++) {
            float s = 0;
            for (int oh = ohFrom; oh < ohTo; oh++) {
                int row = outBase + oh * outWidth;
                for (int ow = Math.max(0, w + cLo), end = Math.min(outWidth - 1, w + cHi); ow <= end; ow++) {
                    if (indices[row + ow] == target + w) s += g[row + ow];
                }
            }
            grad[gradBase + target + w] = s;
        }
    }
    public static void main(String[] x) {
        mode = Integer.parseInt(x[0]);
        int P = 2048, H = 28, W = 28;
        java.util.Random r = new java.util.Random(1);
        float[] in = new float[P*H*W]; for (int i = 0; i < in.length; i++) in[i] = (float) r.nextGaussian();
        int[] idx = new int[P*H*W]; float[] g = new float[P*H*W]; for (int i = 0; i < g.length; i++) g[i] = (float) r.nextGaussian();
        for (int p = 0; p < P; p++) for (int oh = 0; oh < H; oh++) for (int ow = 0; ow < W; ow++) {
            int best = -1; float bv = Float.NEGATIVE_INFINITY;
            for (int i = Math.max(0, oh-1); i <= Math.min(H-1, oh+1); i++) for (int j = Math.max(0, ow-1); j <= Math.min(W-1, ow+1); j++) {
                float v = in[p*H*W + i*W + j]; if (v > bv) { bv = v; best = i*W+j; } }
            idx[p*H*W + oh*W + ow] = best; }
        int[] lo = new int[H], hi = new int[H]; for (int h = 0; h < H; h++) { lo[h] = Math.max(0, h-1); hi[h] = Math.min(H, h+2); }
        float[] grad = new float[P*H*W], ref = new float[P*H*W];
        for (int o = 0; o < idx.length; o++) ref[(o / (H*W)) * H*W + idx[o]] += g[o];
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        double best = 1e9;
        for (int it = 0; it < 400; it++) {
            long t0 = bean.getCurrentThreadCpuTime();
            if (mode == 0) { java.util.Arrays.fill(grad, 0f); for (int p = 0; p < P; p++) { int b = p*H*W; for (int o = b; o < b + H*W; o++) grad[b + idx[o]] += g[o]; } }
            else if (mode == 3) { java.util.Arrays.fill(grad, 0f); for (int p = 0; p < P; p++) { int b = p*H*W; int o = b, end = b + H*W;
                for (; o + 1 < end; o += 2) { int i0 = b + idx[o], i1 = b + idx[o+1]; float a0 = grad[i0], a1 = grad[i1]; float t = a0 + g[o]; float u = (i1 == i0 ? t : a1) + g[o+1]; grad[i0] = t; grad[i1] = u; }
                for (; o < end; o++) grad[b + idx[o]] += g[o]; } }
            else if (mode == 4) { java.util.Arrays.fill(grad, 0f); for (int p = 0; p < P; p++) { int b = p*H*W; int o = b, end = b + H*W;
                for (; o + 1 < end; o += 2) { int i0 = b + idx[o], i1 = b + idx[o+1]; float a0 = grad[i0], a1 = grad[i1]; float t = a0 + g[o]; int m = -(i1 == i0 ? 1 : 0); float sel = Float.intBitsToFloat((Float.floatToRawIntBits(t) & m) | (Float.floatToRawIntBits(a1) & ~m)); float u = sel + g[o+1]; grad[i0] = t; grad[i1] = u; }
                for (; o < end; o++) grad[b + idx[o]] += g[o]; } }
            else if (mode == 2) for (int p = 0; p < P; p++) plane(idx, g, p*H*W, W, lo, hi, -1, 1, W, grad, p*H*W, true);
            else for (int p = 0; p < P; p++) plane(idx, g, p*H*W, W, lo, hi, -1, 1, W, grad, p*H*W, false);
            best = Math.min(best, (bean.getCurrentThreadCpuTime() - t0) / 1e6);
        }
        System.out.println("mode " + mode + " " + best + " ms equal " + java.util.Arrays.equals(grad, ref));
    }
}
