package dev.convkit.explore;

import dev.convkit.core.op.Op;
import dev.convkit.core.op.Param;
import dev.convkit.core.op.Params;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * "The same in code": the torch.nn.functional call and the {@code convkit} command line for the
 * current op and parameters, written from the checked {@link Params} (only the parameters the call
 * gave, as PyTorch spells them).
 *
 * <pre>{@code
 * Code.of(conv2d, params, a, k).get("torch");
 * // import torch, torch.nn.functional as F
 * // A = torch.tensor([[4., 5., ...]]).reshape(1, 1, 5, 5)
 * // K = torch.tensor([[4., 3., 3.], ...]).reshape(1, 1, 3, 3)
 * // F.conv2d(A, K, stride=2)
 * }</pre>
 */
public final class Code {
    private Code() {
    }

    /** The torch and convkit forms of the call. */
    public static Map<String, Object> of(Op op, Params params, double[][] a, double[][] k) {
        return of(op, params, a, k, null, null);
    }

    /**
     * The same, for a convolution whose resolved per-side padding is known: a 'same' that PyTorch
     * refuses (stride above 1, or 'same_lower') is written as an explicit {@code F.pad}.
     */
    public static Map<String, Object> of(Op op, Params params, double[][] a, double[][] k, int[] padLeft, int[] padRight) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("torch", torch(op, params, a, k, padLeft, padRight));
        m.put("convkit", convkit(op, params, k));
        m.put("files", "A.txt" + (k != null ? " and K.txt hold" : " holds") + " the matrices as rows of numbers");
        return m;
    }

    private static String torch(Op op, Params params, double[][] a, double[][] k, int[] padLeft, int[] padRight) {
        StringBuilder s = new StringBuilder("import torch, torch.nn.functional as F\n");
        s.append("A = torch.tensor(").append(matrix(a)).append(").reshape(1, 1, ").append(a.length).append(", ")
                .append(a[0].length).append(")\n");
        List<String> args = new ArrayList<>();
        args.add("A");
        String padMode = op.accepts("padding_mode") ? params.string("padding_mode") : "zeros";
        if (k != null) {
            s.append("K = torch.tensor(").append(matrix(k)).append(").reshape(1, 1, ").append(k.length).append(", ")
                    .append(k[0].length).append(")\n");
            args.add("K");
        }
        // F.conv2d's 'same' is stride 1 with zeros only: anything else is written out as F.pad
        boolean sameBeyondTorch = padLeft != null && params.get("padding") instanceof String same && !same.equals("valid")
                && (same.equals("same_lower") || !padMode.equals("zeros") || Arrays.stream(params.ints("stride")).anyMatch(v -> v > 1));
        boolean explicitPad = sameBeyondTorch || (!padMode.equals("zeros") && params.get("padding") instanceof int[]);
        if (sameBeyondTorch) {
            s.append("# 'same' padded as TensorFlow and ONNX do (SAME_")
                    .append(params.string("padding").equals("same") ? "UPPER" : "LOWER").append(": the odd pad at the ")
                    .append(params.string("padding").equals("same") ? "end" : "start").append("), written out\n");
            s.append(String.format(Locale.ROOT, "A = F.pad(A, (%d, %d, %d, %d), mode='%s')\n", padLeft[1], padRight[1],
                    padLeft[0], padRight[0], padMode.equals("zeros") ? "constant" : padMode));
        } else if (explicitPad) {
            int[] p = ExploreApi.ints(params.ints("padding"));
            s.append(String.format(Locale.ROOT, "A = F.pad(A, (%d, %d, %d, %d), mode='%s')\n", p[1], p[1], p[0], p[0], padMode));
        }
        for (Param p : op.params()) {
            if (!params.has(p.name()) || p.name().equals("padding_mode") || p.name().equals("seed")
                    || (explicitPad && p.name().equals("padding"))) {
                continue;
            }
            args.add(p.name() + "=" + python(params.get(p.name())));
        }
        if (op.accepts("seed")) {
            s.append("torch.manual_seed(").append(params.longValue("seed")).append(")  # PyTorch draws its own samples u; "
                    + "convkit's come from the seed\n");
        }
        s.append("F.").append(op.name()).append('(').append(String.join(", ", args)).append(')');
        return s.toString();
    }

    private static String convkit(Op op, Params params, double[][] k) {
        List<String> c = new ArrayList<>();
        String family = op.family();
        if (family.equals("conv")) {
            c.add("convkit conv --input A.txt --kernel K.txt");
            put(c, params, "stride", "--stride");
            put(c, params, "padding", "--padding");
            put(c, params, "dilation", "--dilation");
            if (params.has("padding_mode")) {
                c.add("--padding-mode " + params.string("padding_mode"));
            }
        } else if (family.equals("conv_transpose")) {
            return "convkit has no conv_transpose command line of its own: give compute a cases file\n"
                    + "echo '{\"cases\":[{\"id\":\"t\",\"op\":\"" + op.name() + "\",\"params\":" + json(op, params)
                    + ",\"inputs\":{\"input\":{\"shape\":[1,1,H,W],\"data\":[...A...]},"
                    + "\"weight\":{\"shape\":[1,1," + k.length + "," + k[0].length + "],\"data\":[...K...]}}}]}' | convkit compute -";
        } else {
            String kind = switch (family) {
                case "max_pool" -> "max";
                case "avg_pool" -> "avg";
                case "lp_pool" -> "lp";
                case "adaptive_avg_pool" -> "adaptive-avg";
                case "adaptive_max_pool" -> "adaptive-max";
                default -> "fractional-max";
            };
            c.add("convkit pool " + kind + " --input A.txt");
            if (op.accepts("norm_type")) {
                double p = params.number("norm_type");
                c.add("--p " + (Double.isInfinite(p) ? "inf" : ExploreApi.num(p)));
            }
            put(c, params, "kernel_size", "--kernel");
            put(c, params, "stride", "--stride");
            put(c, params, "padding", "--padding");
            put(c, params, "dilation", "--dilation");
            put(c, params, "output_size", "--output-size");
            if (params.has("ceil_mode") && params.bool("ceil_mode")) {
                c.add("--ceil-mode");
            }
            if (params.has("count_include_pad") && !params.bool("count_include_pad")) {
                c.add("--no-count-include-pad");
            }
            if (params.has("divisor_override")) {
                c.add("--divisor " + params.optionalInteger("divisor_override"));
            }
            if (params.has("output_ratio")) {
                c.add("--output-ratio " + ExploreApi.num(params.numbers("output_ratio")[0]));
            }
            if (op.accepts("seed")) {
                c.add("--seed " + params.longValue("seed"));
            }
            if (op.accepts("return_indices")) {
                c.add("--indices");
            }
        }
        c.add("--grad-output ones --explain");
        return String.join(" ", c);
    }

    private static void put(List<String> c, Params params, String name, String option) {
        if (!params.op().accepts(name) || !params.has(name)) {
            return;
        }
        Object v = params.get(name);
        if (v instanceof int[] a) {
            int[] hw = ExploreApi.ints(a);
            c.add(option + " " + (hw[0] == hw[1] ? Integer.toString(hw[0]) : hw[0] + "x" + hw[1]));
        } else {
            c.add(option + " " + v);
        }
    }

    private static String json(Op op, Params params) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Object> e : params.given().entrySet()) {
            Object v = e.getValue();
            String text = v instanceof int[] a ? Arrays.toString(a).replace(" ", "") : v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
            parts.add("\"" + e.getKey() + "\":" + text);
        }
        return "{" + String.join(",", parts) + "}";
    }

    private static String python(Object v) {
        if (v instanceof int[] a) {
            return a.length == 1 ? Integer.toString(a[0]) : "(" + String.join(", ", Arrays.stream(a).mapToObj(Integer::toString).toList()) + ")";
        }
        if (v instanceof double[] a) {
            return a.length == 1 ? ExploreApi.num(a[0]) : "(" + String.join(", ", Arrays.stream(a).mapToObj(ExploreApi::num).toList()) + ")";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double d) {
            return d.isInfinite() ? "float('inf')" : ExploreApi.num(d);
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        return String.valueOf(v);
    }

    private static String matrix(double[][] m) {
        StringBuilder s = new StringBuilder("[");
        for (int r = 0; r < m.length; r++) {
            s.append(r > 0 ? ", [" : "[");
            for (int c = 0; c < m[r].length; c++) {
                String t = ExploreApi.num(m[r][c]);
                s.append(c > 0 ? ", " : "").append(t.contains(".") ? t : t + ".");
            }
            s.append(']');
        }
        return s.append(']').toString();
    }
}
