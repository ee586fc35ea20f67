package dev.convkit.core;

import java.util.Locale;

/**
 * Thrown when an op is called with arguments it cannot accept: a bad parameter, a shape that does not
 * fit, or a tensor above the size limit. The message names the op, the parameter, the values and the
 * rule that was broken, so that it can be shown to a user as it is.
 *
 * <pre>{@code
 * Tensor x = Tensor.zeros(1, 1, 5, 5);
 * Tensor w = Tensor.zeros(1, 1, 3, 3);
 * try {
 *     Conv.forward(x, w, null, ConvOptions.conv2d().stride(0));
 *     throw new AssertionError("stride 0 must be refused");
 * } catch (InvalidArgumentException e) {
 *     assert e.getMessage().equals("conv2d: stride must be positive, got stride=[0, 0]");
 * }
 * }</pre>
 */
public final class InvalidArgumentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidArgumentException(String message) {
        super(message);
    }

    /** Formats {@code String.format(format, args)} into the message. */
    public static InvalidArgumentException of(String format, Object... args) {
        return new InvalidArgumentException(String.format(Locale.ROOT, format, args));
    }
}
