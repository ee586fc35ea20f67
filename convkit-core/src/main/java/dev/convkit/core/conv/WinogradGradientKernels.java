package dev.convkit.core.conv;

import dev.convkit.core.kernels.MicroKernel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;

/** What the Winograd weight gradients run on (wino11): the packed micro-kernel, the vector loops and per-thread workspaces. */
abstract class WinogradGradientKernels {
    final MicroKernel micro;
    final VectorOps ops;
    final int mr;
    final int nr;
    /** The packed operands of a task. */
    final ThreadScratch scratch = new ThreadScratch();
    /** The bands of the transforms, apart from the packed operands: C2 vectorizes copies between two arrays. */
    final ThreadScratch bandScratch = new ThreadScratch();
    /** Every task's sums, on the calling thread: they outlive the tasks, for the parts to be added. */
    final ThreadScratch sumScratch = new ThreadScratch();

    WinogradGradientKernels(MicroKernel micro, VectorOps ops) {
        this.micro = micro;
        this.ops = ops;
        this.mr = micro.mr();
        this.nr = micro.nr();
    }

    /**
     * {@code U = A·dy·Aᵀ} of one row of tiles (tile row {@code a} of image {@code n}) for MR response channels from
     * {@code co0} ({@code valid} of them real, the rest zero), into {@code u[uOff + t·pointStride + tile·MR + i]}.
     */
    abstract void packResponseRow(ConvGeometry g, float[] response, int n, int co0, int valid, int a, int tileCols,
                                  float[] band, float[] u, int uOff, int pointStride);

    /**
     * {@code V = Bᵀ·x·B} of the image blocks of one row of tiles for NR image channels from {@code c0} ({@code valid}
     * of them real, the rest zero), into {@code v[vOff + t·pointStride + tile·NR + j]}.
     */
    abstract void packImageRow(ConvGeometry g, float[] image, int n, int c0, int valid, int a, int tileCols,
                               float[] band, float[] v, int vOff, int pointStride);

    /** One call's row transforms, each thread on its own band of {@code bandFloats}. */
    WinogradGradientPlan.RowTransforms rowTransforms(ConvGeometry g, float[] image, float[] response, int tileCols,
                                                     int bandFloats) {
        return new WinogradGradientPlan.RowTransforms() {
            @Override
            public void response(int n, int co0, int valid, int a, float[] work, int to, int pointStride) {
                packResponseRow(g, response, n, co0, valid, a, tileCols, bandScratch.floats(bandFloats), work, to, pointStride);
            }

            @Override
            public void image(int n, int c0, int valid, int a, float[] work, int to, int pointStride) {
                packImageRow(g, image, n, c0, valid, a, tileCols, bandScratch.floats(bandFloats), work, to, pointStride);
            }
        };
    }
}
