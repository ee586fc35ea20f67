package dev.convkit.cli.explain;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.window.Windows;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Output sizes with the formula written out, for {@code convkit shape}: the substituted formula, the
 * input positions a floor leaves unread, and what ceil_mode added or dropped.
 */
public final class ShapeExplainer {
    /** The kind of layer. */
    public enum Kind { CONV, CONV_TRANSPOSE, POOL }

    private ShapeExplainer() {
    }

    /** Names of the dimensions of a 1-, 2- or 3-d input. */
    static String dimensionName(int dim, int rank) {
        String[][] names = {{"length"}, {"height (rows)", "width (columns)"}, {"depth", "height (rows)", "width (columns)"}};
        return names[rank - 1][dim];
    }

    static String positionName(int dim, int rank, boolean plural) {
        String[][] names = {{"position"}, {"row", "column"}, {"plane", "row", "column"}};
        return names[rank - 1][dim] + (plural ? "s" : "");
    }

    /**
     * The explanation; every per-dimension array has one value per spatial dimension.
     *
     * @param stride for pools, null means the kernel size
     */
    public static String explain(Kind kind, int[] input, int[] kernel, int[] stride, int[] padding, int[] dilation,
                                 boolean ceilMode, int[] outputPadding) {
        String op = kind == Kind.CONV ? "conv" : kind == Kind.POOL ? "pool" : "conv-transpose";
        int rank = input.length;
        if (rank < 1 || rank > 3) {
            throw InvalidArgumentException.of("shape: --input must have 1 to 3 sizes, got %d", rank);
        }
        int[] k = Windows.expand(op, "--kernel", kernel, rank);
        int[] s = Windows.expand(op, "--stride", stride == null ? k : stride, rank);
        int[] p = Windows.expand(op, "--padding", padding, rank);
        int[] d = Windows.expand(op, "--dilation", dilation, rank);
        int[] op2 = Windows.expand(op, "--output-padding", outputPadding, rank);
        Windows.requirePositive(op, "--input", input);
        Windows.requirePositive(op, "--kernel", k);
        Windows.requirePositive(op, "--stride", s);
        Windows.requireNonNegative(op, "--padding", p);
        Windows.requirePositive(op, "--dilation", d);
        Windows.requireNonNegative(op, "--output-padding", op2);
        if (kind == Kind.CONV) {
            Windows.requireKernelFits(op, input, k, d, p, p);
        }
        StringBuilder out = new StringBuilder();
        int[] sizes = new int[rank];
        for (int i = 0; i < rank; i++) {
            if (rank > 1) {
                out.append(dimensionName(i, rank)).append(":\n");
            }
            sizes[i] = switch (kind) {
                case CONV -> conv(out, input[i], k[i], s[i], p[i], d[i], i, rank, false);
                case POOL -> pool(out, input[i], k[i], s[i], p[i], d[i], ceilMode, i, rank);
                case CONV_TRANSPOSE -> transposed(out, input[i], k[i], s[i], p[i], d[i], op2[i]);
            };
            out.append('\n');
        }
        StringBuilder size = new StringBuilder();
        for (int i = 0; i < rank; i++) {
            size.append(i > 0 ? "x" : "").append(sizes[i]);
        }
        out.append("output size: ").append(size).append('\n');
        return out.toString();
    }

    private static int conv(StringBuilder out, int in, int k, int s, int p, int d, int dim, int rank, boolean ceil) {
        long span = (long) in + 2L * p - (long) d * (k - 1) - 1;
        int o = Windows.convOutputSize(in, k, s, 2 * p, d);
        out.append(String.format("  O = floor((I + 2P - D*(K-1) - 1) / S) + 1%n"));
        out.append(String.format("    = floor((%d + 2*%d - %d*(%d-1) - 1) / %d) + 1%n", in, p, d, k, s));
        out.append(String.format("    = floor(%d / %d) + 1%n", span, s));
        out.append(String.format("    = %d%n", o));
        if (d == 1) {
            out.append(String.format("  (with D = 1 this is the familiar (I - K + 2P)/S + 1 = (%d - %d + %d)/%d + 1%s)%n",
                    in, k, 2 * p, s, span % s == 0 ? "" : ", floored"));
        }
        unread(out, in, k, s, p, d, o, span % s, dim, rank);
        return o;
    }

    private static int pool(StringBuilder out, int in, int k, int s, int p, int d, boolean ceil, int dim, int rank) {
        if (p > k / 2) {
            throw InvalidArgumentException.of("pool: --padding must be at most half the kernel size, got padding %d and kernel %d", p, k);
        }
        long span = (long) in + 2L * p - (long) d * (k - 1) - 1;
        int o = Windows.poolOutputSize(in, k, s, p, d, ceil);
        String rounding = ceil ? "ceil" : "floor";
        out.append(String.format("  O = %s((I + 2P - D*(K-1) - 1) / S) + 1%n", rounding));
        out.append(String.format("    = %s((%d + 2*%d - %d*(%d-1) - 1) / %d) + 1%n", rounding, in, p, d, k, s));
        long rounded = ceil ? -Math.floorDiv(-span, s) : Math.floorDiv(span, s);
        out.append(String.format("    = %s(%d / %d) + 1%n", rounding, span, s));
        out.append(String.format("    = %d%n", rounded + 1));
        if (ceil && Windows.ceilModeDropsLastWindow(in, k, s, p, d)) {
            out.append(String.format("  ceil_mode dropped the last window: it would start at input position %d*%d - %d = %d,%n"
                    + "  at or beyond the end of the input (I = %d), inside the right padding; as in PyTorch, O = %d%n",
                    rounded, s, p, rounded * s - p, in, o));
        } else if (ceil && span % s != 0) {
            long start = (long) (o - 1) * s - p;
            out.append(String.format("  ceil_mode kept a last partial window starting at %d; the part past the input is ignored%n", start));
        }
        if (o < 1) {
            throw InvalidArgumentException.of("pool: output size %d in %s: the kernel is larger than the padded input", o,
                    dimensionName(dim, rank));
        }
        unread(out, in, k, s, p, d, o, ceil ? 0 : span % s, dim, rank);
        return o;
    }

    private static int transposed(StringBuilder out, int in, int k, int s, int p, int d, int outputPadding) {
        if (outputPadding >= s && outputPadding >= d) {
            throw InvalidArgumentException.of("conv-transpose: --output-padding must be smaller than either stride or dilation, "
                    + "got %d with stride %d and dilation %d", outputPadding, s, d);
        }
        int o = Windows.transposedOutputSize(in, k, s, p, d, outputPadding);
        out.append(String.format("  O = (I - 1)*S - 2P + D*(K-1) + output_padding + 1%n"));
        out.append(String.format("    = (%d - 1)*%d - 2*%d + %d*(%d-1) + %d + 1%n", in, s, p, d, k, outputPadding));
        out.append(String.format("    = %d%n", o));
        if (o < 1) {
            throw InvalidArgumentException.of("conv-transpose: output size %d is too small: the padding removes the whole output", o);
        }
        return o;
    }

    /** Says which input positions no window reads, and why. */
    private static void unread(StringBuilder out, int in, int k, int s, int p, int d, int o, long remainder, int dim, int rank) {
        TreeSet<Integer> read = new TreeSet<>();
        for (int w = 0; w < o && read.size() < in; w++) {
            for (int j = 0; j < k; j++) {
                long pos = (long) w * s - p + (long) j * d;
                if (pos >= 0 && pos < in) {
                    read.add((int) pos);
                }
            }
        }
        List<Integer> dropped = new ArrayList<>();
        List<Integer> skipped = new ArrayList<>();
        // positions past the last window's end are the floor's doing only when it dropped a remainder
        long lastWindowEnd = (long) (o - 1) * s - p + (long) d * (k - 1);
        for (int i = 0; i < in; i++) {
            if (!read.contains(i)) {
                (remainder > 0 && i > lastWindowEnd ? dropped : skipped).add(i);
            }
        }
        String what = positionName(dim, rank, true);
        if (!dropped.isEmpty()) {
            out.append(String.format("  the floor drops a remainder of %d: input %s %s (0-based) are never read,%n"
                    + "  because the last window ends at input position %d%n", remainder, what, list(dropped), lastWindowEnd));
        }
        if (!skipped.isEmpty()) {
            out.append(String.format("  input %s %s (0-based) are never read: no window reaches them (stride %d%s)%n",
                    what, list(skipped), s, d > 1 ? ", dilation " + d : ""));
        }
    }

    private static String list(List<Integer> positions) {
        if (positions.size() > 12) {
            return positions.subList(0, 12).toString().replace("]", ", ...]") + " (" + positions.size() + " in all)";
        }
        return positions.toString();
    }
}
