package dev.convkit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.backend.Backend;
import dev.convkit.core.conv.Conv;
import dev.convkit.core.conv.ConvOptions;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.op.Catalogue;
import dev.convkit.core.op.Forward;
import dev.convkit.core.op.Op;
import dev.convkit.core.op.Operands;
import dev.convkit.core.op.Params;
import dev.convkit.core.tensor.Tensor;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the benchmark suite ({@code conv2d} and {@code pool2d} shape lists, as bench/suite.json) at
 * one thread count: the median forward and backward time of each shape after warm-up, GFLOP/s and
 * the share of the measured peak for convolutions, GB/s for pools, and the peak heap.
 */
public final class SuiteRunner {
    /** How long to warm up and to measure each direction of each shape, in seconds. */
    public record Timing(double warmup, double measure, int minReps) {
        public static final Timing DEFAULT = new Timing(1.0, 1.0, 5);
    }

    /** The machine line of the report. */
    public record Machine(int threads, double peakGflops, String vector) {
    }

    /** One shape's numbers; fields that do not apply to its kind are null. */
    public record Result(String id, String kind, int threads, double fwdMs, double bwdMs, Double fwdGflops,
                         Double bwdGflops, Double peakShareFwd, Double peakShareBwd, Double fwdGbs, Double bwdGbs,
                         double peakHeapMb) {
    }

    /** The whole run. */
    public record Report(Machine machine, List<Result> results) {
    }

    private final Timing timing;
    private final Consumer<String> progress;

    public SuiteRunner(Timing timing, Consumer<String> progress) {
        this.timing = timing;
        this.progress = progress;
    }

    /** Runs the selected lists of {@code suite} ({@code conv} → conv2d, {@code pool} → pool2d) on {@code threads} threads. */
    public Report run(JsonNode suite, int threads, Set<String> ops) {
        Parallel.setThreads(threads);
        progress.accept("measuring the FMA peak on " + threads + " thread(s)");
        double peak = PeakFlops.measure(threads);
        Machine machine = new Machine(threads, round(peak, 1), Backend.active().provider().name());
        List<Result> results = new ArrayList<>();
        if (ops.contains("conv")) {
            for (JsonNode shape : list(suite, "conv2d")) {
                results.add(conv(shape, threads, peak));
            }
        }
        if (ops.contains("pool")) {
            for (JsonNode shape : list(suite, "pool2d")) {
                results.add(pool(shape, threads));
            }
        }
        return new Report(machine, results);
    }

    private static Iterable<JsonNode> list(JsonNode suite, String key) {
        JsonNode node = suite.get(key);
        if (node == null || !node.isArray()) {
            throw InvalidArgumentException.of("suite: no \"%s\" list", key);
        }
        return node;
    }

    private static int required(JsonNode shape, String key) {
        JsonNode v = shape.get(key);
        if (v == null || !v.canConvertToInt()) {
            throw InvalidArgumentException.of("suite shape %s: \"%s\" must be an integer", shape.path("id").asText("?"), key);
        }
        return v.intValue();
    }

    private static Tensor random(Random r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextFloat() * 2 - 1;
        }
        return t;
    }

    private Result conv(JsonNode shape, int threads, double peak) {
        String id = shape.path("id").asText("?");
        progress.accept("conv " + id);
        int n = required(shape, "N");
        int cin = required(shape, "Cin");
        int h = required(shape, "H");
        int w = required(shape, "W");
        int cout = required(shape, "Cout");
        int k = required(shape, "K");
        int groups = shape.has("groups") ? required(shape, "groups") : 1;
        ConvOptions options = ConvOptions.conv2d().stride(required(shape, "stride")).padding(required(shape, "padding"))
                .groups(groups);
        Random r = new Random(id.hashCode());
        Tensor x = random(r, n, cin, h, w);
        Tensor weight = random(r, cout, cin / groups, k, k);
        Tensor y = Conv.forward(x, weight, null, options);
        Tensor gy = random(r, y.shape());
        double flops = 2.0 * n * cout * y.dim(2) * y.dim(3) * (cin / groups) * k * k;
        resetPeakHeap();
        double fwd = Timer.medianMs(() -> Conv.forward(x, weight, null, options), timing.warmup(), timing.measure(),
                timing.minReps());
        double bwd = Timer.medianMs(() -> Conv.backward(x, weight, Conv.Bias.ABSENT, gy, options), timing.warmup(), timing.measure(),
                timing.minReps());
        double fwdGflops = flops / fwd / 1e6;
        double bwdGflops = 2 * flops / bwd / 1e6;
        return new Result(id, "conv", threads, round(fwd, 4), round(bwd, 4), round(fwdGflops, 1), round(bwdGflops, 1),
                round(fwdGflops / peak, 3), round(bwdGflops / peak, 3), null, null, round(peakHeapMb(), 1));
    }

    private Result pool(JsonNode shape, int threads) {
        String id = shape.path("id").asText("?");
        String op = shape.path("op").asText("");
        progress.accept("pool " + id);
        int n = required(shape, "N");
        int c = required(shape, "C");
        int h = required(shape, "H");
        int w = required(shape, "W");
        Random r = new Random(id.hashCode());
        Tensor x = random(r, n, c, h, w);
        Op pool = Catalogue.require(op);
        Map<String, Object> raw = new LinkedHashMap<>();
        shape.fields().forEachRemaining(f -> {
            if (!SHAPE_KEYS.contains(f.getKey())) {
                raw.put(f.getKey(), PLAIN.convertValue(f.getValue(), Object.class));
            }
        });
        Params params = pool.params(raw);
        Operands in = Operands.of("input", x);
        Tensor y = pool.infer(in, params);
        // max-type backwards read an 8-byte index per output
        boolean usesIndices = pool.family().contains("max");
        Runnable forward = () -> pool.infer(in, params);
        Forward context = pool.forward(in, params);
        Function<Tensor, Runnable> backward = gy -> () -> context.backward(gy);
        Tensor gy = random(r, y.shape());
        resetPeakHeap();
        double fwd = Timer.medianMs(forward, timing.warmup(), timing.measure(), timing.minReps());
        double bwd = Timer.medianMs(backward.apply(gy), timing.warmup(), timing.measure(), timing.minReps());
        double fwdBytes = (x.numel() + y.numel()) * 4.0;
        double bwdBytes = (y.numel() + x.numel()) * 4.0 + (usesIndices ? y.numel() * 8.0 : 0);
        return new Result(id, "pool", threads, round(fwd, 4), round(bwd, 4), null, null, null, null,
                round(fwdBytes / fwd / 1e6, 2), round(bwdBytes / bwd / 1e6, 2), round(peakHeapMb(), 1));
    }

    /** The keys of a suite entry that describe the shape, not the op's parameters. */
    private static final Set<String> SHAPE_KEYS = Set.of("id", "op", "N", "C", "H", "W");
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static double peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / 1048576.0;
    }

    private static double round(double v, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }

    /** The report as the JSON object that {@code convkit bench --json} prints. */
    public static Map<String, Object> toJson(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("threads", report.machine().threads());
        machine.put("peak_gflops", report.machine().peakGflops());
        machine.put("vector", report.machine().vector());
        root.put("machine", machine);
        List<Map<String, Object>> results = new ArrayList<>();
        for (Result r : report.results()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("kind", r.kind());
            m.put("threads", r.threads());
            m.put("fwd_ms", r.fwdMs());
            m.put("bwd_ms", r.bwdMs());
            if (r.kind().equals("conv")) {
                m.put("fwd_gflops", r.fwdGflops());
                m.put("bwd_gflops", r.bwdGflops());
                m.put("peak_share_fwd", r.peakShareFwd());
                m.put("peak_share_bwd", r.peakShareBwd());
            } else {
                m.put("fwd_gbs", r.fwdGbs());
                m.put("bwd_gbs", r.bwdGbs());
            }
            m.put("peak_heap_mb", r.peakHeapMb());
            results.add(m);
        }
        root.put("results", results);
        return root;
    }

    /** The report as an aligned text table. */
    public static String toTable(Report report) {
        StringBuilder out = new StringBuilder();
        Machine m = report.machine();
        out.append(String.format("threads %d, kernels %s, measured FMA peak %.1f GFLOP/s%n%n", m.threads(), m.vector(),
                m.peakGflops()));
        out.append(String.format("%-14s %-5s %10s %10s %12s %12s %9s %9s %9s%n", "shape", "kind", "fwd ms", "bwd ms",
                "fwd GFLOP/s", "bwd GFLOP/s", "fwd peak", "fwd GB/s", "bwd GB/s"));
        for (Result r : report.results()) {
            out.append(String.format("%-14s %-5s %10.4f %10.4f %12s %12s %9s %9s %9s%n", r.id(), r.kind(), r.fwdMs(),
                    r.bwdMs(), fmt(r.fwdGflops()), fmt(r.bwdGflops()),
                    r.peakShareFwd() == null ? "-" : String.format("%.0f%%", 100 * r.peakShareFwd()),
                    fmt(r.fwdGbs()), fmt(r.bwdGbs())));
        }
        return out.toString();
    }

    private static String fmt(Double v) {
        return v == null ? "-" : String.format("%.1f", v);
    }
}
