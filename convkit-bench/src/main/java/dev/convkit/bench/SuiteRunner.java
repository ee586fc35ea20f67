package dev.convkit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.backend.Backend;
import dev.convkit.core.conv.Conv;
import dev.convkit.core.conv.ConvOptions;
import dev.convkit.core.conv.ConvPlan;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.op.Catalogue;
import dev.convkit.core.op.Forward;
import dev.convkit.core.op.Op;
import dev.convkit.core.op.Operands;
import dev.convkit.core.op.Params;
import dev.convkit.core.tensor.Storage;
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

/**
 * Runs the benchmark suite ({@code conv2d} and {@code pool2d} shape lists, as bench/suite.json, and an
 * optional {@code pool3d} list whose inputs add a depth D) at
 * one thread count: the median forward and backward time of each shape after warm-up, GFLOP/s and
 * the share of the measured peak for convolutions, GB/s for pools, and the peak heap.
 *
 * <p>By default each timed call takes its result arrays from a {@link Storage.Recycler} that gets
 * the previous call's arrays back: the steady state of a loop over the same shapes, as nn's training
 * step runs the ops (its arena) and as PyTorch's allocator hands a freed block back. With
 * {@link ResultArrays#FRESH} every call allocates new arrays, as a caller without a source gets.
 */
public final class SuiteRunner {
    /** How long to warm up and to measure each direction of each shape, in seconds. */
    public record Timing(double warmup, double measure, int minReps) {
        public static final Timing DEFAULT = new Timing(1.0, 1.0, 5);
    }

    /** Where the timed calls' result arrays come from. */
    public enum ResultArrays {
        /** The previous call's arrays, handed back by a {@link Storage.Recycler}. */
        RECYCLED,
        /** New arrays every call, zeroed by the JVM. */
        FRESH;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The machine line of the report. */
    public record Machine(int threads, double peakGflops, String vector, String resultArrays) {
    }

    /**
     * One shape's numbers; fields that do not apply to its kind are null. {@code fwdAllocMb} and
     * {@code bwdAllocMb}: the heap a timed call allocated, on any thread (with recycled result arrays,
     * what the kernels allocate beyond their results).
     */
    public record Result(String id, String kind, int threads, double fwdMs, double bwdMs, Double fwdGflops,
                         Double bwdGflops, Double peakShareFwd, Double peakShareBwd, Double fwdGbs, Double bwdGbs,
                         double peakHeapMb, double fwdAllocMb, double bwdAllocMb) {
    }

    /** The whole run. */
    public record Report(Machine machine, List<Result> results) {
    }

    private final Timing timing;
    private final Consumer<String> progress;
    private final ResultArrays resultArrays;

    public SuiteRunner(Timing timing, Consumer<String> progress) {
        this(timing, progress, ResultArrays.RECYCLED);
    }

    public SuiteRunner(Timing timing, Consumer<String> progress, ResultArrays resultArrays) {
        this.timing = timing;
        this.progress = progress;
        this.resultArrays = resultArrays;
    }

    /** {@code call} timed, its results drawn as {@link #resultArrays} says. */
    private Timer.Measurement measure(Runnable call) {
        if (resultArrays == ResultArrays.FRESH) {
            return Timer.measure(call, timing.warmup(), timing.measure(), timing.minReps());
        }
        Storage.Recycler recycler = new Storage.Recycler();
        try (Storage.Scope scope = Storage.use(recycler)) {
            return Timer.measure(() -> {
                recycler.reclaim(); // the previous call's results are dead
                call.run();
            }, timing.warmup(), timing.measure(), timing.minReps());
        }
    }

    /** Runs the selected lists of {@code suite} ({@code conv} → conv2d, {@code pool} → pool2d and pool3d) on {@code threads} threads. */
    public Report run(JsonNode suite, int threads, Set<String> ops) {
        // every shape is read and checked before anything is measured: a bad suite fails at once, in one line
        List<ConvShape> convs = new ArrayList<>();
        List<PoolShape> pools = new ArrayList<>();
        if (ops.contains("conv")) {
            for (JsonNode shape : list(suite, "conv2d")) {
                convs.add(ConvShape.of(shape));
            }
        }
        if (ops.contains("pool")) {
            for (JsonNode shape : list(suite, "pool2d")) {
                pools.add(PoolShape.of(shape, false));
            }
            // 3-d pools (inputs N, C, D, H, W): an optional list
            if (suite.has("pool3d")) {
                for (JsonNode shape : list(suite, "pool3d")) {
                    pools.add(PoolShape.of(shape, true));
                }
            }
        }
        Parallel.setThreads(threads);
        progress.accept("measuring the FMA peak on " + threads + " thread(s)");
        double peak = PeakFlops.measure(threads);
        Machine machine = new Machine(threads, round(peak, 1), Backend.active().provider().name(),
                resultArrays.label());
        List<Result> results = new ArrayList<>();
        for (ConvShape shape : convs) {
            results.add(conv(shape, threads, peak));
        }
        for (PoolShape shape : pools) {
            results.add(pool(shape, threads));
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

    /** A size of the shape (a dimension or the group count): an integer of at least 1. */
    private static int positive(JsonNode shape, String key) {
        int v = required(shape, key);
        if (v < 1) {
            throw InvalidArgumentException.of("suite shape %s: \"%s\" must be at least 1, got %d", shape.path("id").asText("?"),
                    key, v);
        }
        return v;
    }

    private static Tensor random(Random r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextFloat() * 2 - 1;
        }
        return t;
    }

    /** A conv2d entry of the suite, checked: sizes at least 1, and the options the op accepts for them. */
    private record ConvShape(String id, int n, int cin, int h, int w, int cout, int k, ConvOptions options) {
        static ConvShape of(JsonNode shape) {
            String id = shape.path("id").asText("?");
            int groups = shape.has("groups") ? positive(shape, "groups") : 1;
            ConvShape s = new ConvShape(id, positive(shape, "N"), positive(shape, "Cin"), positive(shape, "H"),
                    positive(shape, "W"), positive(shape, "Cout"), positive(shape, "K"),
                    ConvOptions.conv2d().stride(required(shape, "stride")).padding(required(shape, "padding")).groups(groups));
            try {
                ConvPlan.resolve(s.options, new int[] {s.n, s.cin, s.h, s.w}, s.weightShape(), null);
            } catch (InvalidArgumentException e) {
                throw InvalidArgumentException.of("suite shape %s: %s", id, e.getMessage());
            }
            return s;
        }

        int[] weightShape() {
            return new int[] {cout, cin / options.groups(), k, k};
        }
    }

    /** A pool2d or pool3d entry of the suite, checked: sizes at least 1, and parameters the catalogue op accepts. */
    private record PoolShape(String id, int[] inputShape, Op op, Params params) {
        static PoolShape of(JsonNode shape, boolean volumetric) {
            String id = shape.path("id").asText("?");
            Map<String, Object> raw = new LinkedHashMap<>();
            shape.fields().forEachRemaining(f -> {
                if (!SHAPE_KEYS.contains(f.getKey())) {
                    raw.put(f.getKey(), PLAIN.convertValue(f.getValue(), Object.class));
                }
            });
            try {
                Op op = Catalogue.require(shape.path("op").asText(""));
                int[] input = volumetric
                        ? new int[] {positive(shape, "N"), positive(shape, "C"), positive(shape, "D"), positive(shape, "H"),
                                positive(shape, "W")}
                        : new int[] {positive(shape, "N"), positive(shape, "C"), positive(shape, "H"), positive(shape, "W")};
                return new PoolShape(id, input, op, op.params(raw));
            } catch (InvalidArgumentException e) {
                throw e.getMessage().startsWith("suite shape") ? e : InvalidArgumentException.of("suite shape %s: %s", id,
                        e.getMessage());
            }
        }
    }

    private Result conv(ConvShape shape, int threads, double peak) {
        progress.accept("conv " + shape.id);
        ConvOptions options = shape.options;
        Random r = new Random(shape.id.hashCode());
        Tensor x = random(r, shape.n, shape.cin, shape.h, shape.w);
        Tensor weight = random(r, shape.weightShape());
        Tensor y = Conv.forward(x, weight, null, options);
        Tensor gy = random(r, y.shape());
        double flops = 2.0 * shape.n * shape.cout * y.dim(2) * y.dim(3) * (shape.cin / options.groups()) * shape.k * shape.k;
        resetPeakHeap();
        Timer.Measurement forward = measure(() -> Conv.forward(x, weight, null, options));
        Timer.Measurement backward = measure(() -> Conv.backward(x, weight, Conv.Bias.ABSENT, gy, options));
        double fwd = forward.medianMs();
        double bwd = backward.medianMs();
        double fwdGflops = flops / fwd / 1e6;
        double bwdGflops = 2 * flops / bwd / 1e6;
        return new Result(shape.id, "conv", threads, round(fwd, 4), round(bwd, 4), round(fwdGflops, 1), round(bwdGflops, 1),
                round(fwdGflops / peak, 3), round(bwdGflops / peak, 3), null, null, round(peakHeapMb(), 1),
                megabytes(forward), megabytes(backward));
    }

    private Result pool(PoolShape shape, int threads) {
        progress.accept("pool " + shape.id);
        Random r = new Random(shape.id.hashCode());
        Tensor x = random(r, shape.inputShape);
        Op pool = shape.op;
        Params params = shape.params;
        Operands in = Operands.of("input", x);
        Tensor y = pool.infer(in, params);
        // max-type backwards read a 4-byte (int32) index per output
        boolean usesIndices = pool.family().contains("max");
        Forward context = pool.forward(in, params);
        Tensor gy = random(r, y.shape());
        resetPeakHeap();
        Timer.Measurement forward = measure(() -> pool.infer(in, params));
        Timer.Measurement backward = measure(() -> context.backward(gy));
        double fwd = forward.medianMs();
        double bwd = backward.medianMs();
        double fwdBytes = (x.numel() + y.numel()) * 4.0;
        double bwdBytes = (y.numel() + x.numel()) * 4.0 + (usesIndices ? y.numel() * 4.0 : 0);
        return new Result(shape.id, "pool", threads, round(fwd, 4), round(bwd, 4), null, null, null, null,
                round(fwdBytes / fwd / 1e6, 2), round(bwdBytes / bwd / 1e6, 2), round(peakHeapMb(), 1), megabytes(forward),
                megabytes(backward));
    }

    /** The heap a timed call allocated, in MB (10^6 bytes) to four decimals: 100 bytes is the smallest step shown. */
    private static double megabytes(Timer.Measurement m) {
        return round(m.allocatedBytesPerCall() / 1e6, 4);
    }

    /** The keys of a suite entry that describe the shape, not the op's parameters. */
    private static final Set<String> SHAPE_KEYS = Set.of("id", "op", "N", "C", "D", "H", "W");
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
        machine.put("result_arrays", report.machine().resultArrays());
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
            m.put("fwd_alloc_mb", r.fwdAllocMb());
            m.put("bwd_alloc_mb", r.bwdAllocMb());
            results.add(m);
        }
        root.put("results", results);
        return root;
    }

    /** The report as an aligned text table. */
    public static String toTable(Report report) {
        StringBuilder out = new StringBuilder();
        Machine m = report.machine();
        out.append(String.format("threads %d, kernels %s, measured FMA peak %.1f GFLOP/s, result arrays %s%n%n", m.threads(),
                m.vector(), m.peakGflops(), m.resultArrays()));
        out.append(String.format("%-14s %-5s %10s %10s %12s %12s %9s %9s %9s %15s%n", "shape", "kind", "fwd ms", "bwd ms",
                "fwd GFLOP/s", "bwd GFLOP/s", "fwd peak", "fwd GB/s", "bwd GB/s", "MB/call fwd bwd"));
        for (Result r : report.results()) {
            out.append(String.format("%-14s %-5s %10.4f %10.4f %12s %12s %9s %9s %9s %7.2f %7.2f%n", r.id(), r.kind(),
                    r.fwdMs(), r.bwdMs(), fmt(r.fwdGflops()), fmt(r.bwdGflops()),
                    r.peakShareFwd() == null ? "-" : String.format("%.0f%%", 100 * r.peakShareFwd()),
                    fmt(r.fwdGbs()), fmt(r.bwdGbs()), r.fwdAllocMb(), r.bwdAllocMb()));
        }
        return out.toString();
    }

    private static String fmt(Double v) {
        return v == null ? "-" : String.format("%.1f", v);
    }
}
