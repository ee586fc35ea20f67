package dev.convkit.core.op;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.pool.PoolPlan;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The types an op parameter can have, and how a raw value (as JSON or a command line gives it:
 * numbers, booleans, strings, lists, int or double arrays) becomes the typed value the op reads. Every
 * failure names the op and the parameter.
 *
 * <pre>{@code
 * assert Arrays.equals((int[]) ParamType.INTS.coerce("conv2d", "stride", 2), new int[] {2});
 * assert Arrays.equals((int[]) ParamType.INTS.coerce("conv2d", "stride", List.of(1, 2)), new int[] {1, 2});
 * assert (Double) ParamType.NUMBER.coerce("lp_pool2d", "norm_type", "inf") == Double.POSITIVE_INFINITY;
 * }</pre>
 */
public enum ParamType {
    /** An int, or a list of ints (one per spatial dimension): {@code int[]}. */
    INTS,
    /** {@link #INTS} whose entries may be null (PyTorch's None: keep that size), kept as {@link #NONE}. */
    INTS_OR_NONE,
    /** One int: {@code Integer}. */
    INT,
    /** A whole number in long range (seeds): {@code Long}. */
    LONG,
    /** true or false: {@code Boolean}. */
    BOOL,
    /** A number; "inf", "-inf" and "nan" are accepted as strings: {@code Double}. */
    NUMBER,
    /** A number or a list of numbers: {@code double[]}. */
    NUMBERS,
    /** {@link #INTS}, or one of the strings 'same' and 'valid': {@code int[]} or {@code String}. */
    INTS_OR_STRING,
    /** A string: {@code String}. */
    STRING;

    /** The entry of {@link #INTS_OR_NONE} that stands for None. */
    public static final int NONE = PoolPlan.KEEP;

    /**
     * The typed value of {@code raw}.
     *
     * @throws InvalidArgumentException naming the op and the parameter when the value has the wrong type
     */
    public Object coerce(String op, String name, Object raw) {
        switch (this) {
            case INTS:
                return ints(op, name, raw, false);
            case INTS_OR_NONE:
                return ints(op, name, raw, true);
            case INT:
                return toInt(op, name, raw);
            case LONG:
                return toLong(op, name, raw);
            case BOOL:
                if (raw instanceof Boolean b) {
                    return b;
                }
                throw InvalidArgumentException.of("%s: %s must be true or false, got %s", op, name, show(raw));
            case NUMBER:
                return toNumber(op, name, raw);
            case NUMBERS:
                if (raw instanceof double[] d) {
                    return d.clone();
                }
                if (raw instanceof List<?> list) {
                    double[] out = new double[list.size()];
                    for (int i = 0; i < out.length; i++) {
                        if (!(list.get(i) instanceof Number n)) {
                            throw InvalidArgumentException.of("%s: %s must hold numbers, got %s", op, name, show(raw));
                        }
                        out[i] = n.doubleValue();
                    }
                    return out;
                }
                return new double[] {toNumber(op, name, raw)};
            case INTS_OR_STRING:
                if (raw instanceof String text) {
                    return text;
                }
                return ints(op, name, raw, false);
            case STRING:
            default:
                if (raw instanceof String text) {
                    return text;
                }
                throw InvalidArgumentException.of("%s: %s must be a string, got %s", op, name, show(raw));
        }
    }

    private static int[] ints(String op, String name, Object raw, boolean noneAllowed) {
        if (raw instanceof int[] values) {
            return values.clone();
        }
        if (raw instanceof List<?> list) {
            int[] out = new int[list.size()];
            for (int i = 0; i < out.length; i++) {
                Object entry = list.get(i);
                out[i] = entry == null && noneAllowed ? NONE : toInt(op, name, entry);
            }
            return out;
        }
        return new int[] {toInt(op, name, raw)};
    }

    private static int toInt(String op, String name, Object raw) {
        if (raw instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        throw InvalidArgumentException.of("%s: %s must be an integer (or a list of integers) within int range, got %s",
                op, name, show(raw));
    }

    private static long toLong(String op, String name, Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 0x1p63) {
            return n.longValue();
        }
        throw InvalidArgumentException.of("%s: %s must be an integer within long range, got %s", op, name, show(raw));
    }

    private static double toNumber(String op, String name, Object raw) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        if (raw instanceof String s) {
            String text = s.trim().toLowerCase(Locale.ROOT);
            switch (text) {
                case "inf": case "infinity": case "+inf": return Double.POSITIVE_INFINITY;
                case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
                case "nan": return Double.NaN;
                default:
                    try {
                        return Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        break;
                    }
            }
        }
        throw InvalidArgumentException.of("%s: %s must be a number, got %s", op, name, show(raw));
    }

    /** A raw value as the user wrote it, for messages. */
    static String show(Object raw) {
        if (raw instanceof String s) {
            return "\"" + s + "\"";
        }
        if (raw instanceof int[] a) {
            return Arrays.toString(a);
        }
        if (raw instanceof double[] a) {
            return Arrays.toString(a);
        }
        return String.valueOf(raw);
    }
}
