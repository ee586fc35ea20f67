package dev.convkit.cli.explain;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.pool.PoolOptions;
import dev.convkit.core.pool.PoolPlan;
import dev.convkit.core.window.Windows;

import java.util.ArrayList;
import java.util.List;
import java.util.BitSet;

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
     * The explanation; every per-dimension array has one value per spatial dimension. All sizes are
     * computed in {@code long} by {@link Windows}, so any int parameters give the exact answer, and
     * the checks are the ops' own (the same calls as {@code conv} and {@code pool}).
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
        switch (kind) {
            case CONV -> Windows.requireKernelFits(op, input, k, d, p, p);
            case POOL -> PoolPlan.outputSize(op, input, new PoolOptions.Window(k, s, p), d, ceilMode);
            case CONV_TRANSPOSE -> Windows.requireOutputPadding(op, op2, s, d);
        }
        StringBuilder out = new StringBuilder();
        long[] sizes = new long[rank];
        for (int i = 0; i < rank; i++) {
            if (rank > 1) {
                out.append(dimensionName(i, rank)).append(":\n");
            }
            sizes[i] = switch (kind) {
                case CONV -> conv(out, input[i], k[i], s[i], p[i], d[i], i, rank);
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

    private static long conv(StringBuilder out, int in, int k, int s, int p, int d, int dim, int rank) {
        long span = Windows.span(in, k, 2L * p, d);
        long o = Windows.convOutput(in, k, s, 2L * p, d);
        out.append(String.format("  O = floor((I + 2P - D*(K-1) - 1) / S) + 1%n"));
        out.append(String.format("    = floor((%d + 2*%d - %d*(%d-1) - 1) / %d) + 1%n", in, p, d, k, s));
        out.append(String.format("    = floor(%d / %d) + 1%n", span, s));
        out.append(String.format("    = %d%n", o));
        if (d == 1) {
            out.append(String.format("  (with D = 1 this is the familiar (I - K + 2P)/S + 1 = (%d - %d + %d)/%d + 1%s)%n",
                    in, k, 2L * p, s, span % s == 0 ? "" : ", floored"));
        }
        unread(out, in, k, s, p, d, o, span % s, dim, rank);
        return o;
    }

    private static long pool(StringBuilder out, int in, int k, int s, int p, int d, boolean ceil, int dim, int rank) {
        long span = Windows.span(in, k, 2L * p, d);
        long o = Windows.poolOutput(in, k, s, p, d, ceil);
        String rounding = ceil ? "ceil" : "floor";
        long rounded = Windows.roundedQuotient(in, k, s, p, d, ceil);
        out.append(String.format("  O = %s((I + 2P - D*(K-1) - 1) / S) + 1%n", rounding));
        out.append(String.format("    = %s((%d + 2*%d - %d*(%d-1) - 1) / %d) + 1%n", rounding, in, p, d, k, s));
        out.append(String.format("    = %s(%d / %d) + 1%n", rounding, span, s));
        out.append(String.format("    = %d%n", rounded + 1));
        if (ceil && Windows.ceilModeDropsLastWindow(in, k, s, p, d)) {
            out.append(String.format("  ceil_mode dropped the last window: it would start at input position %d*%d - %d = %d,%n"
                    + "  at or beyond the end of the input (I = %d), inside the right padding; as in PyTorch, O = %d%n",
                    rounded, s, p, Windows.tapPosition(rounded, 0L, s, p, d), in, o));
        } else if (ceil && span % s != 0) {
            long start = Windows.tapPosition(o - 1, 0L, s, p, d);
            out.append(String.format("  ceil_mode kept a last partial window starting at %d; the part past the input is ignored%n", start));
        }
        unread(out, in, k, s, p, d, o, ceil ? 0 : span % s, dim, rank);
        return o;
    }

    private static long transposed(StringBuilder out, int in, int k, int s, int p, int d, int outputPadding) {
        long o = Windows.transposedOutput(in, k, s, p, d, outputPadding);
        out.append(String.format("  O = (I - 1)*S - 2P + D*(K-1) + output_padding + 1%n"));
        out.append(String.format("    = (%d - 1)*%d - 2*%d + %d*(%d-1) + %d + 1%n", in, s, p, d, k, outputPadding));
        out.append(String.format("    = %d%n", o));
        if (o < 1) {
            throw InvalidArgumentException.of("conv-transpose: output size %d is too small: the padding removes the whole output", o);
        }
        return o;
    }

    /** Enumerating windows is exact and cheap up to this many taps; beyond it the answer is arithmetic. */
    private static final long ENUMERATION_LIMIT = 20_000_000L;

    /**
     * Says which input positions no window reads, and why, as ranges: the remainder the floor drops
     * after the last window, and the positions between windows that stride or dilation skip.
     */
    private static void unread(StringBuilder out, int in, int k, int s, int p, int d, long o, long remainder,
                               int dim, int rank) {
        long lastWindowEnd = Windows.lastTap(o, k, s, p, d);
        String what = positionName(dim, rank, true);
        // positions past the last window's end are the floor's doing only when it dropped a remainder
        boolean floorDrops = remainder > 0 && lastWindowEnd < in - 1L;
        long interiorEnd = floorDrops ? lastWindowEnd : in - 1L;
        if (floorDrops) {
            out.append(String.format("  the floor drops a remainder of %d: input %s %s (0-based) are never read,%n"
                    + "  because the last window ends at input position %d%n", remainder, what,
                    ranges(List.of(new long[] {lastWindowEnd + 1, in - 1L})), lastWindowEnd));
        }
        if (o * k <= ENUMERATION_LIMIT && in <= ENUMERATION_LIMIT) {
            BitSet read = new BitSet(in);
            for (long w = 0; w < o; w++) {
                for (int j = 0; j < k; j++) {
                    long pos = Windows.tapPosition(w, (long) j, s, p, d);
                    if (pos >= 0 && pos < in) {
                        read.set((int) pos);
                    }
                }
            }
            List<long[]> skipped = new ArrayList<>();
            for (int i = read.nextClearBit(0); i <= interiorEnd; i = read.nextClearBit(i)) {
                int end = Math.min(read.nextSetBit(i) < 0 ? in : read.nextSetBit(i), (int) interiorEnd + 1);
                skipped.add(new long[] {i, end - 1L});
                i = end;
            }
            if (!skipped.isEmpty()) {
                out.append(String.format("  input %s %s (0-based) are never read: no window reaches them (stride %d%s)%n",
                        what, ranges(skipped), s, d > 1 ? ", dilation " + d : ""));
            }
        } else if (Windows.reach(1, k, s, d) < s || (d > 1 && s > 1)) {
            out.append(String.format("  between windows, input %s that no tap o*%d - %d + j*%d (j < %d) lands on are never read%n",
                    what, s, p, d, k));
        }
    }

    /** Ranges as a list: single positions when there are few, {@code a..b} runs otherwise. */
    private static String ranges(List<long[]> runs) {
        long count = 0;
        for (long[] r : runs) {
            count += r[1] - r[0] + 1;
        }
        List<String> parts = new ArrayList<>();
        if (count <= 12) {
            for (long[] r : runs) {
                for (long i = r[0]; i <= r[1]; i++) {
                    parts.add(Long.toString(i));
                }
            }
            return "[" + String.join(", ", parts) + "]";
        }
        for (long[] r : runs) {
            parts.add(r[0] == r[1] ? Long.toString(r[0]) : r[0] + ".." + r[1]);
            if (parts.size() == 12) {
                parts.add("...");
                break;
            }
        }
        return "[" + String.join(", ", parts) + "] (" + count + " in all)";
    }
}
