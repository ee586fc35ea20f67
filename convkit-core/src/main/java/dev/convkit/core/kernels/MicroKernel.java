package dev.convkit.core.kernels;

/**
 * The register-blocked heart of the packed GEMM: {@code C[mr x nr] (+)= A-strip × B-strip} over a
 * reduction of length kc. Operands are packed reduction-index-major:
 * {@code a[aOff + k*mr + i]} and {@code b[bOff + k*nr + j]}; C is row-major with leading dimension ldc.
 * Implementations: {@link ScalarMicroKernel} and, with the Vector API, a Panama one.
 */
public interface MicroKernel {
    /** Rows of the register tile. */
    int mr();

    /** Columns of the register tile. */
    int nr();

    /** {@code C = A×B} when {@code accumulate} is false, else {@code C += A×B}. */
    void multiply(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean accumulate);
}
