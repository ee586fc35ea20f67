import java.lang.management.ManagementFactory;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * pool49: the global average's per-plane reduction (7x7 planes, 16 lanes) in two forms, alternating in one JVM, thread
 * CPU, fastest of CALLS each: "main" is a copy of PanamaVectorOps.sumRowThreeVectorPlanes (three 16-lane loads, the
 * four-step butterfly of 16-lane rearranges); "halves" loads lanes 0-7 and 8-15 as 8-lane vectors, so the butterfly's
 * first step (lane i + lane i ^ 8) is one 8-lane add and its other three steps run on 8 lanes: the same additions in
 * the same order, so the same bits (checked: both print a hash of their results).
 * Usage: java --add-modules jdk.incubator.vector -cp DIR GlobalVariants PLANES CALLS ROUNDS
 */
public class GlobalVariants {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static final VectorSpecies<Float> H = FloatVector.SPECIES_256;
    static final int L = 16;
    static final VectorShuffle<Float> X8 = VectorShuffle.fromOp(S, i -> i ^ 8), X4 = VectorShuffle.fromOp(S, i -> i ^ 4),
            X2 = VectorShuffle.fromOp(S, i -> i ^ 2), X1 = VectorShuffle.fromOp(S, i -> i ^ 1);
    static final VectorShuffle<Float> H4 = VectorShuffle.fromOp(H, i -> i ^ 4), H2 = VectorShuffle.fromOp(H, i -> i ^ 2),
            H1 = VectorShuffle.fromOp(H, i -> i ^ 1);

    static void mainForm(float[] in, int n, int planes, float divisor, float[] out) {
        FloatVector zero = FloatVector.zero(S);
        for (int q = 0, base = 0; q < planes; q++, base += n) {
            FloatVector v = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, base))
                    .lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, base + L))
                    .lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, base + 2 * L));
            v = v.lanewise(VectorOperators.ADD, v.rearrange(X8));
            v = v.lanewise(VectorOperators.ADD, v.rearrange(X4));
            v = v.lanewise(VectorOperators.ADD, v.rearrange(X2));
            v = v.lanewise(VectorOperators.ADD, v.rearrange(X1));
            float s = v.lane(0);
            for (int i = base + 3 * L, end = base + n; i < end; i++) {
                s += in[i];
            }
            out[q] = s / divisor;
        }
    }

    static void halvesForm(float[] in, int n, int planes, float divisor, float[] out) {
        FloatVector zero = FloatVector.zero(H);
        for (int q = 0, base = 0; q < planes; q++, base += n) {
            FloatVector lo = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(H, in, base))
                    .lanewise(VectorOperators.ADD, FloatVector.fromArray(H, in, base + L))
                    .lanewise(VectorOperators.ADD, FloatVector.fromArray(H, in, base + 2 * L));
            FloatVector hi = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(H, in, base + 8))
                    .lanewise(VectorOperators.ADD, FloatVector.fromArray(H, in, base + L + 8))
                    .lanewise(VectorOperators.ADD, FloatVector.fromArray(H, in, base + 2 * L + 8));
            FloatVector v = lo.lanewise(VectorOperators.ADD, hi);
            v = v.lanewise(VectorOperators.ADD, v.rearrange(H4));
            v = v.lanewise(VectorOperators.ADD, v.rearrange(H2));
            v = v.lanewise(VectorOperators.ADD, v.rearrange(H1));
            float s = v.lane(0);
            for (int i = base + 3 * L, end = base + n; i < end; i++) {
                s += in[i];
            }
            out[q] = s / divisor;
        }
    }

    public static void main(String[] a) {
        int planes = Integer.parseInt(a[0]), calls = Integer.parseInt(a[1]), rounds = Integer.parseInt(a[2]);
        int n = 49;
        float[] in = new float[planes * n];
        Random r = new Random(1);
        for (int i = 0; i < in.length; i++) in[i] = (float) (r.nextGaussian() * Math.scalb(1.0, r.nextInt(41) - 20));
        float[] out = new float[planes];
        var cpu = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rounds; round++) {
            for (String form : new String[] {"main", "halves"}) {
                double best = 1e9;
                for (int c = 0; c < calls; c++) {
                    long c0 = cpu.getCurrentThreadCpuTime();
                    if (form.equals("main")) mainForm(in, n, planes, n, out); else halvesForm(in, n, planes, n, out);
                    best = Math.min(best, (cpu.getCurrentThreadCpuTime() - c0) / 1e6);
                }
                int h = 1;
                for (float v : out) h = 31 * h + Float.floatToRawIntBits(v);
                System.out.printf("round %d %-6s %.4f ms (%.2f ns/plane) bits %08x load %s%n", round, form, best,
                        best * 1e6 / planes, h, loadAverage());
            }
        }
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
