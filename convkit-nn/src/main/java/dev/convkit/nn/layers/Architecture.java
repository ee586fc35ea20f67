package dev.convkit.nn.layers;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.window.PaddingMode;

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
 * architecture is recorded in, and names the built-in models. Each layer's {@link Module#spec()} is
 * its token: positional arguments as before ({@code conv2d(in,out,kernel,stride,padding)},
 * {@code convT2d(...,output_padding)}, {@code maxpool2d(kernel,stride,padding)},
 * {@code lppool2d(kernel,stride,padding,p)}, {@code adaptiveavg2d(size)}, {@code fracmax2d(kernel,ratio)},
 * {@code linear(in,out)}, {@code bn2d(c)}, {@code elu(alpha)}, {@code dropout(p)}), a value per
 * dimension written {@code 3x5}, and settings that differ from PyTorch's defaults as
 * {@code name=value} ({@code dilation=2}, {@code groups=4}, {@code bias=false}, {@code ceil_mode=true}, ...).
 *
 * <pre>{@code
 * Sequential net = Architecture.build(Architecture.model("cnn2"), 42);
 * assert net.parameterCount() == 50_378;
 * assert Architecture.build(net.spec(), 42).spec().equals(net.spec()); // the spec rebuilds the same network
 * Sequential wide = Architecture.build("conv2d(1,8,3x5,1,1x2,groups=1,bias=false);relu;maxpool2d(2,2,0,ceil_mode=true)", 0);
 * assert wide.spec().equals("conv2d(1,8,3x5,1,1x2,bias=false);relu;maxpool2d(2,2,0,ceil_mode=true)");
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

    /**
     * Builds a network from its spec; parameters are drawn from {@code seed}, layer by layer in
     * order (the same draws for the same spec and seed).
     */
    public static Sequential build(String spec, long seed) {
        List<Module> layers = new ArrayList<>();
        for (Token token : tokens(spec)) {
            layers.add(layer(token));
        }
        Sequential net = Sequential.of(layers);
        net.initialize(new SplittableRandom(seed));
        return net;
    }

    /**
     * A lower bound of the number of values a spec declares (convolution and linear weights, batch
     * norm's four vectors), counted without building anything, in long arithmetic that saturates
     * instead of overflowing; layers it cannot read count 0 (building them reports the problem).
     */
    public static long declaredWeights(String spec) {
        long total = 0;
        for (String raw : spec.split(";")) {
            Token t;
            try {
                t = Token.read(raw);
            } catch (InvalidArgumentException e) {
                continue;
            }
            long weights = 0;
            try {
                if ((t.kind.equals("conv") || t.kind.equals("convt")) && t.positional.size() >= 3) {
                    long groups = t.named.containsKey("groups") ? Math.max(1, (long) t.number("groups")) : 1;
                    weights = saturatingProduct(t.count(0), t.count(1)) / groups;
                    int[] k = t.dims(2, t.rank);
                    for (int i = 0; i < t.rank; i++) {
                        weights = saturatingProduct(weights, Math.max(0, k.length == 1 ? k[0] : k[i]));
                    }
                } else if (t.kind.equals("linear") && t.positional.size() >= 2) {
                    weights = saturatingProduct(t.count(0), t.count(1));
                } else if (t.kind.equals("bn") && !t.positional.isEmpty()) {
                    weights = saturatingProduct(t.count(0), 4); // weight, bias, running mean and variance
                }
            } catch (InvalidArgumentException e) {
                continue;
            }
            total = total > Long.MAX_VALUE - weights ? Long.MAX_VALUE : total + weights;
        }
        return total;
    }

    private static long saturatingProduct(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    private static List<Token> tokens(String spec) {
        List<Token> out = new ArrayList<>();
        for (String raw : spec.split(";")) {
            out.add(Token.read(raw));
        }
        return out;
    }

    private static Module layer(Token t) {
        switch (t.kind) {
            case "conv", "convt" -> {
                boolean transposed = t.kind.equals("convt");
                t.expect(transposed ? 6 : 5, transposed ? 6 : 5, "dilation", "groups", "bias", "padding_mode");
                ConvNd<?> conv = convLayer(t, transposed);
                conv.stride(t.dims(3, t.rank));
                String padding = t.positional.get(4);
                if (padding.equals("same") || padding.equals("valid")) {
                    conv.padding(padding);
                } else {
                    conv.padding(t.dims(4, t.rank));
                }
                if (transposed) {
                    ((ConvTransposeNd<?>) conv).outputPadding(t.dims(5, t.rank));
                }
                if (t.named.containsKey("dilation")) {
                    conv.dilation(t.namedDims("dilation"));
                }
                if (t.named.containsKey("groups")) {
                    conv.groups(t.whole("groups"));
                }
                if (!t.flag("bias", true)) {
                    conv.withoutBias();
                }
                if (t.named.containsKey("padding_mode")) {
                    conv.paddingMode(PaddingMode.parse(t.named.get("padding_mode")));
                }
                return conv;
            }
            case "linear" -> {
                t.expect(2, 2, "bias");
                Linear linear = new Linear(t.whole(0), t.whole(1));
                return t.flag("bias", true) ? linear : linear.withoutBias();
            }
            case "bn" -> {
                t.expect(1, 1, "eps", "momentum");
                BatchNorm2d bn = new BatchNorm2d(t.whole(0));
                if (t.named.containsKey("eps")) {
                    bn.eps(t.number("eps"));
                }
                return t.named.containsKey("momentum") ? bn.momentum(t.number("momentum")) : bn;
            }
            case "relu" -> {
                t.expect(0, 0);
                return new ReLU();
            }
            case "elu" -> {
                t.expect(0, 1);
                return t.positional.isEmpty() ? new ELU() : new ELU(t.number(0));
            }
            case "dropout" -> {
                t.expect(1, 1);
                return new Dropout(t.number(0));
            }
            case "flatten" -> {
                t.expect(0, 0);
                return new Flatten();
            }
            case "maxpool" -> {
                t.expect(3, 3, "dilation", "ceil_mode");
                MaxPoolNd<?> pool = switch (t.rank) {
                    case 1 -> new MaxPool1d(t.dims(0, 1));
                    case 2 -> new MaxPool2d(t.dims(0, 2));
                    default -> new MaxPool3d(t.dims(0, 3));
                };
                sliding(pool, t);
                return t.named.containsKey("dilation") ? pool.dilation(t.namedDims("dilation")) : pool;
            }
            case "avgpool" -> {
                t.expect(3, 3, "ceil_mode", "count_include_pad", "divisor_override");
                AvgPoolNd<?> pool = switch (t.rank) {
                    case 1 -> new AvgPool1d(t.dims(0, 1));
                    case 2 -> new AvgPool2d(t.dims(0, 2));
                    default -> new AvgPool3d(t.dims(0, 3));
                };
                sliding(pool, t);
                pool.countIncludePad(t.flag("count_include_pad", true));
                return t.named.containsKey("divisor_override") ? pool.divisorOverride(t.whole("divisor_override")) : pool;
            }
            case "lppool" -> {
                t.expect(4, 4, "ceil_mode");
                double norm = t.number(3);
                LPPoolNd<?> pool = switch (t.rank) {
                    case 1 -> new LPPool1d(norm, t.dims(0, 1));
                    case 2 -> new LPPool2d(norm, t.dims(0, 2));
                    default -> new LPPool3d(norm, t.dims(0, 3));
                };
                sliding(pool, t);
                return pool;
            }
            case "adaptiveavg", "adaptivemax" -> {
                t.expect(1, 1);
                int[] size = t.dims(0, t.rank);
                boolean avg = t.kind.equals("adaptiveavg");
                return switch (t.rank) {
                    case 1 -> avg ? new AdaptiveAvgPool1d(size) : new AdaptiveMaxPool1d(size);
                    case 2 -> avg ? new AdaptiveAvgPool2d(size) : new AdaptiveMaxPool2d(size);
                    default -> avg ? new AdaptiveAvgPool3d(size) : new AdaptiveMaxPool3d(size);
                };
            }
            case "fracmax" -> {
                t.expect(1, 2, "output_size");
                if (t.rank == 1) {
                    throw InvalidArgumentException.of("architecture: layer '%s': fractional max pooling is 2-d or 3-d",
                            t.text);
                }
                FractionalMaxPoolNd<?> pool = t.rank == 2 ? new FractionalMaxPool2d(t.dims(0, 2))
                        : new FractionalMaxPool3d(t.dims(0, 3));
                if (t.named.containsKey("output_size")) {
                    return pool.outputSize(t.namedDims("output_size"));
                }
                if (t.positional.size() < 2) {
                    throw InvalidArgumentException.of("architecture: layer '%s' needs an output ratio or output_size=",
                            t.text);
                }
                return pool.outputRatio(t.numbers(1, t.rank));
            }
            default -> throw InvalidArgumentException.of("architecture: unknown layer '%s'", t.text);
        }
    }

    private static ConvNd<?> convLayer(Token t, boolean transposed) {
        int in = t.whole(0);
        int out = t.whole(1);
        int[] k = t.dims(2, t.rank);
        return switch (t.rank * (transposed ? -1 : 1)) {
            case 1 -> new Conv1d(in, out, k);
            case 2 -> new Conv2d(in, out, k);
            case 3 -> new Conv3d(in, out, k);
            case -1 -> new ConvTranspose1d(in, out, k);
            case -2 -> new ConvTranspose2d(in, out, k);
            default -> new ConvTranspose3d(in, out, k);
        };
    }

    private static void sliding(SlidingPoolNd<?> pool, Token t) {
        pool.stride(t.dims(1, t.rank)).padding(t.dims(2, t.rank)).ceilMode(t.flag("ceil_mode", false));
    }

    /**
     * One layer of a spec: its kind, rank (2 when not written), positional arguments and
     * {@code name=value} arguments. A value is a number, {@code AxB} (one per dimension) or a word.
     */
    private static final class Token {
        final String text;
        final String kind;
        final int rank;
        final List<String> positional = new ArrayList<>();
        final Map<String, String> named = new LinkedHashMap<>();

        private Token(String text, String kind, int rank) {
            this.text = text;
            this.kind = kind;
            this.rank = rank;
        }

        static Token read(String raw) {
            String text = raw.trim();
            Matcher m = TOKEN.matcher(text);
            if (!m.matches()) {
                throw InvalidArgumentException.of("architecture: cannot read layer '%s'", text);
            }
            int rank = m.group(2) == null ? 2 : Integer.parseInt(m.group(2));
            if (rank < 1 || rank > 3) {
                throw InvalidArgumentException.of("architecture: layer '%s' must be 1-d, 2-d or 3-d", text);
            }
            Token t = new Token(text, m.group(1).toLowerCase(Locale.ROOT), rank);
            if (m.group(3) != null && !m.group(3).isBlank()) {
                for (String part : m.group(3).split(",")) {
                    String arg = part.trim();
                    int eq = arg.indexOf('=');
                    if (eq >= 0) {
                        if (t.named.put(arg.substring(0, eq).trim(), arg.substring(eq + 1).trim()) != null) {
                            throw InvalidArgumentException.of("architecture: layer '%s' gives %s twice", text,
                                    arg.substring(0, eq).trim());
                        }
                    } else if (!t.named.isEmpty()) {
                        throw InvalidArgumentException.of("architecture: layer '%s': positional argument '%s' after a"
                                + " named one", text, arg);
                    } else {
                        t.positional.add(arg);
                    }
                }
            }
            return t;
        }

        void expect(int min, int max, String... names) {
            if (positional.size() < min || positional.size() > max) {
                throw InvalidArgumentException.of("architecture: layer '%s' needs %s arguments, got %d", text,
                        min == max ? Integer.toString(min) : min + " to " + max, positional.size());
            }
            for (String name : named.keySet()) {
                if (!List.of(names).contains(name)) {
                    throw InvalidArgumentException.of("architecture: layer '%s' has no setting '%s'%s", text, name,
                            names.length == 0 ? "" : " (it takes " + String.join(", ", names) + ")");
                }
            }
        }

        private double parse(String name, String value) {
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw InvalidArgumentException.of("architecture: '%s' is not a number in layer '%s' (%s)", value, text,
                        name);
            }
        }

        private int wholeValue(String name, String value) {
            double v = parse(name, value);
            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                throw InvalidArgumentException.of("architecture: %s of layer '%s' must be a whole number, got %s", name,
                        text, value);
            }
            return (int) v;
        }

        int whole(int index) {
            return wholeValue("argument " + (index + 1), positional.get(index));
        }

        int whole(String name) {
            return wholeValue(name, named.get(name));
        }

        long count(int index) {
            return Math.max(0, whole(index));
        }

        double number(int index) {
            return parse("argument " + (index + 1), positional.get(index));
        }

        double number(String name) {
            return parse(name, named.get(name));
        }

        /** One value for every dimension, or {@code AxB...} with one per dimension. */
        int[] dims(int index, int count) {
            return dimsOf("argument " + (index + 1), positional.get(index), count);
        }

        int[] namedDims(String name) {
            return dimsOf(name, named.get(name), rank);
        }

        private int[] dimsOf(String name, String value, int count) {
            String[] parts = value.split("x");
            if (parts.length != 1 && parts.length != count) {
                throw InvalidArgumentException.of("architecture: %s of layer '%s' needs 1 or %d values, got '%s'", name,
                        text, count, value);
            }
            int[] out = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                out[i] = wholeValue(name, parts[i]);
            }
            return out;
        }

        double[] numbers(int index, int count) {
            String[] parts = positional.get(index).split("x");
            if (parts.length != 1 && parts.length != count) {
                throw InvalidArgumentException.of("architecture: argument %d of layer '%s' needs 1 or %d values", index + 1,
                        text, count);
            }
            double[] out = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                out[i] = parse("argument " + (index + 1), parts[i]);
            }
            return out;
        }

        boolean flag(String name, boolean absent) {
            String v = named.get(name);
            if (v == null) {
                return absent;
            }
            if (!v.equals("true") && !v.equals("false")) {
                throw InvalidArgumentException.of("architecture: %s of layer '%s' must be true or false, got '%s'", name,
                        text, v);
            }
            return v.equals("true");
        }
    }
}
