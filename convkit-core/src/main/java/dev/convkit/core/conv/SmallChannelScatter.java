package dev.convkit.core.conv;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Storage;

import java.util.Arrays;

/**
 * The input gradient of a 2-d small-channel convolution without horizontal padding (lenet-c2: 16 response
 * channels of 10×10 back into 6 channels of 14×14), as a gather straight into the image planes.
 *
 * <p>Each response row is copied once into a zero-extended plane whose rows are as wide as the image's:
 * response (oy, ox) sits at {@code lead + (oy - padTop)·W + ox}. Image position p = iy·W + ix then reads
 * tap (co, ky, kx) at {@code lead + p - ky·dh·W - kx·dw}: a read left of the response's columns lands in
 * the previous row's zero gap (W - OW = (kw-1)·dw columns, exactly the reach), so the image plane is one
 * run of H·W contiguous columns and {@link VectorOps#convColumns} holds blocks of image channels × columns
 * in registers across all response channels × taps. The flipped correlation it replaces built a dense
 * tap layout of the padded response per (channel, kernel column): 1,440 row copies per lenet-c2 image
 * against 160 here, for the same multiply-adds.
 */
final class SmallChannelScatter {
    private final VectorOps ops;
    private final ThreadScratch planes = new ThreadScratch();
    private final ThreadScratch tapTable = new ThreadScratch();
    private final ThreadScratch transposed = new ThreadScratch();

    SmallChannelScatter(VectorOps ops) {
        this.ops = ops;
    }

    /**
     * Whether the input gradient of {@code g} runs here: 2-d, no groups, unit stride, no horizontal
     * padding, at most {@link SmallChannelConv#CHANNEL_BLOCK} image channels and a reduction (response
     * channels × kernel area) of at most {@link SmallChannelConv#MAX_FEW_OUTPUTS_REDUCTION}.
     */
    static boolean applies(ConvGeometry g) {
        int[] s = g.stride();
        if (g.groups() != 1 || s[0] != 1 || s[1] != 1 || s[2] != 1 || !SmallChannelConv.planar(g)) {
            return false;
        }
        int reach = (g.kernel()[2] - 1) * g.dilation()[2];
        return g.padLeft()[2] == 0 && g.response()[2] == g.image()[2] - reach
                && g.imageChannels() <= SmallChannelConv.CHANNEL_BLOCK
                && (long) g.responseChannels() * g.kernelVolume() <= SmallChannelConv.MAX_FEW_OUTPUTS_REDUCTION;
    }

    /** The image gradient: every response element scattered back through {@code weight}. */
    float[] scatter(ConvGeometry g, float[] response, float[] weight) {
        int cin = g.imageChannels();
        int cout = g.responseChannels();
        int height = g.image()[1];
        int width = g.image()[2];
        int outRows = g.response()[1];
        int outWidth = g.response()[2];
        int kh = g.kernel()[1];
        int kw = g.kernel()[2];
        int kv = kh * kw;
        int rowStep = g.dilation()[1] * width;
        int colStep = g.dilation()[2];
        int top = g.padLeft()[1];
        int lead = (kh - 1) * rowStep + (kw - 1) * colStep;
        int zsize = lead + height * width;
        int imagePlane = height * width;
        int taps = cout * kv;
        // (co, ky, kx) in the weight's order; the calling thread's tables, read by every task
        int[] tapStarts = tapTable.ints(taps);
        float[] wt = transposed.floats(cin * taps);
        for (int co = 0; co < cout; co++) {
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    tapStarts[co * kv + ky * kw + kx] = co * zsize + lead - ky * rowStep - kx * colStep;
                }
            }
            for (int ci = 0; ci < cin; ci++) {
                System.arraycopy(weight, (co * cin + ci) * kv, wt, ci * taps + co * kv, kv);
            }
        }
        int firstRow = -(kh - 1) * g.dilation()[1]; // image-grid rows above this are never read
        float[] out = Storage.floats(g.imageSize()); // every element is written once
        Parallel.forEach(g.batch(), n -> {
            float[] z = planes.floats(cout * zsize);
            Arrays.fill(z, 0, cout * zsize, 0f);
            for (int co = 0; co < cout; co++) {
                int src = (n * cout + co) * outRows * outWidth;
                int base = co * zsize + lead;
                for (int oy = 0; oy < outRows; oy++) {
                    int r = oy - top;
                    if (r >= firstRow && r < height) {
                        System.arraycopy(response, src + oy * outWidth, z, base + r * width, outWidth);
                    }
                }
            }
            if (cin == 5 || cin == 6) { // bwd8: blocks of 6 channels, not 6 of 8
                ops.convColumnsSix(z, tapStarts, taps, wt, 0, taps, cin, out, n * cin * imagePlane, imagePlane, imagePlane);
            } else {
                ops.convColumns(z, tapStarts, taps, wt, 0, taps, cin, out, n * cin * imagePlane, imagePlane, imagePlane);
            }
        });
        return out;
    }
}
