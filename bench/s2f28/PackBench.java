import dev.convkit.core.kernels.*;
import java.lang.management.*;
import java.util.*;
import jdk.incubator.vector.*;

/**
 * s2f28: ChannelBlockConv's weight pack alone, thread CPU per pack (fastest of REPS): main's element-by-element loop
 * (a store per float, rows width apart), the same loop with the reduction index outside (contiguous stores),
 * and VectorOps.transposeRows (gathers). usage: java ... PackBench.java COUT K [REPS]
 */
public class PackBench {
    public static void main(String[] a) {
        int cout = Integer.parseInt(a[0]), k = Integer.parseInt(a[1]);
        int reps = a.length > 2 ? Integer.parseInt(a[2]) : 200;
        VectorOps ops = KernelProvider.panama().vectorOps();
        int width = 32;
        int padded = (cout + 15) / 16 * 16;
        float[] w = new float[cout * k];
        Random r = new Random(1);
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        float[] p = new float[padded * k];
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        String[] names = {"main-loop", "i-outer", "gathers", "vec-outer", "arraycopy"};
        int tile = Integer.getInteger("tile", 256);
        int[] map = new int[16];
        for (int j = 0; j < 16; j++) map[j] = j * k;
        float[] src2 = new float[padded * k];
        for (int round = 0; round < 3; round++) {
            for (int v = 0; v < 5; v++) {
                long best = Long.MAX_VALUE;
                for (int rep = 0; rep < reps; rep++) {
                    long t0 = cpu.getCurrentThreadCpuTime();
                    for (int c0 = 0; c0 < cout; c0 += width) {
                        int real = Math.min(width, cout - c0);
                        int base = c0 * k;
                        if (v == 0) {
                            for (int o = 0; o < width; o++) {
                                int co = c0 + o;
                                for (int i = 0; i < k; i++) p[base + i * width + o] = co < cout ? w[co * k + i] : 0f;
                            }
                        } else if (v == 1) {
                            for (int i = 0; i < k; i++) {
                                for (int o = 0; o < real; o++) p[base + i * width + o] = w[base + o * k + i];
                            }
                        } else if (v == 2) {
                            ops.transposeRows(w, base, k, real, k, p, base, width);
                        } else if (v == 3) {
                            for (int i0 = 0; i0 < k; i0 += tile) {
                                int i1 = Math.min(k, i0 + tile);
                                for (int q = 0; q < real; q += 16) {
                                    for (int i = i0; i < i1; i++) {
                                        FloatVector.fromArray(FloatVector.SPECIES_512, w, base + q * k + i, map, 0).intoArray(p, base + i * width + q);
                                    }
                                }
                            }
                        } else {
                            System.arraycopy(src2, base, p, base, width * k);
                        }
                    }
                    best = Math.min(best, cpu.getCurrentThreadCpuTime() - t0);
                }
                System.out.printf(Locale.ROOT, "%d x %d %-10s %.3f ms%n", cout, k, names[v], best / 1e6);
            }
        }
    }
}
