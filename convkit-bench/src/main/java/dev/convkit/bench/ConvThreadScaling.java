package dev.convkit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.convkit.core.conv.ConvDispatch;
import dev.convkit.core.conv.ConvGeometry;
import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * How each pass of a suite's convolutions scales from one thread to two: the fastest call's wall time,
 * the CPU time of all threads during that call, and the bytes it allocated, in alternating rounds
 * (1 thread, 2 threads, 1 thread, ...). The CPU-time ratio separates the two ways of not scaling: near
 * 1.0, the second thread does no extra work and a short wall-clock speedup is waiting (serial parts,
 * imbalance, or other processes on a loaded machine); well above 1.0, the threads slow each other down
 * (shared cache, memory bandwidth) or repeat work. Honours {@code -Dconvkit.winograd=off}.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp convkit-bench/target/benchmarks.jar dev.convkit.bench.ConvThreadScaling bench/suite.json [rounds]
 * </pre>
 */
public final class ConvThreadScaling {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final String[] PASSES = {"forward", "input gradient", "weight gradient"};

    private ConvThreadScaling() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode suite = new ObjectMapper().readTree(new File(args.length > 0 ? args[0] : "bench/suite.json"));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        KernelProvider provider = KernelProvider.panama() != null ? KernelProvider.panama() : KernelProvider.scalar();
        ConvDispatch dispatch = new ConvDispatch(provider, ConvDispatch.DEFAULT_SMALL_MACS,
                !"off".equals(System.getProperty("convkit.winograd")));
        int before = Parallel.threads();
        System.out.println("kernels " + provider.name() + ", Winograd " + (dispatch.winograd() ? "on" : "off")
                + "; fastest call of " + rounds + " alternating rounds of 5 calls per thread count");
        System.out.println("| shape | pass | path | wall ms 1t | wall ms 2t | speedup | CPU ms 1t | CPU ms 2t | CPU 2t / 1t"
                + " | MB allocated per call |");
        System.out.println("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        try {
            for (JsonNode s : suite.path("conv2d")) {
                ConvGeometry g = WinogradError.geometry(s);
                float[][] operands = WinogradError.gaussianOperands(g);
                float[] image = operands[0];
                float[] weight = operands[1];
                float[] response = operands[2];
                Runnable[] calls = {() -> dispatch.correlate(g, image, weight), () -> dispatch.scatter(g, response, weight),
                    () -> dispatch.weightGradient(g, image, response)};
                ConvDispatch.Pass[] passes = ConvDispatch.Pass.values();
                for (int p = 0; p < calls.length; p++) {
                    long[][] best = {{Long.MAX_VALUE, 0, 0}, {Long.MAX_VALUE, 0, 0}};
                    for (int round = 0; round < rounds; round++) {
                        for (int t = 1; t <= 2; t++) {
                            Parallel.setThreads(t);
                            fastest(calls[p], best[t - 1]);
                        }
                    }
                    System.out.printf(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %.2fx | %.2f | %.2f | %.2f | %.1f |%n",
                            s.path("id").asText(), PASSES[p], dispatch.path(g, passes[p]), best[0][0] / 1e6,
                            best[1][0] / 1e6, (double) best[0][0] / best[1][0], best[0][1] / 1e6, best[1][1] / 1e6,
                            (double) best[1][1] / best[0][1], best[0][2] / 1e6);
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** Five calls (the first warms up the pool's threads); keeps {wall, CPU, allocated} of the fastest. */
    private static void fastest(Runnable call, long[] best) {
        call.run();
        for (int i = 0; i < 5; i++) {
            long cpu = cpuOfAllThreads();
            long allocated = HeapAllocation.allThreads();
            long t = System.nanoTime();
            call.run();
            long wall = System.nanoTime() - t;
            if (wall < best[0]) {
                best[0] = wall;
                best[1] = cpuOfAllThreads() - cpu;
                best[2] = HeapAllocation.allThreads() - allocated;
            }
        }
    }

    private static long cpuOfAllThreads() {
        long sum = 0;
        for (long id : THREADS.getAllThreadIds()) {
            sum += Math.max(0, THREADS.getThreadCpuTime(id));
        }
        return sum;
    }
}
