package dev.convkit.core.tensor;

import dev.convkit.core.InvalidArgumentException;

import java.util.Arrays;

/**
 * Shape utilities: element counts with overflow checks and the process-wide size limit.
 *
 * <p>The limit (default 2^28 elements, 1 GiB of float32) keeps a bad parameter from exhausting the
 * heap. Set it with the system property {@code convkit.maxElements} or {@link #setMaxElements(long)}.
 *
 * <pre>{@code
 * assert Shape.numel(new int[] {2, 3, 4}) == 24;
 * assert Shape.toString(new int[] {1, 1, 5}).equals("[1, 1, 5]");
 * }</pre>
 */
public final class Shape {
    /** Java arrays cannot hold more than this many elements. */
    public static final long ARRAY_LIMIT = Integer.MAX_VALUE - 8L;
    /** The default size limit, 2^28 elements. */
    public static final long DEFAULT_MAX_ELEMENTS = 1L << 28;

    private static volatile long maxElements = readLimitProperty();

    private Shape() {
    }

    private static long readLimitProperty() {
        String value = System.getProperty("convkit.maxElements");
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_ELEMENTS;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed > 0) {
                return Math.min(parsed, ARRAY_LIMIT);
            }
        } catch (NumberFormatException ignored) {
            // fall through to the default: a bad property must not stop the library from loading
        }
        return DEFAULT_MAX_ELEMENTS;
    }

    /** The size limit: a tensor must have fewer elements than this (the limit is exclusive). */
    public static long maxElements() {
        return maxElements;
    }

    /** Sets the size limit; values above what a Java array can hold are capped. */
    public static void setMaxElements(long limit) {
        if (limit <= 0) {
            throw InvalidArgumentException.of("max elements must be positive, got %d", limit);
        }
        maxElements = Math.min(limit, ARRAY_LIMIT);
    }

    /**
     * The number of elements of {@code shape}, as a long. Negative dimensions and counts that
     * overflow a long are errors.
     */
    public static long numel(int[] shape) {
        long count = 1;
        for (int size : shape) {
            if (size < 0) {
                throw InvalidArgumentException.of("shape %s has a negative dimension", toString(shape));
            }
            try {
                count = Math.multiplyExact(count, size);
            } catch (ArithmeticException e) {
                throw InvalidArgumentException.of("shape %s has more elements than a long can count", toString(shape));
            }
        }
        return count;
    }

    /** The element count of {@code shape} as an int, refusing counts at or above the size limit. */
    public static int checkedNumel(int[] shape) {
        long count = numel(shape);
        if (count >= maxElements) {
            throw InvalidArgumentException.of("shape %s has %d elements, at or above the limit of %d (convkit.maxElements)",
                    toString(shape), count, maxElements);
        }
        return (int) count;
    }

    /**
     * Refuses a working buffer of {@code elements} floats at or above the size limit, before it is
     * allocated: the limit bounds every allocation that grows with the parameters, not only inputs and
     * outputs. {@code elements} is a double so that a product of sizes cannot overflow on the way.
     *
     * @param what the buffer, e.g. "conv2d: padded input"
     */
    public static int checkedBuffer(String what, double elements) {
        if (elements >= maxElements) {
            throw InvalidArgumentException.of("%s would need %.0f elements, at or above the limit of %d (convkit.maxElements)",
                    what, elements, maxElements);
        }
        return (int) elements;
    }

    /** Formats a shape like {@code [1, 3, 5, 5]}. */
    public static String toString(int[] shape) {
        return Arrays.toString(shape);
    }

    /** Row-major strides of {@code shape}. */
    public static int[] strides(int[] shape) {
        int[] strides = new int[shape.length];
        int stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= shape[i];
        }
        return strides;
    }
}
