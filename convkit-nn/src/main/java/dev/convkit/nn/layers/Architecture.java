package dev.convkit.nn.layers;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.op.Catalogue;
import dev.convkit.core.op.Op;
import dev.convkit.core.op.ParamType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds networks from specs ({@code conv2d(1,32,3,1,1);bn2d(32);relu;...}), the form a model's
 * architecture is recorded in, and names the built-in models.
 *
 * <pre>{@code
 * Sequential net = Architecture.build(Architecture.model("cnn2"), 42);
 * assert net.parameterCount() == 50_378;
 * assert Architecture.build(net.spec(), 42).spec().equals(net.spec()); // the spec rebuilds the same network
 * }</pre>
 */
public final class Architecture {
    private static final Map<String, String> MODELS = new LinkedHashMap<>();

    static {
        // two conv layers with batch norm, under 100K parameters (50,378)
        MODELS.put("cnn2", "conv2d(1,32,3,1,1);bn2d(32);relu;maxpool2d(2,2,0);conv2d(32,64,3,1,1);bn2d(64);relu;"
                + "maxpool2d(2,2,0);dropout(0.25);flatten;linear(3136,10)");
        MODELS.put("lenet5", "conv2d(1,6,5,1,2);relu;maxpool2d(2,2,0);conv2d(6,16,5,1,0);relu;maxpool2d(2,2,0);flatten;"
                + "linear(400,120);relu;linear(120,84);relu;linear(84,10)");
        MODELS.put("tiny", "conv2d(1,4,3,1,1);relu;maxpool2d(2,2,0);flatten;linear(784,10)");
    }

    private static final Pattern TOKEN = Pattern.compile("([a-zA-Z]+)(\\d)?d?(?:\\(([^)]*)\\))?");

    private Architecture() {
    }

    /** The spec of a built-in model: cnn2, lenet5 or tiny. */
    public static String model(String name) {
        String spec = MODELS.get(name);
        if (spec == null) {
            throw InvalidArgumentException.of("unknown model '%s' (known: %s)", name, String.join(", ", MODELS.keySet()));
        }
        return spec;
    }

    /** The names of the built-in models. */
    public static Set<String> models() {
        return MODELS.keySet();
    }

    /** Builds a network from its spec; parameters are drawn from {@code seed}. */
    public static Sequential build(String spec, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Module> layers = new ArrayList<>();
        for (String raw : spec.split(";")) {
            String token = raw.trim();
            Matcher m = TOKEN.matcher(token);
            if (!m.matches()) {
                throw InvalidArgumentException.of("architecture: cannot read layer '%s'", token);
            }
            String kind = m.group(1).toLowerCase(Locale.ROOT);
            int rank = m.group(2) == null ? 2 : Integer.parseInt(m.group(2));
            double[] a = args(token, m.group(3));
            layers.add(layer(token, kind, rank, a, random));
        }
        return new Sequential(layers);
    }

    private static Module layer(String token, String kind, int rank, double[] a, SplittableRandom random) {
        switch (kind) {
            case "conv":
                need(token, a, 5);
                return new Layers.Conv(rank, (int) a[0], (int) a[1], (int) a[2], (int) a[3], (int) a[4], 0, false, random);
            case "convt":
                need(token, a, 6);
                return new Layers.Conv(rank, (int) a[0], (int) a[1], (int) a[2], (int) a[3], (int) a[4], (int) a[5], true, random);
            case "linear":
                need(token, a, 2);
                return new Layers.Linear((int) a[0], (int) a[1], random);
            case "bn":
                need(token, a, 1);
                return new Layers.BatchNorm2d((int) a[0]);
            case "relu":
                return new Layers.ReLU();
            case "elu":
                return new Layers.ELU(a.length > 0 ? (float) a[0] : 1f);
            case "dropout":
                need(token, a, 1);
                return new Layers.Dropout(a[0], random.split());
            case "flatten":
                return new Layers.Flatten();
            default:
                PoolToken pool = POOLS.get(kind);
                if (pool != null) {
                    return pool.layer(token, kind, rank, a, random);
                }
                throw InvalidArgumentException.of("architecture: unknown layer '%s'", token);
        }
    }

    /**
     * A pool token: the catalogue family it names and the op parameters its positional arguments
     * fill, in order ({@code maxpool2d(2,2,0)} is max_pool2d with kernel_size 2, stride 2, padding 0).
     */
    private record PoolToken(String family, List<String> params) {
        Module layer(String token, String kind, int rank, double[] a, SplittableRandom random) {
            need(token, a, params.size());
            Op op = Catalogue.require(family, rank);
            Map<String, Object> raw = new LinkedHashMap<>();
            StringBuilder spec = new StringBuilder(kind).append(rank).append("d(");
            for (int i = 0; i < a.length; i++) {
                boolean whole = op.param(params.get(i)).type() != ParamType.NUMBER
                        && op.param(params.get(i)).type() != ParamType.NUMBERS;
                if (whole && a[i] != Math.rint(a[i])) {
                    throw InvalidArgumentException.of("architecture: %s of layer '%s' must be a whole number, got %s",
                            params.get(i), token, a[i]);
                }
                raw.put(params.get(i), whole ? (Object) (int) a[i] : (Object) a[i]);
                spec.append(i > 0 ? "," : "").append(a[i] == Math.rint(a[i]) ? Long.toString((long) a[i]) : Double.toString(a[i]));
            }
            return new Layers.Pool(op, raw, spec.append(')').toString(), op.accepts("seed") ? random.split() : null);
        }
    }

    private static final Map<String, PoolToken> POOLS = Map.of(
            "maxpool", new PoolToken("max_pool", List.of("kernel_size", "stride", "padding")),
            "avgpool", new PoolToken("avg_pool", List.of("kernel_size", "stride", "padding")),
            "lppool", new PoolToken("lp_pool", List.of("kernel_size", "stride", "padding", "norm_type")),
            "adaptiveavg", new PoolToken("adaptive_avg_pool", List.of("output_size")),
            "adaptivemax", new PoolToken("adaptive_max_pool", List.of("output_size")),
            "fracmax", new PoolToken("fractional_max_pool", List.of("kernel_size", "output_ratio")));

    private static double[] args(String token, String list) {
        if (list == null || list.isBlank()) {
            return new double[0];
        }
        String[] parts = list.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw InvalidArgumentException.of("architecture: '%s' is not a number in layer '%s'", parts[i], token);
            }
        }
        return out;
    }

    private static void need(String token, double[] a, int count) {
        if (a.length != count) {
            throw InvalidArgumentException.of("architecture: layer '%s' needs %d arguments, got %d", token, count, a.length);
        }
    }
}
