package dev.convkit.core.kernels;

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
        float[] acc = new float[MR * NR];
        for (int k = 0; k < kc; k++) {
            int bk = bOff + k * NR;
            int ak = aOff + k * MR;
            for (int i = 0; i < MR; i++) {
                float ai = a[ak + i];
                int row = i * NR;
                for (int j = 0; j < NR; j++) {
                    acc[row + j] += ai * b[bk + j];
                }
            }
        }
        for (int i = 0; i < MR; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < NR; j++) {
                c[row + j] = accumulate ? c[row + j] + acc[i * NR + j] : acc[i * NR + j];
            }
        }
    }
}
