package dev.convkit.core.conv;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Shape;
import dev.convkit.core.tensor.SpatialLayout;
import dev.convkit.core.window.Padding;
import dev.convkit.core.window.PaddingMode;
import dev.convkit.core.window.Windows;

import java.util.Arrays;

/**
 * A convolution call checked and resolved against its shapes: the geometry the kernels run on, the
 * explicit padding (for non-zeros padding modes) and the output shape.
 *
 * <pre>{@code
 * ConvPlan plan = ConvPlan.resolve(ConvOptions.conv2d(), new int[] {1, 1, 5, 5}, new int[] {1, 1, 3, 3}, null);
 * assert Arrays.equals(plan.outputShape(), new int[] {1, 1, 3, 3});
 * }</pre>
 */
public final class ConvPlan {
    private final String op;
    private final boolean transposed;
    private final SpatialLayout layout;
    private final ConvGeometry geometry;
    private final PaddingMode explicitMode;
    private final int[] explicitLeft;
    private final int[] explicitRight;
    private final int[] outputShape;
    private final int[] outputSpatial;
    private final int[] padLeft;
    private final int[] padRight;
    private final PaddingMode paddingMode;
    private ConvOptions options;

    private ConvPlan(String op, boolean transposed, SpatialLayout layout, ConvGeometry geometry,
                     PaddingMode explicitMode, int[] explicitLeft, int[] explicitRight, int[] outputSpatial,
                     int outputChannels, int[] padLeft, int[] padRight, PaddingMode paddingMode) {
        this.op = op;
        this.padLeft = padLeft;
        this.padRight = padRight;
        this.paddingMode = paddingMode;
        this.transposed = transposed;
        this.layout = layout;
        this.geometry = geometry;
        this.explicitMode = explicitMode;
        this.explicitLeft = explicitLeft;
        this.explicitRight = explicitRight;
        this.outputSpatial = outputSpatial;
        this.outputShape = layout.shape(outputChannels, outputSpatial);
        Shape.checkedNumel(outputShape);
    }

    /**
     * Checks every parameter and shape and resolves the plan.
     *
     * @param biasShape the bias shape, or null when there is no bias
     * @throws InvalidArgumentException naming the op, the parameter and the rule broken
     */
    public static ConvPlan resolve(ConvOptions options, int[] inputShape, int[] weightShape, int[] biasShape) {
        String op = options.opName();
        int rank = options.rank();
        SpatialLayout layout = SpatialLayout.of(op, rank, inputShape);
        if (weightShape.length != rank + 2) {
            throw InvalidArgumentException.of("%s: weight must be %d-D (out channels, in channels / groups, kernel), got shape %s",
                    op, rank + 2, Shape.toString(weightShape));
        }
        int[] kernel = Arrays.copyOfRange(weightShape, 2, weightShape.length);
        Windows.requirePositive(op, "kernel size (weight shape)", kernel);
        int[] stride = Windows.expand(op, "stride", options.stride(), rank);
        int[] dilation = Windows.expand(op, "dilation", options.dilation(), rank);
        Windows.requirePositive(op, "stride", stride);
        Windows.requirePositive(op, "dilation", dilation);
        int groups = options.groups();
        if (groups <= 0) {
            throw InvalidArgumentException.of("%s: groups must be positive, got groups=%d", op, groups);
        }
        ConvPlan plan = options.transposed()
                ? resolveTransposed(options, op, layout, weightShape, biasShape, kernel, stride, dilation, groups)
                : resolveForward(options, op, layout, weightShape, biasShape, kernel, stride, dilation, groups);
        plan.options = options;
        return plan;
    }

    private static ConvPlan resolveForward(ConvOptions options, String op, SpatialLayout layout, int[] weightShape,
                                           int[] biasShape, int[] kernel, int[] stride, int[] dilation, int groups) {
        int rank = options.rank();
        int[] padLeft;
        int[] padRight;
        String paddingString = options.paddingString();
        if (paddingString == null) {
            padLeft = Windows.expand(op, "padding", options.padding(), rank);
            Windows.requireNonNegative(op, "padding", padLeft);
            padRight = padLeft.clone();
        } else if (paddingString.equals("valid")) {
            padLeft = new int[rank];
            padRight = new int[rank];
        } else if (paddingString.equals("same")) {
            for (int s : stride) {
                if (s != 1) {
                    throw InvalidArgumentException.of("%s: padding='same' needs stride 1 in every dimension, got stride=%s",
                            op, Arrays.toString(stride));
                }
            }
            padLeft = new int[rank];
            padRight = new int[rank];
            for (int i = 0; i < rank; i++) {
                int[] split = Windows.samePadding(kernel[i], dilation[i]);
                padLeft[i] = split[0];
                padRight[i] = split[1];
            }
        } else {
            throw InvalidArgumentException.of("%s: padding must be a number, a list, 'same' or 'valid', got '%s'",
                    op, paddingString);
        }
        int outChannels = weightShape[0];
        checkGroups(op, groups, outChannels, "output channels (weight dimension 0)");
        int expectedIn = weightShape[1] * groups;
        if (layout.channels() != expectedIn) {
            throw InvalidArgumentException.of("%s: input has %d channels, but weight %s with groups=%d expects %d "
                    + "(weight dimension 1 × groups)", op, layout.channels(), Shape.toString(weightShape), groups, expectedIn);
        }
        checkBias(op, biasShape, outChannels);
        Windows.requireKernelFits(op, layout.spatial(), kernel, dilation, padLeft, padRight);
        PaddingMode mode = options.paddingMode();
        int[] outSpatial = new int[rank];
        double paddedVolume = (double) layout.batch() * layout.channels();
        for (int i = 0; i < rank; i++) {
            long padTotal = (long) padLeft[i] + padRight[i];
            outSpatial[i] = Shape.checkedBuffer(op + ": output size",
                    Windows.convOutput(layout.spatial()[i], kernel[i], stride[i], padTotal, dilation[i]));
            paddedVolume *= layout.spatial()[i] + padTotal;
        }
        int[] image;
        int[] convPad;
        int[] explicitLeft = null;
        int[] explicitRight = null;
        if (mode == PaddingMode.ZEROS) {
            image = layout.lifted(layout.spatial());
            convPad = SpatialLayout.lift(padLeft, 0);
        } else {
            Padding.validate(op, mode, layout.spatial(), padLeft, padRight);
            Shape.checkedBuffer(op + ": the " + mode.torchName() + "-padded copy of the input", paddedVolume);
            explicitLeft = SpatialLayout.lift(padLeft, 0);
            explicitRight = SpatialLayout.lift(padRight, 0);
            int[] paddedSize = layout.spatial().clone();
            for (int i = 0; i < rank; i++) {
                paddedSize[i] += padLeft[i] + padRight[i];
            }
            image = layout.lifted(paddedSize);
            convPad = new int[3];
        }
        ConvGeometry geometry = new ConvGeometry(layout.batch(), groups, layout.channels(), outChannels,
                image, layout.lifted(outSpatial), SpatialLayout.lift(kernel, 1), SpatialLayout.lift(stride, 1),
                SpatialLayout.lift(dilation, 1), convPad);
        return new ConvPlan(op, false, layout, geometry, mode == PaddingMode.ZEROS ? null : mode,
                explicitLeft, explicitRight, outSpatial, outChannels, padLeft, padRight, mode);
    }

    private static ConvPlan resolveTransposed(ConvOptions options, String op, SpatialLayout layout, int[] weightShape,
                                              int[] biasShape, int[] kernel, int[] stride, int[] dilation, int groups) {
        int rank = options.rank();
        if (options.paddingString() != null) {
            throw InvalidArgumentException.of("%s: padding must be a number or a list, got '%s' "
                    + "(string padding is defined for convolutions, not their transposes)", op, options.paddingString());
        }
        if (options.paddingMode() != PaddingMode.ZEROS) {
            throw InvalidArgumentException.of("%s: only padding_mode 'zeros' is supported for transposed convolutions, got '%s'",
                    op, options.paddingMode().torchName());
        }
        int[] padding = Windows.expand(op, "padding", options.padding(), rank);
        Windows.requireNonNegative(op, "padding", padding);
        int[] outputPadding = Windows.expand(op, "output_padding", options.outputPadding(), rank);
        Windows.requireOutputPadding(op, outputPadding, stride, dilation);
        int inChannels = weightShape[0];
        if (layout.channels() != inChannels) {
            throw InvalidArgumentException.of("%s: input has %d channels, but weight %s expects %d (weight dimension 0)",
                    op, layout.channels(), Shape.toString(weightShape), inChannels);
        }
        checkGroups(op, groups, inChannels, "input channels (weight dimension 0)");
        int outChannels = weightShape[1] * groups;
        checkBias(op, biasShape, outChannels);
        int[] outSpatial = new int[rank];
        for (int i = 0; i < rank; i++) {
            outSpatial[i] = Windows.transposedOutputSize(layout.spatial()[i], kernel[i], stride[i], padding[i],
                    dilation[i], outputPadding[i]);
        }
        Windows.requireNonEmptyOutput(op, layout.spatial(), outSpatial);
        ConvGeometry geometry = new ConvGeometry(layout.batch(), groups, outChannels, inChannels,
                layout.lifted(outSpatial), layout.lifted(layout.spatial()), SpatialLayout.lift(kernel, 1),
                SpatialLayout.lift(stride, 1), SpatialLayout.lift(dilation, 1), SpatialLayout.lift(padding, 0));
        return new ConvPlan(op, true, layout, geometry, null, null, null, outSpatial, outChannels, padding, padding,
                PaddingMode.ZEROS);
    }

    private static void checkGroups(String op, int groups, int channels, String what) {
        if (channels < groups || channels % groups != 0) {
            throw InvalidArgumentException.of("%s: %s = %d must be a positive multiple of groups = %d",
                    op, what, channels, groups);
        }
    }

    private static void checkBias(String op, int[] biasShape, int outChannels) {
        if (biasShape != null && (biasShape.length != 1 || biasShape[0] != outChannels)) {
            throw InvalidArgumentException.of("%s: bias must be 1-D with %d elements (one per output channel), got shape %s",
                    op, outChannels, Shape.toString(biasShape));
        }
    }

    public String op() {
        return op;
    }

    /** The options the plan was resolved from. */
    public ConvOptions options() {
        return options;
    }

    public boolean transposed() {
        return transposed;
    }

    public SpatialLayout layout() {
        return layout;
    }

    public ConvGeometry geometry() {
        return geometry;
    }

    /** The output's shape, batched like the input. */
    public int[] outputShape() {
        return outputShape.clone();
    }

    /** The output's spatial sizes. */
    public int[] outputSpatial() {
        return outputSpatial.clone();
    }

    /** The resolved padding before each spatial dimension ('same' split, or the numeric padding). */
    public int[] padLeft() {
        return padLeft.clone();
    }

    /** The resolved padding after each spatial dimension ('same' puts the odd element here). */
    public int[] padRight() {
        return padRight.clone();
    }

    /** How positions outside the input are filled. */
    public PaddingMode paddingMode() {
        return paddingMode;
    }

    /** The input as the kernels read it: padded explicitly when the mode asks for it. */
    float[] image(float[] input) {
        if (explicitMode == null) {
            return input;
        }
        return Padding.pad(input, layout.batch() * layout.channels(), layout.lifted(layout.spatial()),
                explicitLeft, explicitRight, explicitMode);
    }

    /** The input gradient from the gradient of {@link #image}: folds explicit padding back. */
    float[] foldImageGradient(float[] gradImage) {
        if (explicitMode == null) {
            return gradImage;
        }
        return Padding.foldBack(gradImage, layout.batch() * layout.channels(), layout.lifted(layout.spatial()),
                explicitLeft, explicitRight, explicitMode);
    }
}
