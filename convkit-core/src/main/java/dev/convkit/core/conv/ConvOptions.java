package dev.convkit.core.conv;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.window.PaddingMode;

import java.util.Locale;

/**
 * The parameters of a convolution or transposed convolution, as torch.nn.functional and nn.ConvNd
 * take them. Immutable: every setter returns a new instance. Values are checked when an op runs, so
 * that the message can name the shapes too.
 *
 * <p>Per-dimension parameters take one value (applied to every spatial dimension) or one value per
 * dimension, outermost first.
 *
 * <pre>{@code
 * ConvOptions strided = ConvOptions.conv2d().stride(2).padding(1);
 * ConvOptions same = ConvOptions.conv2d().padding("same").dilation(2).paddingMode(PaddingMode.REFLECT);
 * ConvOptions up = ConvOptions.convTranspose3d().stride(2).outputPadding(1).groups(4);
 * assert up.opName().equals("conv_transpose3d");
 * ConvOptions tf = ConvOptions.conv2d().stride(2).padding("same_lower");  // ONNX SAME_LOWER
 * ConvOptions upSame = ConvOptions.convTranspose2d().stride(2).padding("same").paddingMode(PaddingMode.REPLICATE);
 * }</pre>
 */
public final class ConvOptions {
    private final int rank;
    private final boolean transposed;
    private final int[] stride;
    private final int[] padding;
    private final String paddingString;
    private final int[] dilation;
    private final int[] outputPadding;
    private final int groups;
    private final PaddingMode paddingMode;

    private ConvOptions(int rank, boolean transposed, int[] stride, int[] padding, String paddingString,
                        int[] dilation, int[] outputPadding, int groups, PaddingMode paddingMode) {
        this.rank = rank;
        this.transposed = transposed;
        this.stride = stride;
        this.padding = padding;
        this.paddingString = paddingString;
        this.dilation = dilation;
        this.outputPadding = outputPadding;
        this.groups = groups;
        this.paddingMode = paddingMode;
    }

    /** Defaults for a convolution with {@code rank} (1 to 3) spatial dimensions. */
    public static ConvOptions conv(int rank) {
        return of(rank, false);
    }

    /** Defaults for a transposed convolution with {@code rank} (1 to 3) spatial dimensions. */
    public static ConvOptions convTranspose(int rank) {
        return of(rank, true);
    }

    private static ConvOptions of(int rank, boolean transposed) {
        if (rank < 1 || rank > 3) {
            throw InvalidArgumentException.of("convolution rank must be 1, 2 or 3, got %d", rank);
        }
        return new ConvOptions(rank, transposed, new int[] {1}, new int[] {0}, null, new int[] {1},
                new int[] {0}, 1, PaddingMode.ZEROS);
    }

    public static ConvOptions conv1d() {
        return of(1, false);
    }

    public static ConvOptions conv2d() {
        return of(2, false);
    }

    public static ConvOptions conv3d() {
        return of(3, false);
    }

    public static ConvOptions convTranspose1d() {
        return of(1, true);
    }

    public static ConvOptions convTranspose2d() {
        return of(2, true);
    }

    public static ConvOptions convTranspose3d() {
        return of(3, true);
    }

    public ConvOptions stride(int... values) {
        return new ConvOptions(rank, transposed, values.clone(), padding, paddingString, dilation, outputPadding,
                groups, paddingMode);
    }

    /** Numeric padding, per side. */
    public ConvOptions padding(int... values) {
        return new ConvOptions(rank, transposed, stride, values.clone(), null, dilation, outputPadding,
                groups, paddingMode);
    }

    /**
     * String padding. {@code "valid"}: none. {@code "same"}: a convolution's output has
     * {@code ceil(L/s)} positions, its padding split with the odd element at the end (TensorFlow,
     * ONNX SAME_UPPER; PyTorch's 'same' for stride 1); a transposed convolution's output has
     * {@code L*s} positions, the odd cut at the end (ONNX ConvTranspose SAME_UPPER).
     * {@code "same_lower"}: the same sizes, the odd element at the start (ONNX SAME_LOWER).
     */
    public ConvOptions padding(String value) {
        return new ConvOptions(rank, transposed, stride, null, value, dilation, outputPadding, groups, paddingMode);
    }

    public ConvOptions dilation(int... values) {
        return new ConvOptions(rank, transposed, stride, padding, paddingString, values.clone(), outputPadding,
                groups, paddingMode);
    }

    /** Extra output positions at the end of each dimension (transposed convolutions only). */
    public ConvOptions outputPadding(int... values) {
        return new ConvOptions(rank, transposed, stride, padding, paddingString, dilation, values.clone(),
                groups, paddingMode);
    }

    public ConvOptions groups(int value) {
        return new ConvOptions(rank, transposed, stride, padding, paddingString, dilation, outputPadding,
                value, paddingMode);
    }

    public ConvOptions paddingMode(PaddingMode value) {
        return new ConvOptions(rank, transposed, stride, padding, paddingString, dilation, outputPadding,
                groups, value);
    }

    /** The op's PyTorch name, e.g. {@code conv2d} or {@code conv_transpose3d}. */
    public String opName() {
        return String.format(Locale.ROOT, transposed ? "conv_transpose%dd" : "conv%dd", rank);
    }

    public int rank() {
        return rank;
    }

    public boolean transposed() {
        return transposed;
    }

    public int[] stride() {
        return stride.clone();
    }

    /** Numeric padding, or null when a padding string was given. */
    public int[] padding() {
        return padding == null ? null : padding.clone();
    }

    /** The padding string, or null for numeric padding. */
    public String paddingString() {
        return paddingString;
    }

    public int[] dilation() {
        return dilation.clone();
    }

    public int[] outputPadding() {
        return outputPadding.clone();
    }

    public int groups() {
        return groups;
    }

    public PaddingMode paddingMode() {
        return paddingMode;
    }
}
