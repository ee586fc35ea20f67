package dev.convkit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.convkit.core.conv.ConvDispatch;
import dev.convkit.core.conv.ConvGeometry;
import dev.convkit.core.conv.ConvOptions;
import dev.convkit.core.conv.ConvPlan;
import dev.convkit.core.conv.ReferenceConv;
import dev.convkit.core.kernels.KernelProvider;

import java.io.File;
import java.io.IOException;
import java.util.Locale;
import java.util.Random;

/**
 * The error of the Winograd path against the double-precision reference loops, on every conv2d shape
 * of the suites whose forward, input gradient or weight gradient runs Winograd, next to the exact GEMM path's error on the
 * same data (standard normal inputs, as torch.randn). Columns: the tile that runs (F(4×4, 3×3) or
 * F(2×2, 3×3)), the largest |error| over the tensor's
 * largest |value|, and the largest error as a share of the conformance tolerance
 * ({@code 1e-5 * max(1, max|exp|) + 1e-4 * |exp|}; above 1 would fail a conformance case).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp convkit-bench/target/benchmarks.jar dev.convkit.bench.WinogradError bench/suite.json bench/convperf-extra.json
 * </pre>
 */
public final class WinogradError {
    private WinogradError() {
    }

    /** Seeded Gaussian image, weight and response arrays for {@code g}, in that order (the timing tools' operands). */
    static float[][] gaussianOperands(ConvGeometry g) {
        Random r = new Random(1);
        float[][] operands = {new float[g.imageSize()], new float[g.weightSize()], new float[g.responseSize()]};
        for (float[] a : operands) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) r.nextGaussian();
            }
        }
        return operands;
    }

    /** The geometry of a bench suite's conv2d entry. */
    static ConvGeometry geometry(JsonNode s) {
        int groups = s.path("groups").asInt(1);
        ConvOptions options = ConvOptions.conv2d().stride(s.get("stride").asInt()).padding(s.get("padding").asInt())
                .groups(groups);
        int[] input = {s.get("N").asInt(), s.get("Cin").asInt(), s.get("H").asInt(), s.get("W").asInt()};
        int k = s.get("K").asInt();
        int[] weightShape = {s.get("Cout").asInt(), input[1] / groups, k, k};
        return ConvPlan.resolve(options, input, weightShape, null).geometry();
    }

    public static void main(String[] args) throws IOException {
        String[] files = args.length > 0 ? args : new String[] {"bench/suite.json"};
        KernelProvider provider = KernelProvider.panama() != null ? KernelProvider.panama() : KernelProvider.scalar();
        ConvDispatch winograd = new ConvDispatch(provider, 0, true);
        ConvDispatch exact = new ConvDispatch(provider, 0, false);
        System.out.println("kernels " + provider.name());
        System.out.println("| shape | pass | tile | Winograd max err / max | exact GEMM max err / max | Winograd err / tolerance |");
        System.out.println("|---|---|---|---:|---:|---:|");
        for (String file : files) {
            for (JsonNode s : new ObjectMapper().readTree(new File(file)).path("conv2d")) {
                table(s, winograd, exact);
            }
        }
    }

    /** The rows of one suite shape: its forward and its input gradient, where they run Winograd. */
    private static void table(JsonNode s, ConvDispatch winograd, ConvDispatch exact) {
        ConvGeometry g = WinogradError.geometry(s);
        ConvGeometry flipped = ConvDispatch.flipped(g);
        boolean forward = winograd.path(g, ConvDispatch.Pass.CORRELATE) == ConvDispatch.Path.WINOGRAD;
        boolean backward = flipped != null
                && winograd.path(flipped, ConvDispatch.Pass.CORRELATE) == ConvDispatch.Path.WINOGRAD;
        boolean weights = winograd.path(g, ConvDispatch.Pass.WEIGHT_GRADIENT) == ConvDispatch.Path.WINOGRAD;
        if (!forward && !backward && !weights) {
            return;
        }
        float[][] operands = gaussianOperands(g);
        float[] image = operands[0];
        float[] weight = operands[1];
        float[] response = operands[2];
        String id = s.path("id").asText();
        if (forward) {
            float[] ref = ReferenceConv.correlate(g, image, weight);
            row(id, "forward", tileName(g), winograd.correlate(g, image, weight), exact.correlate(g, image, weight), ref);
        }
        if (backward) {
            float[] ref = ReferenceConv.scatter(g, response, weight);
            row(id, "input gradient", tileName(flipped), winograd.scatter(g, response, weight),
                    exact.scatter(g, response, weight), ref);
        }
        if (weights) {
            float[] ref = ReferenceConv.weightGradient(g, image, response);
            row(id, "weight gradient", "F(2x2, 3x3)", winograd.weightGradient(g, image, response),
                    exact.weightGradient(g, image, response), ref);
        }
    }

    /** The Winograd tile a correlation over {@code g} runs, as F(m×m, 3×3); stride 2 runs the strided F(2×2, 3×3). */
    static String tileName(ConvGeometry g) {
        if (g.stride()[1] == 2) {
            return "strided F(2x2, 3x3)";
        }
        int m = ConvDispatch.winogradTile(g);
        return "F(" + m + "x" + m + ", 3x3)";
    }

    private static void row(String id, String pass, String tile, float[] winograd, float[] exact, float[] ref) {
        double max = 0;
        for (float v : ref) {
            max = Math.max(max, Math.abs(v));
        }
        double atol = 1e-5 * Math.max(1, max);
        double worstW = 0;
        double worstE = 0;
        double worstShare = 0;
        for (int i = 0; i < ref.length; i++) {
            double errW = Math.abs((double) winograd[i] - ref[i]);
            worstW = Math.max(worstW, errW);
            worstE = Math.max(worstE, Math.abs((double) exact[i] - ref[i]));
            worstShare = Math.max(worstShare, errW / (atol + 1e-4 * Math.abs(ref[i])));
        }
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %.2e | %.2e | %.3f |%n", id, pass, tile, worstW / max, worstE / max, worstShare);
    }
}
