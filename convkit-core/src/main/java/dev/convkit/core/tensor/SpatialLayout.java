package dev.convkit.core.tensor;

import dev.convkit.core.InvalidArgumentException;

import java.util.Arrays;

/**
 * How an op reads its input: batched {@code (N, C, *spatial)} or unbatched {@code (C, *spatial)}, with
 * 1, 2 or 3 spatial dimensions. Ops compute on the lifted form {@code (N, C, D, H, W)}, where missing
 * leading spatial dimensions have size 1, so that one loop nest serves 1d, 2d and 3d.
 *
 * <pre>{@code
 * SpatialLayout l = SpatialLayout.of("conv2d", 2, new int[] {3, 5, 7}); // unbatched
 * assert l.batch() == 1;
 * assert Arrays.equals(l.lifted(l.spatial()), new int[] {1, 5, 7});
 * assert Arrays.equals(l.shape(4, new int[] {3, 5}), new int[] {4, 3, 5}); // unbatched again
 * }</pre>
 *
 * @param op       the op name, for messages
 * @param rank     the number of spatial dimensions, 1 to 3
 * @param batched  whether the input had a batch dimension
 * @param batch    N (1 when unbatched)
 * @param channels C
 * @param spatial  the spatial sizes, outermost first
 */
public record SpatialLayout(String op, int rank, boolean batched, int batch, int channels, int[] spatial) {

    /** Reads {@code shape} as an input of an op with {@code rank} spatial dimensions. */
    public static SpatialLayout of(String op, int rank, int[] shape) {
        if (shape.length != rank + 1 && shape.length != rank + 2) {
            throw InvalidArgumentException.of("%s: expected a %d-D (unbatched) or %d-D (batched) input, got shape %s",
                    op, rank + 1, rank + 2, Shape.toString(shape));
        }
        boolean batched = shape.length == rank + 2;
        int first = batched ? 2 : 1;
        int[] spatial = Arrays.copyOfRange(shape, first, shape.length);
        for (int size : spatial) {
            if (size <= 0) {
                throw InvalidArgumentException.of("%s: every spatial dimension of the input must be positive, got shape %s",
                        op, Shape.toString(shape));
            }
        }
        return new SpatialLayout(op, rank, batched, batched ? shape[0] : 1, shape[first - 1], spatial);
    }

    /** Lifts per-dimension values to length 3, filling leading dimensions with {@code fill}. */
    public static int[] lift(int[] values, int fill) {
        int[] out = new int[3];
        Arrays.fill(out, fill);
        System.arraycopy(values, 0, out, 3 - values.length, values.length);
        return out;
    }

    /** Spatial sizes lifted to length 3 (leading dimensions of size 1). */
    public int[] lifted(int[] sizes) {
        return lift(sizes, 1);
    }

    /** The product of the spatial sizes. */
    public int planeSize() {
        int size = 1;
        for (int s : spatial) {
            size *= s;
        }
        return size;
    }

    /** The shape of a result with {@code channels} channels and {@code spatialSize}, batched like the input. */
    public int[] shape(int resultChannels, int[] spatialSize) {
        int[] out = new int[spatialSize.length + (batched ? 2 : 1)];
        int first = 0;
        if (batched) {
            out[first++] = batch;
        }
        out[first++] = resultChannels;
        System.arraycopy(spatialSize, 0, out, first, spatialSize.length);
        return out;
    }
}
