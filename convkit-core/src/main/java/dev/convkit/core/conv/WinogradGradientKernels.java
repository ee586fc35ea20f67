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
}
