package dev.convkit.core.pool;

import dev.convkit.core.op.Forward;
import dev.convkit.core.op.Gradients;
import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Shape;
import dev.convkit.core.tensor.SpatialLayout;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.window.Windows;

import java.util.Arrays;

/**
 * Max unpooling in 1, 2 or 3 dimensions (torch.nn.functional.max_unpoolNd): the partial inverse of
 * max pooling, forward and backward.
 *
 * <pre>
 *   out = zeros;  out[n, c].flat[indices[n, c, i]] = input[n, c, i]
 *   default size per dimension: (I − 1)·S − 2P + K
 * </pre>
 * An explicit output size (spatial sizes, or the full shape) must lie strictly between
 * {@code default − S} and {@code default + S}. Indices must lie in the output plane; duplicates are
 * written in order, the last one winning. The backward gathers: {@code grad_in[i] = grad_out.flat[indices[i]]}.
 *
 * <pre>{@code
 * Tensor v = Tensor.of(new double[][] {{109, 92}, {110, 85}}).reshape(1, 1, 2, 2);
 * IndexTensor idx = IndexTensor.wrap(new long[] {0, 1, 6, 4}, 1, 1, 2, 2);
 * Tensor out = MaxUnpool.forward(v, idx, PoolOptions.pool2d(2).stride(1), null);
 * assert Arrays.equals(out.data(), new float[] {109, 92, 0, 0, 85, 0, 110, 0, 0});
 * }</pre>
 */
public final class MaxUnpool {
    private MaxUnpool() {
    }

    /**
     * The forward pass as a context; its backward gathers the output gradient at each index.
     *
     * @param options    kernel, stride and padding of the max pooling being inverted
     * @param outputSize the spatial output size or the full output shape; null for the default
     */
    public static Forward run(Tensor input, IndexTensor indices, PoolOptions options, int[] outputSize) {
        String op = "max_unpool" + options.rank() + "d";
        SpatialLayout layout = SpatialLayout.of(op, options.rank(), input.shape());
        int[] outSpatial = outputSpatial(op, layout, options, outputSize);
        checkIndices(op, input.shape(), indices, outSpatial);
        int[] outShape = layout.shape(layout.channels(), outSpatial);
        float[] out = new float[Shape.checkedNumel(outShape)];
        int inPlane = layout.planeSize();
        int outPlane = Shape.checkedNumel(outSpatial);
        int planes = layout.batch() * layout.channels();
        float[] in = input.data();
        int[] idx = indices.compact();
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < inPlane; i++) {
                out[p * outPlane + idx[p * inPlane + i]] = in[p * inPlane + i];
            }
        }
        Tensor output = Tensor.wrap(out, outShape);
        return new Forward() {
            @Override
            public Tensor output() {
                return output;
            }

            @Override
            public Gradients backward(Tensor gradOutput) {
                if (!Arrays.equals(gradOutput.shape(), outShape)) {
                    throw InvalidArgumentException.of("%s: grad_output must have the output's shape %s, got %s",
                            op, Shape.toString(outShape), Shape.toString(gradOutput.shape()));
                }
                float[] grad = new float[in.length];
                float[] g = gradOutput.data();
                for (int p = 0; p < planes; p++) {
                    for (int i = 0; i < inPlane; i++) {
                        grad[p * inPlane + i] = g[p * outPlane + idx[p * inPlane + i]];
                    }
                }
                return Gradients.of("input", Tensor.wrap(grad, input.shape()));
            }
        };
    }

    /**
     * @param options    kernel, stride and padding of the max pooling being inverted
     * @param outputSize the spatial output size or the full output shape; null for the default
     */
    public static Tensor forward(Tensor input, IndexTensor indices, PoolOptions options, int[] outputSize) {
        return run(input, indices, options, outputSize).output();
    }

    /** The gradient with respect to the input: each element reads the output gradient at its index. */
    public static Tensor backward(Tensor input, IndexTensor indices, Tensor gradOutput, PoolOptions options,
                                  int[] outputSize) {
        return run(input, indices, options, outputSize).backward(gradOutput).get("input");
    }

    private static int[] outputSpatial(String op, SpatialLayout layout, PoolOptions options, int[] outputSize) {
        int rank = options.rank();
        PoolOptions.Window window = options.checkedWindow(op);
        int[] kernel = window.kernel();
        int[] stride = window.stride();
        int[] padding = window.padding();
        int[] defaults = new int[rank];
        for (int i = 0; i < rank; i++) {
            defaults[i] = Windows.unpoolOutputSize(layout.spatial()[i], kernel[i], stride[i], padding[i]);
        }
        int[] out = defaults;
        if (outputSize != null) {
            if (outputSize.length == rank + 2) {
                out = Arrays.copyOfRange(outputSize, 2, outputSize.length);
            } else if (outputSize.length == rank) {
                out = outputSize.clone();
            } else {
                throw InvalidArgumentException.of("%s: output_size must list %d spatial sizes or the full shape "
                        + "(%d values), got %s", op, rank, rank + 2, Arrays.toString(outputSize));
            }
            Windows.requireUnpoolSize(op, out, defaults, stride);
        }
        Windows.requireNonEmptyOutput(op, layout.spatial(), out);
        Shape.checkedNumel(layout.shape(layout.channels(), out));
        return out;
    }

    private static void checkIndices(String op, int[] inputShape, IndexTensor indices, int[] outSpatial) {
        if (!Arrays.equals(indices.shape(), inputShape)) {
            throw InvalidArgumentException.of("%s: indices must have the input's shape %s, got %s",
                    op, Shape.toString(inputShape), Shape.toString(indices.shape()));
        }
        long plane = Shape.numel(outSpatial);
        java.util.OptionalLong outside = indices.firstOutside(plane);
        if (outside.isPresent()) {
            throw InvalidArgumentException.of("%s: index %d lies outside the output plane of size %s (%d elements)",
                    op, outside.getAsLong(), Arrays.toString(outSpatial), plane);
        }
    }
}
