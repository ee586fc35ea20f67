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
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Winograd against the exact GEMM path on one thread, timed by the thread's CPU time rather than the
 * wall clock, for machines shared with other work: on a machine with more runnable threads than cores,
 * wall-clock medians mostly measure the waiting. Alternating rounds (GEMM, Winograd, GEMM, ...), the
 * fastest call of each side; forward and input gradient of every conv2d shape of a suite that runs
 * Winograd, with the tile it runs (F(4×4, 3×3) or F(2×2, 3×3)). CPU time still includes cache and memory-bandwidth interference from the neighbours.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp convkit-bench/target/benchmarks.jar dev.convkit.bench.WinogradCpuTime bench/suite.json
 * </pre>
 */
public final class WinogradCpuTime {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private WinogradCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode suite = new ObjectMapper().readTree(new File(args.length > 0 ? args[0] : "bench/suite.json"));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Parallel.setThreads(1);
        KernelProvider provider = KernelProvider.panama() != null ? KernelProvider.panama() : KernelProvider.scalar();
        ConvDispatch winograd = new ConvDispatch(provider, 0, true);
        ConvDispatch exact = new ConvDispatch(provider, 0, false);
        System.out.println("kernels " + provider.name() + ", 1 thread, CPU ms (fastest call of " + rounds
                + " alternating rounds of 8 calls)");
        System.out.println("| shape | pass | tile | exact GEMM | Winograd | GEMM / Winograd | Winograd GFLOP/s (direct FLOPs) |");
        System.out.println("|---|---|---|---:|---:|---:|---:|");
        for (JsonNode s : suite.path("conv2d")) {
            ConvGeometry g = WinogradError.geometry(s);
            ConvGeometry flipped = ConvDispatch.flipped(g);
            float[][] operands = WinogradError.gaussianOperands(g);
            float[] image = operands[0];
            float[] weight = operands[1];
            float[] response = operands[2];
            String id = s.path("id").asText();
            if (winograd.path(g, ConvDispatch.Pass.CORRELATE) == ConvDispatch.Path.WINOGRAD) {
                compare(id, "forward", WinogradError.tileName(g), g, rounds, () -> exact.correlate(g, image, weight),
                        () -> winograd.correlate(g, image, weight));
            }
            if (flipped != null && winograd.path(flipped, ConvDispatch.Pass.CORRELATE) == ConvDispatch.Path.WINOGRAD) {
                compare(id, "input gradient", WinogradError.tileName(flipped), g, rounds, () -> exact.scatter(g, response, weight),
                        () -> winograd.scatter(g, response, weight));
            }
        }
    }

    private static void compare(String id, String pass, String tile, ConvGeometry g, int rounds, Runnable exact, Runnable winograd) {
        long bestExact = Long.MAX_VALUE;
        long bestWinograd = Long.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            bestExact = Math.min(bestExact, fastest(exact));
            bestWinograd = Math.min(bestWinograd, fastest(winograd));
        }
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %.2fx | %.0f |%n", id, pass, tile, bestExact / 1e6,
                bestWinograd / 1e6, (double) bestExact / bestWinograd, 2.0 * g.macs() / bestWinograd);
    }

    private static long fastest(Runnable call) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 8; i++) {
            long t = CPU.getCurrentThreadCpuTime();
            call.run();
            best = Math.min(best, CPU.getCurrentThreadCpuTime() - t);
        }
        return best;
    }
}
