package dev.convkit.nn.autograd;

import dev.convkit.core.backend.Backend;
import dev.convkit.core.kernels.MicroKernel;
import dev.convkit.core.kernels.Parallel;

import java.util.Arrays;

/**
 * {@code C = A·B} for the linear layer, forward and backward, on the backend's register-blocked
 * {@link MicroKernel}: A and B are read through strides, so a transposed operand costs nothing but
 * its packing. C is cut into tiles whose size depends only on the shape; each tile is summed by one
 * task over the whole reduction in a fixed order, so the result is bitwise the same at any thread
 * count. Without a micro-kernel (the reference provider) the plain loops run.
 */
final class Gemm {
    /** Reduction block: the packed strips of one block stay in L1/L2. */
    private static final int KC = 256;
    /** Most rows and columns of one task's tile of C. */
    private static final int MB = 64;
    private static final int NB = 256;

    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);
    /** The caller's packed bᵀ of {@link #multiplyByNarrowTransposed}, apart from the tiles' scratch: the caller runs tiles too. */
    private static final ThreadLocal<float[]> PACKED = ThreadLocal.withInitial(() -> new float[0]);

    private Gemm() {
    }

    /** A matrix operand: element (r, c) is {@code data[offset + r*rowStride + c*colStride]}. */
    record Matrix(float[] data, int offset, int rowStride, int colStride) {
        /** A row-major (rows × cols) matrix. */
        static Matrix rows(float[] data, int cols) {
            return new Matrix(data, 0, cols, 1);
        }

        /** The transpose of a row-major matrix with {@code cols} columns. */
        static Matrix transposed(float[] data, int cols) {
            return new Matrix(data, 0, 1, cols);
        }

        float at(int r, int c) {
            return data[offset + r * rowStride + c * colStride];
        }
    }

    /** {@code c[i*n + j] = Σ_k a(i, k)·b(k, j)} for i < m, j < n, k < kk; c is row-major (m × n). */
    static void multiply(int m, int n, int kk, Matrix a, Matrix b, float[] c) {
        multiply(Backend.active().provider().microKernel(), m, n, kk, a, b, c);
    }

    /** {@link #multiply(int, int, int, Matrix, Matrix, float[])} on {@code micro}, or the plain loops when it is null. */
    static void multiply(MicroKernel micro, int m, int n, int kk, Matrix a, Matrix b, float[] c) {
        if (micro == null) {
            reference(m, n, kk, a, b, c);
            return;
        }
        int mr = micro.mr();
        int nr = micro.nr();
        int mb = rowTile(m, mr);
        int nb = Math.min(NB, roundUp(Math.max(1, (n + 3) / 4), nr));
        int rowTiles = (m + mb - 1) / mb;
        int colTiles = (n + nb - 1) / nb;
        Parallel.forEach(rowTiles * colTiles, task -> {
            int i0 = (task / colTiles) * mb;
            int j0 = (task % colTiles) * nb;
            int mc = Math.min(mb, m - i0);
            int nc = Math.min(nb, n - j0);
            int mp = roundUp(mc, mr);
            int np = roundUp(nc, nr);
            int kc0 = Math.min(KC, kk);
            float[] work = scratch(mp * np + mp * kc0 + np * kc0);
            int aOff = mp * np;
            int bOff = aOff + mp * kc0;
            for (int k0 = 0; k0 < kk; k0 += KC) {
                int kc = Math.min(KC, kk - k0);
                packA(a, i0, mc, mp, k0, kc, mr, work, aOff);
                packB(b, j0, nc, np, k0, kc, nr, work, bOff);
                for (int js = 0; js < np; js += nr) {
                    for (int is = 0; is < mp; is += mr) {
                        micro.multiply(kc, work, aOff + is * kc, work, bOff + js * kc, work, is * np + js, np, k0 > 0);
                    }
                }
            }
            if (kk == 0) {
                Arrays.fill(work, 0, mp * np, 0f);
            }
            for (int i = 0; i < mc; i++) {
                System.arraycopy(work, i * np, c, (i0 + i) * n + j0, nc);
            }
        });
    }

    /**
     * {@code c = a·bᵀ} for row-major a (m × kk) and b (n × kk) with n at most the micro-kernel's nr: linear's
     * forward, x·Wᵀ with few outputs. bᵀ is packed once, as one NR strip, and a's rows are read in place, where
     * {@link #multiply} packed a transposed and bᵀ once per task. The same tiles, reduction blocks and chains as
     * {@code multiply(m, n, kk, rows(a, kk), transposed(b, kk), c)}, so the same bits, at any thread count.
     */
    static void multiplyByNarrowTransposed(MicroKernel micro, int m, int n, int kk, float[] a, float[] b, float[] c) {
        int nr = micro == null ? 0 : micro.nr();
        if (n > nr || kk == 0) {
            multiply(micro, m, n, kk, Matrix.rows(a, kk), Matrix.transposed(b, kk), c);
            return;
        }
        int mr = micro.mr();
        float[] packed = scratch(PACKED, kk * nr);
        packB(Matrix.transposed(b, kk), 0, n, nr, 0, kk, nr, packed, 0);
        int mb = rowTile(m, mr);
        int[] rows = new int[roundUp(m, mr)];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Math.min(r, m - 1) * kk; // rows past m repeat the last: computed, never copied out
        }
        Parallel.forEach((m + mb - 1) / mb, task -> {
            int i0 = task * mb;
            int mc = Math.min(mb, m - i0);
            int mp = roundUp(mc, mr);
            float[] work = scratch(mp * nr);
            for (int k0 = 0; k0 < kk; k0 += KC) {
                int kc = Math.min(KC, kk - k0);
                for (int is = 0; is < mp; is += mr) {
                    micro.multiplyARowsInPlace(kc, a, rows, i0 + is, k0, packed, k0 * nr, work, is * nr, nr, k0 > 0);
                }
            }
            for (int i = 0; i < mc; i++) {
                System.arraycopy(work, i * nr, c, (i0 + i) * n, n);
            }
        });
    }

    /**
     * {@code c = a·b} with b row-major (kk × n) read in place, not packed: linear's backward, whose b (W for dx, x
     * for dW) is as long as a row of the input. Strips that would read past b's last column are packed as in
     * {@link #multiply}. The same tiles, reduction blocks and chains as {@code multiply(m, n, kk, a, rows(b, n), c)},
     * so the same bits, at any thread count.
     */
    static void multiplyRowsInPlace(MicroKernel micro, int m, int n, int kk, Matrix a, float[] b, float[] c) {
        if (micro == null || kk == 0) {
            multiply(micro, m, n, kk, a, Matrix.rows(b, n), c);
            return;
        }
        int mr = micro.mr();
        int nr = micro.nr();
        int mb = rowTile(m, mr);
        int nb = Math.min(NB, roundUp(Math.max(1, (n + 3) / 4), nr));
        int rowTiles = (m + mb - 1) / mb;
        int colTiles = (n + nb - 1) / nb;
        int[] rowStarts = new int[kk];
        for (int k = 0; k < kk; k++) {
            rowStarts[k] = k * n;
        }
        Parallel.forEach(rowTiles * colTiles, task -> {
            int i0 = (task / colTiles) * mb;
            int j0 = (task % colTiles) * nb;
            int mc = Math.min(mb, m - i0);
            int nc = Math.min(nb, n - j0);
            int mp = roundUp(mc, mr);
            int np = roundUp(nc, nr);
            int kc0 = Math.min(KC, kk);
            float[] work = scratch(mp * np + mp * kc0 + kc0 * nr);
            int aOff = mp * np;
            int bOff = aOff + mp * kc0;
            for (int k0 = 0; k0 < kk; k0 += KC) {
                int kc = Math.min(KC, kk - k0);
                packA(a, i0, mc, mp, k0, kc, mr, work, aOff);
                for (int js = 0; js < np; js += nr) {
                    boolean inPlace = j0 + js + nr <= n;
                    if (!inPlace) { // the last strip: zeros past n, not the next row's start
                        packB(Matrix.rows(b, n), j0 + js, nc - js, nr, k0, kc, nr, work, bOff);
                    }
                    for (int is = 0; is < mp; is += mr) {
                        if (inPlace) {
                            micro.multiplyRowsInPlace(kc, work, aOff + is * kc, b, rowStarts, k0, j0 + js, work,
                                    is * np + js, np, k0 > 0);
                        } else {
                            micro.multiply(kc, work, aOff + is * kc, work, bOff, work, is * np + js, np, k0 > 0);
                        }
                    }
                }
            }
            for (int i = 0; i < mc; i++) {
                System.arraycopy(work, i * np, c, (i0 + i) * n + j0, nc);
            }
        });
    }

    /** Rows [i0, i0+mc) × reduction [k0, k0+kc) of A as MR strips: {@code p[s*kc*mr + k*mr + i]}, zero past mc. */
    private static void packA(Matrix a, int i0, int mc, int mp, int k0, int kc, int mr, float[] p, int off) {
        for (int s = 0; s < mp; s += mr) {
            int base = off + s * kc;
            for (int i = 0; i < mr; i++) {
                int r = s + i;
                if (r >= mc) {
                    for (int k = 0; k < kc; k++) {
                        p[base + k * mr + i] = 0f;
                    }
                    continue;
                }
                int src = a.offset() + (i0 + r) * a.rowStride() + k0 * a.colStride();
                float[] d = a.data();
                int step = a.colStride();
                for (int k = 0; k < kc; k++, src += step) {
                    p[base + k * mr + i] = d[src];
                }
            }
        }
    }

    /** Reduction [k0, k0+kc) × columns [j0, j0+nc) of B as NR strips: {@code p[s*kc*nr + k*nr + j]}, zero past nc. */
    private static void packB(Matrix b, int j0, int nc, int np, int k0, int kc, int nr, float[] p, int off) {
        float[] d = b.data();
        for (int s = 0; s < np; s += nr) {
            int base = off + s * kc;
            int width = Math.min(nr, nc - s);
            for (int k = 0; k < kc; k++) {
                int dst = base + k * nr;
                int src = b.offset() + (k0 + k) * b.rowStride() + (j0 + s) * b.colStride();
                if (b.colStride() == 1) {
                    System.arraycopy(d, src, p, dst, width);
                } else {
                    for (int j = 0; j < width; j++) {
                        p[dst + j] = d[src + j * b.colStride()];
                    }
                }
                for (int j = width; j < nr; j++) {
                    p[dst + j] = 0f;
                }
            }
        }
    }

    /** The plain loops: each element summed over k in order. */
    static void reference(int m, int n, int kk, Matrix a, Matrix b, float[] c) {
        Parallel.forEach(m, i -> {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int k = 0; k < kk; k++) {
                    s += a.at(i, k) * b.at(k, j);
                }
                c[i * n + j] = s;
            }
        });
    }

    private static float[] scratch(int size) {
        return scratch(SCRATCH, size);
    }

    private static float[] scratch(ThreadLocal<float[]> local, int size) {
        float[] s = local.get();
        if (s.length < size) {
            s = new float[size];
            local.set(s);
        }
        return s;
    }

    /** Rows of a task's tile of C: small enough that a shape with few rows still gives every thread work, fixed by the shape alone. */
    private static int rowTile(int m, int mr) {
        return Math.min(MB, roundUp(Math.max(1, (m + 3) / 4), mr));
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
