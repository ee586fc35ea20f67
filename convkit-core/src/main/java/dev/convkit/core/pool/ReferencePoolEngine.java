package dev.convkit.core.pool;

import dev.convkit.core.window.AxisWindows;

/** {@link PoolKernels} as a {@link PoolEngine}: the oracle. */
final class ReferencePoolEngine implements PoolEngine {
    @Override
    public void max(float[] in, int planes, int[] inSize, AxisWindows[] w, float[] out, int[] indices, boolean absolute) {
        PoolKernels.max(in, planes, inSize, w, out, indices, absolute);
    }

    @Override
    public void maxPlane(float[] in, int inBase, int[] inSize, AxisWindows[] w, float[] out, int outBase, int[] indices) {
        PoolKernels.maxPlane(in, inBase, inSize, w, out, outBase, indices, false);
    }

    @Override
    public float[] sums(float[] values, int planes, int[] inSize, AxisWindows[] w) {
        return PoolKernels.toFloat(PoolKernels.sums(PoolKernels.toDouble(values), planes, inSize, w));
    }

    @Override
    public float[] spread(float[] perWindow, int planes, int[] inSize, AxisWindows[] w) {
        return PoolKernels.toFloat(PoolKernels.spread(PoolKernels.toDouble(perWindow), planes, inSize, w));
    }

    @Override
    public float[] route(int[] indices, float[] gradOutput, int planes, int inPlane, int outPlane) {
        return PoolKernels.route(indices, gradOutput, planes, inPlane, outPlane);
    }
}
