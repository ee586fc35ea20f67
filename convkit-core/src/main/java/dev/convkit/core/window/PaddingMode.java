package dev.convkit.core.window;

import dev.convkit.core.InvalidArgumentException;

import java.util.Locale;

/**
 * How a convolution fills positions outside its input, as nn.ConvNd's {@code padding_mode}.
 *
 * <ul>
 *   <li>{@code ZEROS}: zeros, {@code [a b c] -> 0 [a b c] 0}.</li>
 *   <li>{@code REFLECT}: mirror without repeating the edge, {@code c b [a b c] b a}; padding must be below the size.</li>
 *   <li>{@code REPLICATE}: repeat the edge, {@code a a [a b c] c c}.</li>
 *   <li>{@code CIRCULAR}: wrap around, {@code b c [a b c] a b}; padding at most the size.</li>
 * </ul>
 *
 * <pre>{@code
 * assert PaddingMode.parse("reflect") == PaddingMode.REFLECT;
 * assert PaddingMode.CIRCULAR.torchName().equals("circular");
 * }</pre>
 */
public enum PaddingMode {
    ZEROS, REFLECT, REPLICATE, CIRCULAR;

    /** The PyTorch name: {@code zeros}, {@code reflect}, {@code replicate} or {@code circular}. */
    public String torchName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a PyTorch name. */
    public static PaddingMode parse(String name) {
        for (PaddingMode mode : values()) {
            if (mode.torchName().equals(name)) {
                return mode;
            }
        }
        throw InvalidArgumentException.of(
                "padding_mode must be one of zeros, reflect, replicate, circular, got '%s'", name);
    }

    /**
     * The input position that padded position {@code position} (which may be negative or {@code >= length})
     * reads, or -1 for a zero.
     */
    public int source(int position, int length) {
        if (position >= 0 && position < length) {
            return position;
        }
        switch (this) {
            case REFLECT: {
                int period = 2 * (length - 1);
                if (period == 0) {
                    return 0;
                }
                int r = Math.floorMod(position, period);
                return r < length ? r : period - r;
            }
            case REPLICATE:
                return position < 0 ? 0 : length - 1;
            case CIRCULAR:
                return Math.floorMod(position, length);
            default:
                return -1;
        }
    }
}
