import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.tensor.Storage;
import dev.convkit.core.tensor.Tensor;
import java.lang.management.*;
import java.util.*;

/**
 * A conv layer's forward and backward as the training step calls them (Conv.run with a bias, then
 * ConvForward.gradients: input gradient, weight gradient, bias gradient in a row), WARM warm-up calls, then REPS
 * calls: fastest and median of the wall clock, the summed thread CPU of the caller and the pool, and the busiest
 * thread's CPU, per pass. ConvCpuTime times each pass alone, this the layer's backward as one call.
 * <pre>
 * java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp convkit.jar \
 *     bench/c2i51/BackwardCpuTime.java THREADS WARM REPS id:N:Cin:HW:Cout:K:padding
 * </pre>
 */
public class BackwardCpuTime {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] a) {
        int threads = Integer.parseInt(a[0]);
        int warm = Integer.parseInt(a[1]);
        int reps = Integer.parseInt(a[2]);
        Parallel.setThreads(threads);
        String[] f = a[3].split(":");
        int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), co = Integer.parseInt(f[4]), k = Integer.parseInt(f[5]);
        ConvOptions o = ConvOptions.conv2d().padding(Integer.parseInt(f[6]));
        Random r = new Random(1);
        Tensor x = Tensor.wrap(gauss(r, n * c * h * h), n, c, h, h);
        Tensor w = Tensor.wrap(gauss(r, co * c * k * k), co, c, k, k);
        Tensor b = Tensor.wrap(gauss(r, co), co);
        int oh = h + 2 * Integer.parseInt(f[6]) - k + 1;
        Tensor dy = Tensor.wrap(gauss(r, n * co * oh * oh), n, co, oh, oh);
        Storage.Recycler rec = new Storage.Recycler();
        try (Storage.Scope scope = Storage.use(rec)) {
            ConvForward[] fwd = new ConvForward[1];
            for (int i = 0; i < warm; i++) {
                rec.reclaim();
                fwd[0] = Conv.run(x, w, b, o);
                fwd[0].gradients(dy);
            }
            long[] ids = threads > 1 ? poolThreads() : new long[] {Thread.currentThread().threadId()};
            double[][] fw = new double[3][reps], bw = new double[3][reps];
            for (int i = 0; i < reps; i++) {
                rec.reclaim();
                time(ids, () -> fwd[0] = Conv.run(x, w, b, o), fw, i);
                time(ids, () -> fwd[0].gradients(dy), bw, i);
            }
            System.out.printf(Locale.ROOT, "%dt %s warm %d reps %d  fwd %s  bwd %s%n", threads, f[0], warm, reps, summary(fw), summary(bw));
        }
    }

    static void time(long[] ids, Runnable call, double[][] into, int i) {
        long[] before = new long[ids.length];
        for (int t = 0; t < ids.length; t++) before[t] = Math.max(0, CPU.getThreadCpuTime(ids[t]));
        long t0 = System.nanoTime();
        call.run();
        into[0][i] = (System.nanoTime() - t0) / 1e6;
        long sum = 0, one = 0;
        for (int t = 0; t < ids.length; t++) {
            long d = Math.max(0, CPU.getThreadCpuTime(ids[t])) - before[t];
            sum += d;
            one = Math.max(one, d);
        }
        into[1][i] = sum / 1e6;
        into[2][i] = one / 1e6;
    }

    /** wall / summed CPU / busiest thread: fastest and median each. */
    static String summary(double[][] m) {
        StringBuilder s = new StringBuilder();
        String[] names = {"wall", "cpu", "max"};
        for (int q = 0; q < 3; q++) {
            double[] v = m[q].clone();
            Arrays.sort(v);
            s.append(String.format(Locale.ROOT, "%s %.3f/%.3f ", names[q], v[0], v[v.length / 2]));
        }
        return s.toString().trim();
    }

    static float[] gauss(Random r, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (float) r.nextGaussian();
        return v;
    }

    /** The calling thread and the kernels' pool threads (named convkit-*), started by the warm-up. */
    static long[] poolThreads() {
        List<Long> ids = new ArrayList<>(List.of(Thread.currentThread().threadId()));
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("convkit-")) ids.add(t.threadId());
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }
}
