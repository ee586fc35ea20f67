import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;
import dev.convkit.core.tensor.Storage;
import java.lang.management.*;
import java.util.*;
import java.util.function.Supplier;

/**
 * box28: kB the calling thread allocates per call of conv passes through ConvDispatch (Panama kernels, one thread),
 * in the order given, in one JVM: WARM calls (and WARM_MS ms), then REPS calls measured. Prints per item the mean kB a call over the
 * REPS calls, the least kB of one call (a pass that boxes when C2-compiled never gets under ~64 kB; one that was only
 * still interpreted / in C1 does once compiled) and the fastest call's thread CPU ms; a pass whose least is over 64 kB
 * is called on until one call is under it ("settled": it was only compiling late) or DEADLINE_S seconds ("BOXED").
 * <pre>
 * java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp JAR:bench/box28/classes AllocSweep \
 *     WARM REPS id:N:Cin:HW:Cout:K:pad:stride:groups/fwd|scatter|wgrad ...
 * </pre>
 * An item without /pass runs all three passes, fwd, scatter, wgrad, in that order.
 */
public class AllocSweep {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    static final com.sun.management.ThreadMXBean BYTES = (com.sun.management.ThreadMXBean) CPU;

    /** Warm-up of at least this many ms of wall clock too (WARM_MS, default 1000): C2 compiles late on a loaded machine. */
    static final long WARM_MS = Long.parseLong(System.getenv().getOrDefault("WARM_MS", "1000"));

    /** A call over this many bytes allocates vectors (the test's bound). */
    static final long BOUND = 64 * 1024;
    /** How long a pass over the bound is called on, seconds (DEADLINE_S, default 30). */
    static final long DEADLINE_S = Long.parseLong(System.getenv().getOrDefault("DEADLINE_S", "30"));

    public static void main(String[] a) {
        int warm = Integer.parseInt(a[0]), reps = Integer.parseInt(a[1]);
        Parallel.setThreads(1);
        ConvDispatch d = new ConvDispatch(KernelProvider.panama(), 0, true);
        List<String> items = new ArrayList<>();
        for (String s : Arrays.copyOfRange(a, 2, a.length)) {
            if (s.contains("/")) items.add(s); else for (String p : new String[] {"fwd", "scatter", "wgrad"}) items.add(s + "/" + p);
        }
        Storage.Recycler rec = new Storage.Recycler();
        try (Storage.Scope scope = Storage.use(rec)) {
            for (String item : items) {
                String s = item.substring(0, item.indexOf('/')), pass = item.substring(item.indexOf('/') + 1);
                String[] f = s.split(":");
                int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), co = Integer.parseInt(f[4]), k = Integer.parseInt(f[5]);
                int groups = Integer.parseInt(f[8]);
                ConvOptions o = ConvOptions.conv2d().padding(Integer.parseInt(f[6])).stride(Integer.parseInt(f[7])).groups(groups);
                ConvGeometry g = ConvPlan.resolve(o, new int[] {n, c, h, h}, new int[] {co, c / groups, k, k}, null).geometry();
                Random r = new Random(1);
                float[] x = new float[g.imageSize()], w = new float[g.weightSize()], y = new float[g.responseSize()];
                for (float[] t : new float[][] {x, w, y}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
                Supplier<float[]> call = pass.equals("fwd") ? () -> d.correlate(g, x, w)
                        : pass.equals("scatter") ? () -> d.scatter(g, y, w) : () -> d.weightGradient(g, x, y);
                long warmEnd = System.nanoTime() + WARM_MS * 1_000_000L;
                for (int i = 0; i < warm || System.nanoTime() < warmEnd; i++) { rec.reclaim(); call.get(); }
                long total = 0, least = Long.MAX_VALUE, fastest = Long.MAX_VALUE;
                for (int i = 0; i < reps; i++) {
                    rec.reclaim();
                    long b0 = BYTES.getCurrentThreadAllocatedBytes(), t0 = CPU.getCurrentThreadCpuTime();
                    call.get();
                    long t = CPU.getCurrentThreadCpuTime() - t0, b = BYTES.getCurrentThreadAllocatedBytes() - b0;
                    total += b; least = Math.min(least, b); fastest = Math.min(fastest, t);
                }
                // a pass still over the bound: called on until one call is under it or DEADLINE_S pass (C2 may
                // still be compiling on a loaded machine; a pass that boxes once compiled never gets under it)
                long t1 = System.nanoTime(), end = t1 + DEADLINE_S * 1_000_000_000L;
                long after = least;
                int more = 0;
                while (after >= BOUND && System.nanoTime() < end) {
                    rec.reclaim();
                    long b0 = BYTES.getCurrentThreadAllocatedBytes();
                    call.get();
                    after = Math.min(after, BYTES.getCurrentThreadAllocatedBytes() - b0);
                    more++;
                }
                String verdict = least < BOUND ? "" : after < BOUND
                        ? String.format(Locale.ROOT, "  settled %.1f kB after %d more calls, %.1f s", after / 1e3, more, (System.nanoTime() - t1) / 1e9)
                        : String.format(Locale.ROOT, "  BOXED: %.1f kB the least of %d more calls, %d s", after / 1e3, more, DEADLINE_S);
                ConvDispatch.Pass p = pass.equals("fwd") ? ConvDispatch.Pass.CORRELATE : pass.equals("scatter") ? ConvDispatch.Pass.SCATTER : ConvDispatch.Pass.WEIGHT_GRADIENT;
                System.out.printf(Locale.ROOT, "%-22s %-7s mean %10.1f least %10.1f kB  %8.3f ms  %s%n", f[0], pass,
                        total / 1e3 / reps, least / 1e3, fastest / 1e6, d.path(g, p) + verdict);
            }
        }
    }
}
