package dev.convkit.explore;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Shape;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.autograd.GradMode;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.layers.Architecture;
import dev.convkit.nn.layers.Module;
import dev.convkit.nn.layers.Sequential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network planner: builds a spec with convkit-nn's {@link Architecture}, forwards a zero tensor
 * layer by layer to read each output shape, and reports each layer's parameter count and receptive
 * field (size and jump, for layers with a fixed kernel and stride).
 *
 * <pre>{@code
 * Map<String, Object> plan = NetworkPlanner.plan(Architecture.model("lenet5"), new int[] {1, 28, 28});
 * // layers: conv2d(1,6,5,1,2) -> [1, 6, 28, 28], 156 parameters, receptive field 5 ...
 * }</pre>
 */
public final class NetworkPlanner {
    /** The most elements the planner's input may have. */
    public static final int MAX_INPUT_ELEMENTS = 3 * 64 * 64;
    /** The most layers a spec may have. */
    public static final int MAX_LAYERS = 64;

    private static final Pattern ARGS = Pattern.compile("^([a-zA-Z]+)\\d?d?\\(([^)]*)\\)$");

    private NetworkPlanner() {
    }

    /** The built-in models the page offers as presets, by name. */
    public static Map<String, String> presets() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : List.of("cnn2", "lenet5")) {
            m.put(name, Architecture.model(name));
        }
        return m;
    }

    /**
     * The plan of {@code spec} on an input of shape (C, H, W).
     *
     * @throws InvalidArgumentException for a spec the architecture cannot read or a layer that does not fit
     */
    @SuppressWarnings("try") // the scope only switches the graph off
    public static Map<String, Object> plan(String spec, int[] input) {
        if (input.length != 3) {
            throw new ApiError(400, "input", "input must be a shape [C, H, W]");
        }
        long numel = 1;
        for (int d : input) {
            if (d <= 0) {
                throw new ApiError(400, "input", "input: every size must be positive, got " + Shape.toString(input));
            }
            numel *= d;
        }
        if (numel > MAX_INPUT_ELEMENTS) {
            throw new ApiError(413, "input", "input " + Shape.toString(input) + " has " + numel
                    + " elements; the planner takes at most " + MAX_INPUT_ELEMENTS);
        }
        if (spec.split(";").length > MAX_LAYERS) {
            throw new ApiError(413, "spec", "spec has more than " + MAX_LAYERS + " layers");
        }
        Sequential net = Architecture.build(spec, 0);
        net.eval();
        Variable x = Variable.constant(Tensor.zeros(1, input[0], input[1], input[2]));
        List<Object> layers = new ArrayList<>();
        long rf = 1;
        long jump = 1;
        boolean known = true;
        long total = 0;
        try (GradMode.Scope ignored = GradMode.off()) {
            for (Module layer : net.layers()) {
                String token = layer.spec();
                try {
                    x = layer.forward(x);
                } catch (InvalidArgumentException e) {
                    throw new InvalidArgumentException("layer " + (layers.size() + 1) + " " + token + ": " + e.getMessage());
                }
                int[] window = window(token);
                if (window == null) {
                    known = known && keepsField(token);
                } else if (known) {
                    rf += (long) (window[0] - 1) * jump;
                    jump *= window[1];
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("layer", token);
                m.put("shape", x.value().shape());
                m.put("parameters", layer.parameterCount());
                m.put("receptive_field", known ? rf : null);
                m.put("jump", known ? jump : null);
                layers.add(m);
                total += layer.parameterCount();
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("spec", net.spec());
        out.put("input", input);
        out.put("layers", layers);
        out.put("parameters", total);
        return out;
    }

    /** (kernel, stride) of a layer whose window is fixed, or null. */
    private static int[] window(String token) {
        Matcher m = ARGS.matcher(token);
        if (!m.matches()) {
            return null;
        }
        String kind = m.group(1).toLowerCase(Locale.ROOT);
        String[] a = m.group(2).split(",");
        switch (kind) {
            case "conv":
                return new int[] {(int) Double.parseDouble(a[2]), (int) Double.parseDouble(a[3])};
            case "maxpool":
            case "avgpool":
            case "lppool":
                return new int[] {(int) Double.parseDouble(a[0]), (int) Double.parseDouble(a[1])};
            default:
                return null;
        }
    }

    /** Whether a layer without a window keeps the receptive field (elementwise layers do). */
    private static boolean keepsField(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        return t.startsWith("relu") || t.startsWith("elu") || t.startsWith("bn") || t.startsWith("dropout");
    }
}
