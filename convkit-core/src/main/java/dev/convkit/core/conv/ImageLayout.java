package dev.convkit.core.conv;

import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Shape;
import dev.convkit.core.window.Windows;

import java.util.Arrays;

/**
 * How the fast convolution reads the image side of a {@link ConvGeometry} as the columns of an
 * implicit im2col matrix, without ever building that matrix whole.
 *
 * <p>The image is read from a zero-padded copy of size (Dp, Hp, Wp) that every window fits in.
 * Row {@code k = ci*KV + tap} and column {@code v} of the im2col matrix is
 * {@code padded[ci*plane + tapOffset[tap] + base(v)]}. With unit strides the columns are "virtual":
 * {@code v = od*Hp*Wp + oh*Wp + ow}, so {@code base(v) = v} and a row is a contiguous run of the
 * padded image (the columns with {@code ow >= OW} or {@code oh >= OH} are computed and dropped). With
 * other strides the columns are the response positions and {@code base(v) = colBase[v]}.
 */
final class ImageLayout {
    final int[] padded = new int[3];
    final int plane;
    final int[] tapOffset;
    final boolean virtual;
    final int columns;
    final int[] colBase;
    final boolean needsCopy;
    final ConvGeometry g;
    /**
     * responseIndex of every column, computed once (divisions are too slow for inner loops); null where that is
     * column v itself (no column dropped, as 1×1 without padding): the array was 12.5 KB of fresh young-generation
     * pages per r1x1-56 call, 40-120 µs of page faults on the caller before the parallel pass (gemm15).
     */
    final int[] target;
    /** Whether {@link #responseIndex} may be called (see the three-argument constructor). */
    private final boolean indexed;

    ImageLayout(ConvGeometry g, boolean allowVirtual) {
        this(g, allowVirtual, true);
    }

    /**
     * A layout whose {@link #responseIndex} table is built only if {@code responseIndices}: kernels that pad and read
     * the image by {@link #tapOffset} and write the response by rows never ask for it, and the table is a fresh
     * columns-long array a call (small48: first-c3-57's 3363 ints, 13 KB of new young-generation pages and its fill,
     * ~20 % of the thread CPU time of its 0.22 ms forward). Without it {@link #responseIndex} must not be called.
     */
    ImageLayout(ConvGeometry g, boolean allowVirtual, boolean responseIndices) {
        this.g = g;
        this.indexed = responseIndices;
        int[] img = g.image();
        int[] res = g.response();
        int[] ker = g.kernel();
        int[] str = g.stride();
        int[] dil = g.dilation();
        int[] pad = g.padLeft();
        boolean copy = false;
        boolean unit = true;
        for (int i = 0; i < 3; i++) {
            padded[i] = (int) paddedSize(g, i);
            copy |= pad[i] != 0 || padded[i] != img[i];
            unit &= str[i] == 1;
        }
        needsCopy = copy;
        plane = padded[0] * padded[1] * padded[2];
        int kv = g.kernelVolume();
        tapOffset = new int[kv];
        int t = 0;
        for (int a = 0; a < ker[0]; a++) {
            for (int b = 0; b < ker[1]; b++) {
                for (int c = 0; c < ker[2]; c++) {
                    tapOffset[t++] = (a * dil[0] * padded[1] + b * dil[1]) * padded[2] + c * dil[2];
                }
            }
        }
        virtual = unit && allowVirtual;
        if (virtual) {
            columns = ((res[0] - 1) * padded[1] + (res[1] - 1)) * padded[2] + res[2];
            colBase = null;
            // every response position has its own column, in order: as many columns as positions is the identity
            target = !responseIndices || columns == res[0] * res[1] * res[2] ? null : new int[columns];
        } else {
            columns = res[0] * res[1] * res[2];
            colBase = new int[columns];
            target = null;
        }
        if (target != null) {
            Arrays.fill(target, -1);
            for (int a = 0; a < res[0]; a++) {
                for (int b = 0; b < res[1]; b++) {
                    int v = (a * padded[1] + b) * padded[2];
                    int r = (a * res[1] + b) * res[2];
                    for (int c = 0; c < res[2]; c++) {
                        target[v + c] = r + c;
                    }
                }
            }
        }
        if (colBase != null) {
            int v = 0;
            for (int a = 0; a < res[0]; a++) {
                for (int b = 0; b < res[1]; b++) {
                    for (int c = 0; c < res[2]; c++) {
                        colBase[v++] = (a * str[0] * padded[1] + b * str[1]) * padded[2] + c * str[2];
                    }
                }
            }
        }
    }

    /** The size of the padded copy along dimension i: the padded image, or the windows' reach if that is longer. */
    private static long paddedSize(ConvGeometry g, int i) {
        return Math.max((long) g.padLeft()[i] + g.image()[i],
                Windows.reach(g.response()[i], g.kernel()[i], g.stride()[i], g.dilation()[i]));
    }

    /**
     * Whether the padded copies of a geometry (one per image, at most the whole padded batch at once)
     * stay within the size limit; beyond it the dispatch runs the reference loops, which pad by bounds.
     */
    static boolean fitsBudget(ConvGeometry g) {
        double plane = 1;
        for (int i = 0; i < 3; i++) {
            plane *= paddedSize(g, i);
        }
        double copies = plane * g.batch() * Math.max(g.imageChannels(), g.responseChannels());
        return plane < Integer.MAX_VALUE && copies < Shape.maxElements();
    }

    /**
     * Positions at each end of the padded plane that are zero padding, the fewer of the two: planes laid end to
     * end this much closer than {@link #plane} share those zeros (one plane's last, the next one's first).
     */
    int sharedZeros() {
        int[] img = g.image();
        int[] pad = g.padLeft();
        int lead = (pad[0] * padded[1] + pad[1]) * padded[2] + pad[2];
        int last = ((pad[0] + img[0] - 1) * padded[1] + pad[1] + img[1] - 1) * padded[2] + pad[2] + img[2] - 1;
        return Math.min(lead, plane - 1 - last);
    }

    /** The response position of column v, or -1 for a virtual column that is dropped. */
    int responseIndex(int v) {
        assert indexed : "a layout built without its response indices";
        return target != null ? target[v] : v;
    }

    /** The channels [c0, c0 + count) of image n, zero-padded into a fresh (count, Dp, Hp, Wp) array. */
    float[] pad(float[] image, int n, int c0, int count) {
        float[] out = new float[count * plane];
        padInto(image, n, c0, count, out);
        return out;
    }

    /** {@link #pad} into {@code out} (at least count × plane long; its padding is zeroed here). */
    void padInto(float[] image, int n, int c0, int count, float[] out) {
        int[] img = g.image();
        int[] pad = g.padLeft();
        int imgPlane = g.imagePlane();
        if (!needsCopy) {
            System.arraycopy(image, (n * g.imageChannels() + c0) * imgPlane, out, 0, count * plane);
            return;
        }
        Arrays.fill(out, 0, count * plane, 0f);
        for (int c = 0; c < count; c++) {
            int src = (n * g.imageChannels() + c0 + c) * imgPlane;
            for (int d = 0; d < img[0]; d++) {
                for (int h = 0; h < img[1]; h++) {
                    int dst = c * plane + ((d + pad[0]) * padded[1] + h + pad[1]) * padded[2] + pad[2];
                    System.arraycopy(image, src + (d * img[1] + h) * img[2], out, dst, img[2]);
                }
            }
        }
    }

    /**
     * {@link #padInto} of one channel of a 2-d image, by {@link VectorOps#padRows}: one loop of vector moves
     * per row, where {@link #padInto}'s short arraycopy and fill calls cost more than the copying (small14:
     * dw3x3-56's weight gradient spent 44% of its time in those stubs). The zero rows above and below are
     * written from {@code zeroRows}: false when they are still zero from the last plane copied to {@code out}.
     */
    void padPlaneRows(VectorOps ops, float[] image, int n, int c, float[] out, boolean zeroRows) {
        int[] img = g.image();
        int[] pad = g.padLeft();
        int top = pad[1] * padded[2];
        int bottom = (pad[1] + img[1]) * padded[2];
        if (zeroRows) {
            Arrays.fill(out, 0, top, 0f);
            Arrays.fill(out, bottom, plane, 0f);
        }
        ops.padRows(image, (n * g.imageChannels() + c) * g.imagePlane(), img[2], img[1], out, top, padded[2], pad[2]);
    }

    /** Whether {@link #padPlaneRows} and {@link #responseRowsToColumns} apply: a 2-d layout with virtual columns. */
    boolean planeRows() {
        return virtual && g.image()[0] == 1 && g.response()[0] == 1 && g.padLeft()[0] == 0 && padded[0] == 1;
    }

    /**
     * {@link #responseToColumns} of a 2-d response by {@link VectorOps#padRows} (see {@link #padPlaneRows}):
     * writes {@code g.response()[1] * padded[2]} floats, the last row's zero columns included.
     */
    void responseRowsToColumns(VectorOps ops, float[] response, int base, float[] columns) {
        int[] res = g.response();
        ops.padRows(response, base, res[2], res[1], columns, 0, padded[2], 0);
    }

    /**
     * Positions [lo, lo + len) of the padded planes of channels [c0, c0 + count) of image n, into
     * {@code out[off + c*len + (p - lo)]}: the part of {@link #pad}'s copy that a column tile reads.
     */
    void padBand(float[] image, int n, int c0, int count, int lo, int len, float[] out, int off) {
        int[] img = g.image();
        int[] pad = g.padLeft();
        int imgPlane = g.imagePlane();
        int hi = lo + len;
        Arrays.fill(out, off, off + count * len, 0f);
        for (int row = lo / padded[2]; row * padded[2] < hi; row++) {
            int d = row / padded[1] - pad[0];
            int h = row % padded[1] - pad[1];
            if (d < 0 || d >= img[0] || h < 0 || h >= img[1]) {
                continue;
            }
            int first = row * padded[2] + pad[2]; // padded position of the row's first image element
            int from = Math.max(first, lo);
            int to = Math.min(first + img[2], hi);
            if (from >= to) {
                continue;
            }
            for (int c = 0; c < count; c++) {
                int src = (n * g.imageChannels() + c0 + c) * imgPlane + (d * img[1] + h) * img[2] + from - first;
                System.arraycopy(image, src, out, off + c * len + from - lo, to - from);
            }
        }
    }

    /**
     * {@link #padBand} of a one-plane layout ({@code padded[0] == 1}) over whole padded rows [row0, row0 + rows), by
     * {@link VectorOps#padRows}: image rows of 14-28 floats, where padBand's arraycopy call a row cost 10 % of a
     * grouped 3×3 forward (grp17, g4-128-18). Rows past the padded plane are zero.
     */
    void padBandRows(VectorOps ops, float[] image, int n, int c0, int count, int row0, int rows, float[] out, int off) {
        int wp = padded[2];
        int top = g.padLeft()[1];
        int first = Math.min(Math.max(row0, top), row0 + rows);
        int last = Math.max(first, Math.min(row0 + rows, top + g.image()[1]));
        int len = rows * wp;
        for (int c = 0; c < count; c++) {
            int dst = off + c * len;
            Arrays.fill(out, dst, dst + (first - row0) * wp, 0f);
            if (last > first) {
                int src = (n * g.imageChannels() + c0 + c) * g.imagePlane() + (first - top) * g.image()[2];
                ops.padRows(image, src, g.image()[2], last - first, out, dst + (first - row0) * wp, wp, g.padLeft()[2]);
            }
            Arrays.fill(out, dst + (last - row0) * wp, dst + len, 0f);
        }
    }

    /** Copies the columns of one response row (a channel) into its plane, dropping virtual columns. */
    void columnsToResponse(float[] columns, int cOff, float[] out, int outBase) {
        if (!virtual) {
            System.arraycopy(columns, cOff, out, outBase, columns());
            return;
        }
        int[] res = g.response();
        for (int a = 0; a < res[0]; a++) {
            for (int b = 0; b < res[1]; b++) {
                System.arraycopy(columns, cOff + (a * padded[1] + b) * padded[2], out, outBase + (a * res[1] + b) * res[2],
                        res[2]);
            }
        }
    }

    /** The inverse of {@link #columnsToResponse}: one response plane laid out as columns, zero in virtual ones. */
    void responseToColumns(float[] response, int base, float[] columns, int cOff) {
        if (!virtual) {
            System.arraycopy(response, base, columns, cOff, columns());
            return;
        }
        Arrays.fill(columns, cOff, cOff + columns(), 0f);
        int[] res = g.response();
        for (int a = 0; a < res[0]; a++) {
            for (int b = 0; b < res[1]; b++) {
                System.arraycopy(response, base + (a * res[1] + b) * res[2], columns, cOff + (a * padded[1] + b) * padded[2],
                        res[2]);
            }
        }
    }

    int columns() {
        return columns;
    }

    /** Adds the image region of a padded (count, Dp, Hp, Wp) gradient into channels [c0, c0+count) of image n. */
    void cropAdd(float[] paddedGrad, float[] image, int n, int c0, int count) {
        cropAdd(paddedGrad, 0, image, n, c0, count);
    }

    /** {@link #cropAdd} from a padded gradient that starts at {@code offset}. */
    void cropAdd(float[] paddedGrad, int offset, float[] image, int n, int c0, int count) {
        int[] img = g.image();
        int[] pad = g.padLeft();
        int imgPlane = g.imagePlane();
        for (int c = 0; c < count; c++) {
            int dstBase = (n * g.imageChannels() + c0 + c) * imgPlane;
            for (int d = 0; d < img[0]; d++) {
                for (int h = 0; h < img[1]; h++) {
                    int src = offset + c * plane + ((d + pad[0]) * padded[1] + h + pad[1]) * padded[2] + pad[2];
                    int dst = dstBase + (d * img[1] + h) * img[2];
                    for (int w = 0; w < img[2]; w++) {
                        image[dst + w] += paddedGrad[src + w];
                    }
                }
            }
        }
    }
}
