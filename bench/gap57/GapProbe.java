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
 * gap57: where a global average's call goes, one thread, forms alternating in one JVM (thread CPU, fastest and median
 * of CALLS): "op" the catalogue op's infer (what the bench times), "kernel" VectorOps.planeMeans over all planes ("kernelx" on the op's input array: Tensor.of copies), "adaptive" AdaptivePool.avgForward, "engine" the backend pool engine's means
 * (the arithmetic and the loads), "floor" every float summed into four accumulators (the loads alone).
 * Usage: java --add-modules jdk.incubator.vector -cp DIR:JAR GapProbe N C H W CALLS ROUNDS [THREADS [forms...]]
 * At more than one thread "op" also gives the wall time (fastest / median) beside the caller's thread CPU.
 */
public class GapProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static float sink;

    static float floor(float[] in) {
        int L = S.length();
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        for (; i <= in.length - 4 * L; i += 4 * L) {
            a0 = a0.add(FloatVector.fromArray(S, in, i));
            a1 = a1.add(FloatVector.fromArray(S, in, i + L));
            a2 = a2.add(FloatVector.fromArray(S, in, i + 2 * L));
            a3 = a3.add(FloatVector.fromArray(S, in, i + 3 * L));
        }
        return a0.add(a1).add(a2).add(a3).lane(0);
    }

    public static void main(String[] a) {
        int nImg = Integer.parseInt(a[0]), c = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), w = Integer.parseInt(a[3]);
        int calls = Integer.parseInt(a[4]), rounds = Integer.parseInt(a[5]);
        int threads = a.length > 6 ? Integer.parseInt(a[6]) : 1;
        Parallel.setThreads(threads);
        Storage.Recycler recycler = new Storage.Recycler();
        Storage.use(recycler);
        int planes = nImg * c, n = h * w;
        float[] v = new float[planes * n];
        Random r = new Random(5);
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        Tensor x = Tensor.of(v, new int[] {nImg, c, h, w});
        Op op = Catalogue.require("adaptive_avg_pool2d");
        Params params = op.params(Map.of("output_size", 1));
        Operands in = Operands.of("input", x);
        VectorOps ops = KernelProvider.panama().vectorOps();
        float[] out = new float[planes];
        dev.convkit.core.window.AxisWindows[] windows = {dev.convkit.core.window.Windows.adaptive(1, 1),
                dev.convkit.core.window.Windows.adaptive(h, 1), dev.convkit.core.window.Windows.adaptive(w, 1)};
        var cpu = ManagementFactory.getThreadMXBean();
        String[] forms = a.length > 7 ? Arrays.copyOfRange(a, 7, a.length) : new String[] {"op", "kernel", "floor"};
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder(String.format("%dx%dx%dx%d r%d:", nImg, c, h, w, round));
            for (String f : forms) {
                double[] t = new double[calls];
                double[] wall = new double[calls];
                for (int k = 0; k < calls; k++) {
                    recycler.reclaim();
                    long w0 = System.nanoTime();
                    long c0 = cpu.getCurrentThreadCpuTime();
                    switch (f) {
                        case "op" -> sink += op.infer(in, params).data()[0];
                        case "kernel" -> ops.planeMeans(v, 0, n, planes, n, out, 0);
                        case "kernelx" -> ops.planeMeans(x.data(), 0, n, planes, n, out, 0);
                        case "adaptive" -> sink += dev.convkit.core.pool.AdaptivePool.avgForward(x, 2, 1).data()[0];
                        case "engine" -> sink += dev.convkit.core.backend.Backend.active().pool().means(x.data(), planes,
                                new int[] {1, h, w}, windows, new double[] {n})[0];
                        default -> sink += floor(v);
                    }
                    t[k] = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
                    wall[k] = (System.nanoTime() - w0) / 1e6;
                }
                Arrays.sort(t);
                Arrays.sort(wall);
                if (threads > 1) {
                    line.append(String.format(" [wall %.4f/%.4f]", wall[0], wall[calls / 2]));
                }
                line.append(String.format(" %s %.4f (med %.4f, %.1f GB/s)", f, t[0], t[calls / 2], v.length * 4e-6 / t[0]));
            }
            System.out.println(line);
        }
    }
}
