import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.tensor.Storage;
import dev.convkit.core.tensor.Tensor;
import java.lang.management.*;
import java.util.*;

/**
 * c2x52, lead 1: a conv layer's forward as the nn layer runs it (Conv.run with a bias) against the bare pass
 * (ConvDispatch.correlate, as bench/ConvCpuTime.java times it), calls of the two interleaved, WARM warm-up calls of
 * each, then the fastest and median calling-thread CPU time of REPS calls each, at one thread; results recycled.
 * <pre>
 * java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp convkit.jar \
 *     bench/c2x52/ForwardBiasCpuTime.java WARM REPS id:N:Cin:HW:Cout:K:padding ...
 * </pre>
 * ALLOC=1: instead, the kB the calling thread allocates a call of each, over REPS calls after the warm-up (boxed vectors
 * show here; run with -Xbatch).
 */
public class ForwardBiasCpuTime {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] a) {
        int warm = Integer.parseInt(a[0]);
        int reps = Integer.parseInt(a[1]);
        Parallel.setThreads(1);
        ConvDispatch d = new ConvDispatch(KernelProvider.panama(), 0);
        Storage.Recycler rec = new Storage.Recycler();
        try (Storage.Scope scope = Storage.use(rec)) {
            for (String s : Arrays.copyOfRange(a, 2, a.length)) {
                String[] f = s.split(":");
                int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), co = Integer.parseInt(f[4]), k = Integer.parseInt(f[5]);
                ConvOptions o = ConvOptions.conv2d().padding(Integer.parseInt(f[6]));
                Random r = new Random(1);
                Tensor x = Tensor.wrap(gauss(r, n * c * h * h), n, c, h, h);
                Tensor w = Tensor.wrap(gauss(r, co * c * k * k), co, c, k, k);
                Tensor b = Tensor.wrap(gauss(r, co), co);
                ConvGeometry g = ConvPlan.resolve(o, x.shape(), w.shape(), b.shape()).geometry();
                if (System.getenv("ALLOC") != null) {
                    System.out.printf(Locale.ROOT, "%s kB a call: layer fwd+bias %.1f bare correlate %.1f%n", f[0],
                            allocated(warm, reps, rec, () -> Conv.run(x, w, b, o)),
                            allocated(warm, reps, rec, () -> d.correlate(g, x.data(), w.data())));
                    continue;
                }
                double[] layer = new double[reps], bare = new double[reps];
                for (int i = 0; i < warm + reps; i++) {
                    rec.reclaim();
                    long t0 = CPU.getCurrentThreadCpuTime();
                    Conv.run(x, w, b, o);
                    long t1 = CPU.getCurrentThreadCpuTime();
                    rec.reclaim();
                    d.correlate(g, x.data(), w.data());
                    long t2 = CPU.getCurrentThreadCpuTime();
                    if (i >= warm) {
                        layer[i - warm] = (t1 - t0) / 1e6;
                        bare[i - warm] = (t2 - t1) / 1e6;
                    }
                }
                Arrays.sort(layer);
                Arrays.sort(bare);
                System.out.printf(Locale.ROOT, "%s layer fwd+bias %.3f/%.3f  bare correlate %.3f/%.3f  (fastest/median ms CPU)%n",
                        f[0], layer[0], layer[reps / 2], bare[0], bare[reps / 2]);
            }
        }
    }

    static double allocated(int warm, int reps, Storage.Recycler rec, Runnable call) {
        com.sun.management.ThreadMXBean bytes = (com.sun.management.ThreadMXBean) CPU;
        for (int i = 0; i < warm; i++) {
            rec.reclaim();
            call.run();
        }
        long before = bytes.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < reps; i++) {
            rec.reclaim();
            call.run();
        }
        return (bytes.getCurrentThreadAllocatedBytes() - before) / 1024.0 / reps;
    }

    static float[] gauss(Random r, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (float) r.nextGaussian();
        return v;
    }
}
