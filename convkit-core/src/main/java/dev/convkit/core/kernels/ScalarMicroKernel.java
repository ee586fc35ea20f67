package dev.convkit.core.kernels;

import java.util.Arrays;

/** The micro-kernel in plain Java: a 4×16 tile, written so that C2 can vectorize the inner loop. */
public final class ScalarMicroKernel implements MicroKernel {
    static final int MR = 4;
    static final int NR = 16;

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public void multiply(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean accumulate) {
        // accumulate straight into the C tile: no per-call scratch array in the GEMM's innermost call
        if (!accumulate) {
            for (int i = 0; i < MR; i++) {
                Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + NR, 0f);
            }
        }
        for (int k = 0; k < kc; k++) {
            int bk = bOff + k * NR;
            int ak = aOff + k * MR;
            for (int i = 0; i < MR; i++) {
                float ai = a[ak + i];
                int row = cOff + i * ldc;
                for (int j = 0; j < NR; j++) {
                    c[row + j] += ai * b[bk + j];
                }
            }
        }
    }

    @Override
    public int dotLanes() {
        return 1;
    }

    @Override
    public void dotBlock(int len, float[] d, int dOff, int ldd, float[] x, int x0, int x1, int x2, int x3, float[] acc,
                         int accOff) {
        for (int i = 0; i < 4; i++) {
            int row = dOff + i * ldd;
            int at = accOff + 4 * i;
            acc[at] = dot(len, d, row, x, x0, acc[at]);
            acc[at + 1] = dot(len, d, row, x, x1, acc[at + 1]);
            acc[at + 2] = dot(len, d, row, x, x2, acc[at + 2]);
            acc[at + 3] = dot(len, d, row, x, x3, acc[at + 3]);
        }
    }

    private static float dot(int len, float[] d, int row, float[] x, int xj, float sum) {
        for (int v = 0; v < len; v++) {
            sum += d[row + v] * x[xj + v];
        }
        return sum;
    }

    // ---- gemm6: the scalar twin of the implicit-GEMM kernel

    @Override
    public void multiplyRowGather(int kc, float[] img, int p, int step, int[] koff, int kOff, float[] b, int bOff,
                                  float[] c, int cOff, int ldc, boolean accumulate) {
        if (!accumulate) {
            for (int i = 0; i < MR; i++) {
                Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + NR, 0f);
            }
        }
        for (int k = 0; k < kc; k++) {
            int bk = bOff + k * NR;
            int at = p + koff[kOff + k];
            for (int i = 0; i < MR; i++) {
                float ai = img[at + i * step];
                int row = cOff + i * ldc;
                for (int j = 0; j < NR; j++) {
                    c[row + j] += ai * b[bk + j];
                }
            }
        }
    }
}
