package dev.convkit.core.conv;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Shape;
import dev.convkit.core.tensor.SpatialLayout;
import dev.convkit.core.window.Padding;
import dev.convkit.core.window.PaddingMode;
import dev.convkit.core.window.SameSplit;
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
    private PaddingMode explicitMode;
    private int[] explicitLeft;
    private int[] explicitRight;
    private int[] explicitStride = {1, 1, 1};
    private ConvGeometry kernelGeometry;
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
        this.kernelGeometry = geometry;
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
        } else {
            SameSplit split = sameSplit(op, paddingString);
            padLeft = new int[rank];
            padRight = new int[rank];
            for (int i = 0; split != null && i < rank; i++) {
                int[] sides = Windows.samePadding(layout.spatial()[i], kernel[i], stride[i], dilation[i], split);
                padLeft[i] = sides[0];
                padRight[i] = sides[1];
            }
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
        int[] outputPadding = Windows.expand(op, "output_padding", options.outputPadding(), rank);
        int[] cropStart;
        int[] cropEnd;
        String paddingString = options.paddingString();
        if (paddingString == null) {
            cropStart = Windows.expand(op, "padding", options.padding(), rank);
            Windows.requireNonNegative(op, "padding", cropStart);
            cropEnd = cropStart.clone();
        } else {
            SameSplit split = sameSplit(op, paddingString);
            cropStart = new int[rank];
            cropEnd = new int[rank];
            if (split != null) {
                for (int p : outputPadding) {
                    if (p != 0) {
                        throw InvalidArgumentException.of("%s: padding='%s' sets the output size to input × stride, "
                                + "so output_padding must be 0, got output_padding=%s", op, paddingString,
                                Arrays.toString(outputPadding));
                    }
                }
                for (int i = 0; i < rank; i++) {
                    int[] sides = Windows.transposedSamePadding(kernel[i], stride[i], dilation[i], split);
                    cropStart[i] = sides[0];
                    cropEnd[i] = sides[1];
                }
            }
        }
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
            outSpatial[i] = Windows.transposedOutputCroppedSize(layout.spatial()[i], kernel[i], stride[i], cropStart[i],
                    cropEnd[i], dilation[i], outputPadding[i]);
        }
        Windows.requireNonEmptyOutput(op, layout.spatial(), outSpatial);
        ConvGeometry geometry = new ConvGeometry(layout.batch(), groups, outChannels, inChannels,
                layout.lifted(outSpatial), layout.lifted(layout.spatial()), SpatialLayout.lift(kernel, 1),
                SpatialLayout.lift(stride, 1), SpatialLayout.lift(dilation, 1), SpatialLayout.lift(cropStart, 0));
        PaddingMode mode = options.paddingMode();
        ConvPlan plan = new ConvPlan(op, true, layout, geometry, null, null, null, outSpatial, outChannels,
                cropStart, cropEnd, mode);
        boolean shifted = Arrays.stream(cropStart).anyMatch(p -> p < 0);
        if (mode != PaddingMode.ZEROS || shifted) {
            plan.correlationView(op, kernel, stride, dilation, cropStart, cropEnd, outputPadding);
        }
        return plan;
    }

    /**
     * Runs this transposed convolution as the correlation of its input, stride-dilated and padded
     * by the mode, with the flipped kernel: view padding {@code d*(k-1) - crop} at the start and
     * {@code d*(k-1) - crop + output_padding} at the end (negative: the view is cropped).
     */
    private void correlationView(String op, int[] kernel, int[] stride, int[] dilation, int[] cropStart,
                                 int[] cropEnd, int[] outputPadding) {
        int rank = kernel.length;
        int[] left = new int[rank];
        int[] right = new int[rank];
        int[] viewSize = new int[rank];
        double volume = (double) layout.batch() * layout.channels();
        for (int i = 0; i < rank; i++) {
            long reach = Windows.flippedPadding(kernel[i], dilation[i], 0);
            long start = reach - cropStart[i];
            long end = reach - cropEnd[i] + outputPadding[i];
            long size = Padding.dilatedSize(layout.spatial()[i], stride[i]) + start + end;
            viewSize[i] = Shape.checkedBuffer(op + ": the correlation view", Math.max(size, Math.max(start, end)));
            left[i] = (int) start;
            right[i] = (int) end;
            volume *= size;
        }
        Padding.validateDilated(op, paddingMode, layout.spatial(), stride, left, right);
        Shape.checkedBuffer(op + ": the " + paddingMode.torchName() + "-padded correlation view of the input", volume);
        explicitMode = paddingMode;
        explicitLeft = SpatialLayout.lift(left, 0);
        explicitRight = SpatialLayout.lift(right, 0);
        explicitStride = SpatialLayout.lift(stride, 1);
        int[] unit = new int[rank];
        Arrays.fill(unit, 1);
        kernelGeometry = new ConvGeometry(layout.batch(), geometry.groups(), layout.channels(), geometry.imageChannels(),
                layout.lifted(viewSize), layout.lifted(outputSpatial), geometry.kernel(), SpatialLayout.lift(unit, 1),
                geometry.dilation(), new int[3]);
    }

    /** The split that a string padding asks for: null for 'valid'. */
    private static SameSplit sameSplit(String op, String padding) {
        switch (padding) {
            case "valid": return null;
            case "same": return SameSplit.UPPER;
            case "same_lower": return SameSplit.LOWER;
            default:
                throw InvalidArgumentException.of("%s: padding must be a number, a list, 'same', 'same_lower' or 'valid', "
                        + "got '%s'", op, padding);
        }
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

    /**
     * The resolved padding before each spatial dimension ('same' split, or the numeric padding); for
     * a transposed convolution the positions cut from the start of its full output (negative: added).
     */
    public int[] padLeft() {
        return padLeft.clone();
    }

    /**
     * The resolved padding after each spatial dimension ('same' puts the odd element here); for a
     * transposed convolution the cut at the end.
     */
    public int[] padRight() {
        return padRight.clone();
    }

    /** How positions outside the input are filled. */
    public PaddingMode paddingMode() {
        return paddingMode;
    }

    /**
     * Whether the kernels run a correlation: a convolution, or a transposed convolution through its
     * correlation view (padding modes, or 'same' that extends the output at the start).
     */
    boolean correlates() {
        return !transposed || kernelGeometry != geometry;
    }

    /** The geometry the kernels run on: {@link #geometry}, or the correlation view's. */
    ConvGeometry kernelGeometry() {
        return kernelGeometry;
    }

    /** The weight as the kernels read it: flipped and transposed for a correlation view. */
    float[] kernelWeight(float[] weight) {
        return transposed && correlates() ? FastConv.flipTransposed(geometry, weight) : weight;
    }

    /** The weight gradient from the gradient of {@link #kernelWeight}. */
    float[] foldWeightGradient(float[] gradKernelWeight) {
        return transposed && correlates() ? FastConv.flipTransposed(kernelGeometry, gradKernelWeight) : gradKernelWeight;
    }

    /** The input as the kernels read it: padded explicitly (and stride-dilated for a view) when needed. */
    float[] image(float[] input) {
        if (explicitMode == null) {
            return input;
        }
        return Padding.pad(input, layout.batch() * layout.channels(), layout.lifted(layout.spatial()),
                explicitStride, explicitLeft, explicitRight, explicitMode);
    }

    /** The input gradient from the gradient of {@link #image}: folds explicit padding back. */
    float[] foldImageGradient(float[] gradImage) {
        if (explicitMode == null) {
            return gradImage;
        }
        return Padding.foldBack(gradImage, layout.batch() * layout.channels(), layout.lifted(layout.spatial()),
                explicitStride, explicitLeft, explicitRight, explicitMode);
    }
}
