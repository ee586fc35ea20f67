import java.lang.management.ManagementFactory;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * gap57: does a global average's read of a call's input (the same array every call, as the bench does) go faster as
 * several streams? "sK" sums every float into 4 accumulators reading K equal parts of the array interleaved (K streams,
 * one vector of each in turn), the loads alone (wrong results, a floor). Thread CPU, fastest of CALLS, forms
 * alternating in one JVM.
 * Usage: java --add-modules jdk.incubator.vector -cp DIR StreamFloor FLOATS CALLS ROUNDS [K...]
 */
public class StreamFloor {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static final int L = 16;
    static float sink;

    static float stream(float[] in, int n, int k) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int part = (n / k) / (4 * L) * (4 * L);
        if (k == 1) {
            for (int i = 0; i < part; i += 4 * L) {
                a0 = a0.add(FloatVector.fromArray(S, in, i));
                a1 = a1.add(FloatVector.fromArray(S, in, i + L));
                a2 = a2.add(FloatVector.fromArray(S, in, i + 2 * L));
                a3 = a3.add(FloatVector.fromArray(S, in, i + 3 * L));
            }
        } else if (k == 2) {
            for (int i = 0; i < part; i += 2 * L) {
                a0 = a0.add(FloatVector.fromArray(S, in, i));
                a1 = a1.add(FloatVector.fromArray(S, in, i + L));
                a2 = a2.add(FloatVector.fromArray(S, in, part + i));
                a3 = a3.add(FloatVector.fromArray(S, in, part + i + L));
            }
        } else if (k == 4) {
            for (int i = 0; i < part; i += L) {
                a0 = a0.add(FloatVector.fromArray(S, in, i));
                a1 = a1.add(FloatVector.fromArray(S, in, part + i));
                a2 = a2.add(FloatVector.fromArray(S, in, 2 * part + i));
                a3 = a3.add(FloatVector.fromArray(S, in, 3 * part + i));
            }
        } else if (k == 8) {
            for (int i = 0; i < part; i += L) {
                a0 = a0.add(FloatVector.fromArray(S, in, i)).add(FloatVector.fromArray(S, in, 4 * part + i));
                a1 = a1.add(FloatVector.fromArray(S, in, part + i)).add(FloatVector.fromArray(S, in, 5 * part + i));
                a2 = a2.add(FloatVector.fromArray(S, in, 2 * part + i)).add(FloatVector.fromArray(S, in, 6 * part + i));
                a3 = a3.add(FloatVector.fromArray(S, in, 3 * part + i)).add(FloatVector.fromArray(S, in, 7 * part + i));
            }
        } else if (k == -1) {
            // descending, one stream
            for (int i = part - 4 * L; i >= 0; i -= 4 * L) {
                a0 = a0.add(FloatVector.fromArray(S, in, i));
                a1 = a1.add(FloatVector.fromArray(S, in, i + L));
                a2 = a2.add(FloatVector.fromArray(S, in, i + 2 * L));
                a3 = a3.add(FloatVector.fromArray(S, in, i + 3 * L));
            }
        }
        return a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    }

    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]);
        int calls = Integer.parseInt(a[1]);
        int rounds = Integer.parseInt(a[2]);
        int[] ks = new int[a.length - 3];
        for (int i = 3; i < a.length; i++) ks[i - 3] = Integer.parseInt(a[i]);
        float[] in = new float[n];
        Random r = new Random(1);
        for (int i = 0; i < n; i++) in[i] = (float) r.nextGaussian();
        var cpu = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (int k : ks) {
                double best = 1e9;
                for (int c = 0; c < calls; c++) {
                    long c0 = cpu.getCurrentThreadCpuTime();
                    sink += stream(in, n, k);
                    best = Math.min(best, (cpu.getCurrentThreadCpuTime() - c0) / 1e6);
                }
                line.append(String.format(" s%d %.4f ms (%.1f GB/s)", k, best, n * 4e-6 / best));
            }
            System.out.println(line);
        }
    }
}
