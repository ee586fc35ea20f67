import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;
import dev.convkit.core.tensor.Storage;
import java.lang.management.*;
import java.util.*;

/**
 * small9: forward (correlate), input gradient (scatter) and weight gradient of plain 2-d convolutions through
 * ConvDispatch, 20 warm-up calls, then the fastest of REPS calls: at 1 thread the calling thread's CPU time, at
 * more threads the wall clock; result arrays recycled; the path of each pass printed. Public API only:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp convkit-cli/target/convkit.jar \
 *     bench/ConvCpuTime.java THREADS REPS [id:N:Cin:HW:Cout:K:padding[:stride[:groups]] ...]
 * </pre>
 * (g4-3x3-28: {@code g4-3x3-28:8:128:28:128:3:1:1:4}.)
 * (ONLY=fwd|scatter|wgrad: that pass alone, timed as above (its fastest call, CPU=1's figures too) after REPS + 20 calls
 * in a row, for a profiler or to see which pass a change moved at a third of the run; HASH=1: the hash of each pass's
 * result, no timing, to compare the bits of two jars; ALLOC=1: kB the calling thread allocates per call of each
 * pass, over REPS calls after the warm-up, at 1 thread: boxed vectors show here; CPU=1 at more threads: also the
 * least CPU time of a call summed over the caller and the pool's threads, to tell duplicated work from idling,
 * and the least largest CPU time of one thread in a call, near the critical path when the threads start together,
 * which a loaded machine leaves readable, for each pass (each the minimum over the calls on its own: the two may
 * come from different calls, so the second is a lower bound; s2t53); FWD_ONLY=1: the timed forward alone, as the other passes would be timed;
 * WINOGRAD_OFF=1: a dispatch with Winograd off, the exact GEMM path, to weigh the two on one shape.)
 */
public class ConvCpuTime {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    public static void main(String[] a) {
        int threads = Integer.parseInt(a[0]);
        int reps = Integer.parseInt(a[1]);
        Parallel.setThreads(threads);
        KernelProvider p = KernelProvider.panama();
        ConvDispatch d = new ConvDispatch(p, 0, System.getenv("WINOGRAD_OFF") == null);
        String[] shapes = a.length > 2 ? Arrays.copyOfRange(a, 2, a.length) : new String[] {
            "c5x5-27:8:32:27:64:5:2", "first-c3-5x5-33:8:3:33:24:5:2", "first-c3-57:8:3:57:16:3:1",
            "lenet-c2:64:6:14:16:5:0", "lenet-odd-15:32:6:15:16:5:0"};
        Storage.Recycler rec = new Storage.Recycler();
        try (Storage.Scope scope = Storage.use(rec)) {
            for (String s : shapes) {
                String[] f = s.split(":");
                int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), co = Integer.parseInt(f[4]), k = Integer.parseInt(f[5]);
                int groups = f.length > 8 ? Integer.parseInt(f[8]) : 1;
                ConvOptions o = ConvOptions.conv2d().padding(Integer.parseInt(f[6]))
                        .stride(f.length > 7 ? Integer.parseInt(f[7]) : 1).groups(groups);
                ConvGeometry g = ConvPlan.resolve(o, new int[] {n, c, h, h}, new int[] {co, c / groups, k, k}, null).geometry();
                Random r = new Random(1);
                float[] x = new float[g.imageSize()], w = new float[g.weightSize()], y = new float[g.responseSize()];
                for (float[] t : new float[][] {x, w, y}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
                if (System.getenv("HASH") != null) {
                    System.out.printf(Locale.ROOT, "%s hashes fwd %08x scatter %08x wgrad %08x%n", f[0],
                            Arrays.hashCode(d.correlate(g, x, w)), Arrays.hashCode(d.scatter(g, y, w)),
                            Arrays.hashCode(d.weightGradient(g, x, y)));
                    continue;
                }
                if (System.getenv("ALLOC") != null) {
                    System.out.printf(Locale.ROOT, "%s kB a call: fwd %.1f scatter %.1f wgrad %.1f%n", f[0],
                            allocated(reps, rec, () -> d.correlate(g, x, w)), allocated(reps, rec, () -> d.scatter(g, y, w)),
                            allocated(reps, rec, () -> d.weightGradient(g, x, y)));
                    continue;
                }
                String only = System.getenv("ONLY");
                if (only != null) {
                    Runnable call = only.equals("fwd") ? () -> d.correlate(g, x, w) : only.equals("scatter") ? () -> d.scatter(g, y, w) : () -> d.weightGradient(g, x, y);
                    // timed as the full run times the pass (fastest call), so one pass's before/after costs a third
                    long t0 = System.nanoTime();
                    double fastest = best(threads, reps, rec, call);
                    System.out.printf(Locale.ROOT, "%dt %-16s %s %7.3f%s   (%d calls %.3f ms each, wall)%n", threads, f[0], only,
                            fastest, summedCpu(threads), reps + 20, (System.nanoTime() - t0) / 1e6 / (reps + 20));
                    continue;
                }
                double fwd = best(threads, reps, rec, () -> d.correlate(g, x, w));
                String fwdCpu = summedCpu(threads);
                if (System.getenv("FWD_ONLY") != null) {
                    System.out.printf(Locale.ROOT, "%dt %-16s fwd %7.3f%s%n", threads, f[0], fwd, fwdCpu);
                    continue;
                }
                double sc = best(threads, reps, rec, () -> d.scatter(g, y, w));
                String scCpu = summedCpu(threads);
                double wg = best(threads, reps, rec, () -> d.weightGradient(g, x, y));
                String wgCpu = summedCpu(threads);
                System.out.printf(Locale.ROOT, "%dt %-16s fwd %7.3f%s  scatter %7.3f%s  wgrad %7.3f%s  bwd %7.3f   [%s %s %s]%n", threads, f[0], fwd, fwdCpu, sc, scCpu, wg, wgCpu, sc + wg,
                    d.path(g, ConvDispatch.Pass.CORRELATE), d.path(g, ConvDispatch.Pass.SCATTER), d.path(g, ConvDispatch.Pass.WEIGHT_GRADIENT));
            }
        }
    }
    static double allocated(int reps, Storage.Recycler rec, Runnable call) {
        com.sun.management.ThreadMXBean bytes = (com.sun.management.ThreadMXBean) CPU;
        for (int i = 0; i < 20; i++) { rec.reclaim(); call.run(); }
        long b0 = bytes.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < reps; i++) { rec.reclaim(); call.run(); }
        return (bytes.getCurrentThreadAllocatedBytes() - b0) / 1e3 / reps;
    }
    static final String SUMMED_CPU = System.getenv("CPU");
    /** The last {@link #best} call's CPU=1 figures, for the pass just timed; empty otherwise. */
    static String summedCpu(int threads) {
        return SUMMED_CPU != null && threads > 1 ? String.format(Locale.ROOT, " (cpu %.3f, max %.3f)", bestCpu, bestMax) : "";
    }

    /** The last {@link #best} call's fastest summed CPU time and fastest largest one thread's, ms (CPU=1, more than one thread). */
    static double bestCpu, bestMax;

    static double best(int threads, int reps, Storage.Recycler rec, Runnable call) {
        for (int i = 0; i < 20; i++) { rec.reclaim(); call.run(); }
        long[] ids = SUMMED_CPU != null && threads > 1 ? poolThreads() : new long[] {Thread.currentThread().getId()};
        long best = Long.MAX_VALUE, bestSum = Long.MAX_VALUE, bestOne = Long.MAX_VALUE;
        long[] before = new long[ids.length];
        for (int i = 0; i < reps; i++) {
            rec.reclaim();
            if (ids.length > 1) cpu(ids, before);
            long t0 = threads == 1 ? CPU.getCurrentThreadCpuTime() : System.nanoTime();
            call.run();
            long t = (threads == 1 ? CPU.getCurrentThreadCpuTime() : System.nanoTime()) - t0;
            best = Math.min(best, t);
            if (ids.length > 1) {
                long sum = 0, one = 0;
                for (int k = 0; k < ids.length; k++) {
                    long d = Math.max(0, CPU.getThreadCpuTime(ids[k])) - before[k];
                    sum += d;
                    one = Math.max(one, d);
                }
                bestSum = Math.min(bestSum, sum);
                bestOne = Math.min(bestOne, one);
            }
        }
        bestCpu = bestSum / 1e6;
        bestMax = bestOne / 1e6;
        return best / 1e6;
    }

    /** The calling thread and the kernels' pool threads (named convkit-*), started by the warm-up. */
    static long[] poolThreads() {
        List<Long> ids = new ArrayList<>(List.of(Thread.currentThread().getId()));
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("convkit-")) ids.add(t.getId());
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    static void cpu(long[] ids, long[] into) {
        for (int k = 0; k < ids.length; k++) into[k] = Math.max(0, CPU.getThreadCpuTime(ids[k]));
    }
}
