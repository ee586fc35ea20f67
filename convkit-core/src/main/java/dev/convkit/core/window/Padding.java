package dev.convkit.core.window;

import dev.convkit.core.InvalidArgumentException;

/**
 * Explicit padding of a stack of planes by a {@link PaddingMode}, and its backward, which folds the
 * gradient of every padded copy back onto the element it was copied from.
 *
 * <p>Planes are lifted to three spatial dimensions (D, H, W); a 2-D op uses D = 1 with zero padding
 * there.
 *
 * <p>The {@code stride} variants pad the stride-dilated planes, {@code stride - 1} zeros between
 * neighbours (size {@code (L-1)*s + 1}): the correlation view of a transposed convolution. There a
 * negative padding crops that view.
 *
 * <pre>{@code
 * float[] row = {1, 2, 3};
 * float[] padded = Padding.pad(row, 1, new int[] {1, 1, 3}, new int[] {0, 0, 2}, new int[] {0, 0, 1}, PaddingMode.REFLECT);
 * assert Arrays.equals(padded, new float[] {3, 2, 1, 2, 3, 2});
 * // 1 0 2 0 3 reflected by 2 on each side
 * float[] view = Padding.pad(row, 1, new int[] {1, 1, 3}, new int[] {1, 1, 2}, new int[] {0, 0, 2}, new int[] {0, 0, 2},
 *         PaddingMode.REFLECT);
 * assert Arrays.equals(view, new float[] {2, 0, 1, 0, 2, 0, 3, 0, 2});
 * }</pre>
 */
public final class Padding {
    private static final int[] UNIT = {1, 1, 1};

    private Padding() {
    }

    /**
     * Checks that {@code mode} can pad {@code size} by {@code left}/{@code right}: reflect needs padding
     * below the size, circular at most the size.
     */
    public static void validate(String op, PaddingMode mode, int[] size, int[] left, int[] right) {
        for (int i = 0; i < size.length; i++) {
            int most = Math.max(left[i], right[i]);
            if (most == 0) {
                continue;
            }
            if (mode == PaddingMode.REFLECT && most >= size[i]) {
                throw InvalidArgumentException.of("%s: reflect padding must be smaller than the input size: "
                        + "padding (%d, %d) in a dimension of size %d", op, left[i], right[i], size[i]);
            }
            if (mode == PaddingMode.CIRCULAR && most > size[i]) {
                throw InvalidArgumentException.of("%s: circular padding may wrap around at most once: "
                        + "padding (%d, %d) in a dimension of size %d", op, left[i], right[i], size[i]);
            }
        }
    }

    /**
     * Checks that {@code mode} can pad the stride-dilated planes (size {@code (L-1)*s + 1}) by
     * {@code left}/{@code right}, naming that view in the message.
     */
    public static void validateDilated(String op, PaddingMode mode, int[] size, int[] stride, int[] left, int[] right) {
        for (int i = 0; i < size.length; i++) {
            long view = dilatedSize(size[i], stride[i]);
            int most = Math.max(left[i], right[i]);
            boolean tooMuch = mode == PaddingMode.REFLECT ? most >= view : mode == PaddingMode.CIRCULAR && most > view;
            if (most > 0 && tooMuch) {
                throw InvalidArgumentException.of("%s: %s padding of the correlation view must be %s its size: "
                        + "padding (%d, %d) of a view of size %d ((input %d - 1) * stride %d + 1) in spatial dimension %d",
                        op, mode.torchName(), mode == PaddingMode.REFLECT ? "smaller than" : "at most",
                        left[i], right[i], view, size[i], stride[i], i);
            }
        }
    }

    /** The size of one dimension after stride dilation: {@code (L-1)*s + 1}. */
    public static long dilatedSize(long length, long stride) {
        return (length - 1) * stride + 1;
    }

    /** The padded copy of {@code planes} planes of {@code size} (lifted to 3 dims). */
    public static float[] pad(float[] src, int planes, int[] size, int[] left, int[] right, PaddingMode mode) {
        return pad(src, planes, size, UNIT, left, right, mode);
    }

    /** The padded copy of the stride-dilated planes ({@code size} and {@code stride} lifted to 3 dims). */
    public static float[] pad(float[] src, int planes, int[] size, int[] stride, int[] left, int[] right,
                              PaddingMode mode) {
        int[][] maps = sourceMaps(size, stride, left, right, mode);
        float[] out = new float[planes * maps[0].length * maps[1].length * maps[2].length];
        walk(maps, size, planes, (padded, source) -> out[padded] = src[source]);
        return out;
    }

    /** The backward of {@link #pad}: the gradient of each padded position is added to its source. */
    public static float[] foldBack(float[] gradPadded, int planes, int[] size, int[] left, int[] right,
                                   PaddingMode mode) {
        return foldBack(gradPadded, planes, size, UNIT, left, right, mode);
    }

    /** The backward of the stride-dilated {@link #pad}: positions between input elements read none. */
    public static float[] foldBack(float[] gradPadded, int planes, int[] size, int[] stride, int[] left, int[] right,
                                   PaddingMode mode) {
        int[][] maps = sourceMaps(size, stride, left, right, mode);
        double[] acc = new double[planes * size[0] * size[1] * size[2]];
        walk(maps, size, planes, (padded, source) -> acc[source] += gradPadded[padded]);
        float[] out = new float[acc.length];
        for (int i = 0; i < acc.length; i++) {
            out[i] = (float) acc[i];
        }
        return out;
    }

    private interface PositionPair {
        void visit(int padded, int source);
    }

    /** Visits every padded position that reads an input element (zeros padding reads none), in order. */
    private static void walk(int[][] maps, int[] size, int planes, PositionPair visitor) {
        int inPlane = size[0] * size[1] * size[2];
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int base = p * inPlane;
            for (int z = 0; z < maps[0].length; z++) {
                for (int y = 0; y < maps[1].length; y++) {
                    for (int x = 0; x < maps[2].length; x++, o++) {
                        int offset = sourceOffset(maps, size, z, y, x);
                        if (offset >= 0) {
                            visitor.visit(o, base + offset);
                        }
                    }
                }
            }
        }
    }

    private static int sourceOffset(int[][] maps, int[] size, int z, int y, int x) {
        int sz = maps[0][z];
        int sy = maps[1][y];
        int sx = maps[2][x];
        if (sz < 0 || sy < 0 || sx < 0) {
            return -1;
        }
        return (sz * size[1] + sy) * size[2] + sx;
    }

    /** Per dimension, the input position each padded position reads, or -1 for a zero. */
    private static int[][] sourceMaps(int[] size, int[] stride, int[] left, int[] right, PaddingMode mode) {
        int[][] maps = new int[3][];
        for (int dim = 0; dim < 3; dim++) {
            int view = (int) dilatedSize(size[dim], stride[dim]);
            int[] map = new int[left[dim] + view + right[dim]];
            for (int i = 0; i < map.length; i++) {
                int u = mode.source(i - left[dim], view);
                map[i] = u < 0 || u % stride[dim] != 0 ? -1 : u / stride[dim];
            }
            maps[dim] = map;
        }
        return maps;
    }
}
