import java.lang.management.*;
import java.lang.reflect.*;
import java.net.*;
import java.util.*;

/**
 * 1x1 convolution passes of two convkit jars alternated call by call in one JVM (gemm9), for a loaded machine:
 * each jar in its own class loader, results recycled as the bench does, 15 warm-up calls each, then R calls each
 * in alternating order; at 1 thread the calling thread's CPU time, at more threads the wall clock. Prints the
 * fastest and the median call of each jar. Public API only (reflection), so any two jars compare:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms3g -Xmn1g bench/gemm9/PointwiseAB.java \
 *     THREADS REPS fwd|scatter|wgrad BEFORE.jar AFTER.jar r1x1-56:8:256:56:64 r1x1-512to128:8:512:14:128
 * </pre>
 * (shape: id:N:Cin:HW:Cout, a 1x1 stride-1 unpadded convolution.)
 */
public class PointwiseAB {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    public static void main(String[] a) throws Exception {
        int threads = Integer.parseInt(a[0]);
        int reps = Integer.parseInt(a[1]);
        String pass = a[2];
        String[] jars = {a[3], a[4]};
        String[] shapes = Arrays.copyOfRange(a, 5, a.length);
        for (String s : shapes) {
            String[] f = s.split(":");
            int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), co = Integer.parseInt(f[4]);
            Runnable[] calls = new Runnable[2];
            for (int j = 0; j < 2; j++) calls[j] = make(jars[j], threads, pass, n, c, h, co);
            long[][] t = new long[2][reps];
            for (int w = 0; w < 15; w++) { calls[0].run(); calls[1].run(); }
            for (int r = 0; r < reps; r++) {
                for (int j0 = 0; j0 < 2; j0++) {
                    int j = (r & 1) == 0 ? j0 : 1 - j0;
                    long t0 = threads == 1 ? CPU.getCurrentThreadCpuTime() : System.nanoTime();
                    calls[j].run();
                    t[j][r] = (threads == 1 ? CPU.getCurrentThreadCpuTime() : System.nanoTime()) - t0;
                }
            }
            for (int j = 0; j < 2; j++) Arrays.sort(t[j]);
            System.out.printf(Locale.ROOT, "%dt %-14s %-7s before best %7.3f med %7.3f | after best %7.3f med %7.3f | best ratio %.2f%n", threads, f[0], pass,
                t[0][0] / 1e6, t[0][reps / 2] / 1e6, t[1][0] / 1e6, t[1][reps / 2] / 1e6, (double) t[0][0] / t[1][0]);
        }
    }
    static Runnable make(String jar, int threads, String pass, int n, int c, int h, int co) throws Exception {
        ClassLoader cl = new URLClassLoader(new URL[] {new java.io.File(jar).toURI().toURL()}, ClassLoader.getPlatformClassLoader());
        Class<?> par = cl.loadClass("dev.convkit.core.kernels.Parallel");
        par.getMethod("setThreads", int.class).invoke(null, threads);
        Class<?> kp = cl.loadClass("dev.convkit.core.kernels.KernelProvider");
        Object p = kp.getMethod("panama").invoke(null);
        Class<?> cd = cl.loadClass("dev.convkit.core.conv.ConvDispatch");
        Object d = cd.getConstructor(kp, long.class, boolean.class).newInstance(p, 0L, true);
        Class<?> co_ = cl.loadClass("dev.convkit.core.conv.ConvOptions");
        Object o = co_.getMethod("conv2d").invoke(null);
        Class<?> plan = cl.loadClass("dev.convkit.core.conv.ConvPlan");
        Method resolve = null;
        for (Method m : plan.getMethods()) if (m.getName().equals("resolve") && m.getParameterCount() == 4) resolve = m;
        Object pl = resolve.invoke(null, o, new int[] {n, c, h, h}, new int[] {co, c, 1, 1}, null);
        Object g = plan.getMethod("geometry").invoke(pl);
        Class<?> gc = cl.loadClass("dev.convkit.core.conv.ConvGeometry");
        Random r = new Random(1);
        float[] x = new float[n * c * h * h], w = new float[co * c], y = new float[n * co * h * h];
        for (float[] t : new float[][] {x, w, y}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
        Method m = pass.equals("fwd") ? cd.getMethod("correlate", gc, float[].class, float[].class)
                : pass.equals("scatter") ? cd.getMethod("scatter", gc, float[].class, float[].class)
                : cd.getMethod("weightGradient", gc, float[].class, float[].class);
        Object[] args = pass.equals("fwd") ? new Object[] {g, x, w} : pass.equals("scatter") ? new Object[] {g, y, w} : new Object[] {g, x, y};
        // results recycled as the bench does
        Class<?> st = cl.loadClass("dev.convkit.core.tensor.Storage");
        Class<?> rec = cl.loadClass("dev.convkit.core.tensor.Storage$Recycler");
        Object recycler = rec.getConstructor().newInstance();
        Class<?> src = cl.loadClass("dev.convkit.core.tensor.Storage$Source");
        st.getMethod("use", src).invoke(null, recycler); // stays installed on this (main) thread
        Method reclaim = rec.getMethod("reclaim");
        return () -> {
            try { reclaim.invoke(recycler); m.invoke(d, args); } catch (Exception e) { throw new RuntimeException(e); }
        };
    }
}
