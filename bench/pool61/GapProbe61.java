import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.op.Catalogue;
import dev.convkit.core.op.Op;
import dev.convkit.core.op.Operands;
import dev.convkit.core.op.Params;
import dev.convkit.core.tensor.Storage;
import dev.convkit.core.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.util.*;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * pool61 (from gap58's GapProbe58): "plain8" a plain scalar Java sum (eight float accumulators) over the whole input, and
 * "floor2" the loads alone as two interleaved streams (first and second half); the rest as in gap58.
 * gap58: a global average's call, one thread, forms alternating in one JVM (thread CPU, fastest and median of CALLS):
 * "op" the catalogue op's infer (what the bench times); "tiny" the same op on a 1x1x1x1 input (the call's fixed cost);
 * "kernel" VectorOps.planeMeans over all planes, first to last; "reverse" the same in blocks of BLOCK planes, last block
 * first; "toggle" forward on even calls, reversed blocks on odd ones (each call starts where the last one ended, so
 * the last ~L2 of the input it read is still in L2); "floor" / "floortoggle" the loads alone, forward / alternating.
 * Usage: java --add-modules jdk.incubator.vector -cp JAR GapProbe61.java N C H W CALLS ROUNDS [THREADS [forms...]]
 */
public class GapProbe61 {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int BLOCK = Integer.getInteger("block", 64);
    static float sink;
    static int calls;

    static float floor(float[] in, int from, int to) {
        int L = S.length();
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        for (int i = from; i <= to - 4 * L; i += 4 * L) {
            a0 = a0.add(FloatVector.fromArray(S, in, i));
            a1 = a1.add(FloatVector.fromArray(S, in, i + L));
            a2 = a2.add(FloatVector.fromArray(S, in, i + 2 * L));
            a3 = a3.add(FloatVector.fromArray(S, in, i + 3 * L));
        }
        return a0.add(a1).add(a2).add(a3).lane(0);
    }

    static float plain8(float[] in) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        for (int i = 0; i <= in.length - 8; i += 8) {
            s0 += in[i]; s1 += in[i + 1]; s2 += in[i + 2]; s3 += in[i + 3];
            s4 += in[i + 4]; s5 += in[i + 5]; s6 += in[i + 6]; s7 += in[i + 7];
        }
        return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
    }

    static float floor2(float[] in) {
        int L = S.length();
        int half = (in.length / 2) / (2 * L) * (2 * L);
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        for (int i = 0; i <= half - 2 * L; i += 2 * L) {
            a0 = a0.add(FloatVector.fromArray(S, in, i));
            a1 = a1.add(FloatVector.fromArray(S, in, i + L));
            a2 = a2.add(FloatVector.fromArray(S, in, half + i));
            a3 = a3.add(FloatVector.fromArray(S, in, half + i + L));
        }
        return a0.add(a1).add(a2).add(a3).lane(0);
    }

    static void blocks(VectorOps ops, float[] v, int n, int planes, float[] out, boolean reversed) {
        int blocks = (planes + BLOCK - 1) / BLOCK;
        for (int k = 0; k < blocks; k++) {
            int b = reversed ? blocks - 1 - k : k;
            int from = b * BLOCK, to = Math.min(planes, from + BLOCK);
            ops.planeMeans(v, from * n, n, to - from, n, out, from);
        }
    }

    static float floorBlocks(float[] v, int n, int planes, boolean reversed) {
        int blocks = (planes + BLOCK - 1) / BLOCK;
        float s = 0;
        for (int k = 0; k < blocks; k++) {
            int b = reversed ? blocks - 1 - k : k;
            int from = b * BLOCK, to = Math.min(planes, from + BLOCK);
            s += floor(v, from * n, to * n);
        }
        return s;
    }

    public static void main(String[] a) {
        int nImg = Integer.parseInt(a[0]), c = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), w = Integer.parseInt(a[3]);
        int count = Integer.parseInt(a[4]), rounds = Integer.parseInt(a[5]);
        int threads = a.length > 6 ? Integer.parseInt(a[6]) : 1;
        Parallel.setThreads(threads);
        Storage.Recycler recycler = new Storage.Recycler();
        Storage.use(recycler);
        int planes = nImg * c, n = h * w;
        float[] v = new float[planes * n];
        Random r = new Random(5);
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        Tensor x = Tensor.of(v, new int[] {nImg, c, h, w});
        float[] vx = x.data();
        Op op = Catalogue.require("adaptive_avg_pool2d");
        Params params = op.params(Map.of("output_size", 1));
        Operands in = Operands.of("input", x);
        Operands tinyIn = Operands.of("input", Tensor.of(new float[] {3f}, new int[] {1, 1, 1, 1}));
        VectorOps ops = KernelProvider.panama().vectorOps();
        float[] out = new float[planes];
        dev.convkit.core.window.AxisWindows[] windows = {dev.convkit.core.window.Windows.adaptive(1, 1),
                dev.convkit.core.window.Windows.adaptive(h, 1), dev.convkit.core.window.Windows.adaptive(w, 1)};
        float[] ref = new float[planes];
        ops.planeMeans(vx, 0, n, planes, n, ref, 0);
        var cpu = ManagementFactory.getThreadMXBean();
        String[] forms = a.length > 7 ? Arrays.copyOfRange(a, 7, a.length) : new String[] {"op", "kernel", "toggle", "floor", "floortoggle", "tiny"};
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder(String.format("%dx%dx%dx%d r%d:", nImg, c, h, w, round));
            for (String f : forms) {
                double[] t = new double[count];
                double[] wall = new double[count];
                for (int k = 0; k < count; k++) {
                    recycler.reclaim();
                    boolean odd = (calls++ & 1) == 1;
                    long w0 = System.nanoTime();
                    long c0 = cpu.getCurrentThreadCpuTime();
                    switch (f) {
                        case "op" -> sink += op.infer(in, params).data()[0];
                        case "tiny" -> sink += op.infer(tinyIn, params).data()[0];
                        case "adaptive" -> sink += dev.convkit.core.pool.AdaptivePool.avgForward(x, 2, 1).data()[0];
                        case "engine" -> sink += dev.convkit.core.backend.Backend.active().pool().means(vx, planes,
                                new int[] {1, h, w}, windows, new double[] {n})[0];
                        case "kernel" -> ops.planeMeans(vx, 0, n, planes, n, out, 0);
                        case "reverse" -> blocks(ops, vx, n, planes, out, true);
                        case "toggle" -> blocks(ops, vx, n, planes, out, odd);
                        case "plain8" -> sink += plain8(vx);
                        case "floor2" -> sink += floor2(vx);
                        case "floortoggle" -> sink += floorBlocks(vx, n, planes, odd);
                        default -> sink += floor(vx, 0, vx.length);
                    }
                    t[k] = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
                    wall[k] = (System.nanoTime() - w0) / 1e6;
                }
                if (f.equals("toggle") || f.equals("reverse") || f.equals("kernel")) {
                    if (!Arrays.equals(out, ref)) throw new AssertionError(f + " bits differ");
                }
                Arrays.sort(t);
                Arrays.sort(wall);
                if (threads > 1) {
                    line.append(String.format(" [wall %.4f/%.4f]", wall[0], wall[count / 2]));
                }
                line.append(String.format(" %s %.4f (med %.4f, %.1f GB/s)", f, t[0], t[count / 2], v.length * 4e-6 / t[0]));
            }
            System.out.println(line);
        }
    }
}
