package dev.convkit.bench;

import dev.convkit.core.conv.ConvDispatch;
import dev.convkit.core.conv.ConvGeometry;
import dev.convkit.core.conv.ConvOptions;
import dev.convkit.core.conv.ConvPlan;
import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/**
 * The three passes of square conv2d shapes, each with the path {@link ConvDispatch} gives it, timed on
 * one thread by the thread's CPU time (the fastest of {@code calls} calls): for a shared, loaded machine,
 * where wall-clock medians measure the waiting. It needs only convkit-core, so the same class times an
 * older core jar too: alternate the jars in fresh JVMs. CPU time still includes the neighbours' cache
 * and memory-bandwidth interference.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp convkit-bench/target/classes:convkit-core/target/convkit-core-0.1.0-SNAPSHOT.jar \
 *     dev.convkit.bench.GemmPathCpuTime 20 r3x3-s2:8,64,56,128,3,2,1,1 r1x1-56:8,256,56,64,1,1,0,1
 * </pre>
 * A shape is {@code id:N,Cin,H(=W),Cout,K,stride,padding,groups}.
 */
public final class GemmPathCpuTime {
    private GemmPathCpuTime() {
    }

    public static void main(String[] args) {
        int calls = Integer.parseInt(args[0]);
        Parallel.setThreads(1);
        KernelProvider provider = KernelProvider.panama() != null ? KernelProvider.panama() : KernelProvider.scalar();
        ConvDispatch dispatch = new ConvDispatch(provider, 0);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        System.out.println("kernels " + provider.name() + ", 1 thread, CPU ms (fastest of " + calls + " calls)");
        for (int a = 1; a < args.length; a++) {
            String id = args[a].substring(0, args[a].indexOf(':'));
            String[] f = args[a].substring(args[a].indexOf(':') + 1).split(",");
            int[] v = new int[8];
            for (int i = 0; i < 8; i++) {
                v[i] = Integer.parseInt(f[i].trim());
            }
            ConvGeometry g = ConvPlan.resolve(ConvOptions.conv2d().stride(v[5]).padding(v[6]).groups(v[7]),
                    new int[] {v[0], v[1], v[2], v[2]}, new int[] {v[3], v[1] / v[7], v[4], v[4]}, null).geometry();
            Random r = new Random(1);
            float[] image = random(r, g.imageSize());
            float[] weight = random(r, g.weightSize());
            float[] response = random(r, g.responseSize());
            StringBuilder line = new StringBuilder(String.format("%-14s", id));
            for (ConvDispatch.Pass pass : ConvDispatch.Pass.values()) {
                double best = Double.MAX_VALUE;
                for (int i = 0; i < calls; i++) {
                    long t0 = cpu.getCurrentThreadCpuTime();
                    switch (pass) {
                        case CORRELATE -> dispatch.correlate(g, image, weight);
                        case SCATTER -> dispatch.scatter(g, response, weight);
                        default -> dispatch.weightGradient(g, image, response);
                    }
                    best = Math.min(best, (cpu.getCurrentThreadCpuTime() - t0) / 1e6);
                }
                line.append(String.format("  %s %-8s %7.3f", pass.name().toLowerCase(java.util.Locale.ROOT),
                        dispatch.path(g, pass), best));
            }
            System.out.println(line);
        }
    }

    private static float[] random(Random r, int size) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = r.nextFloat() - 0.5f;
        }
        return a;
    }
}
