package dev.convkit.core.conv;

/**
 * The index relation shared by a convolution and its transpose, in the lifted 3-D form.
 *
 * <p>The "image" is the large side (a convolution's input, a transposed convolution's output) and
 * the "response" the small side. Image position {@code i} meets response position {@code o} through
 * kernel tap {@code j} when {@code i = o*stride - padLeft + j*dilation} in every dimension. The weight
 * is laid out {@code (responseChannels, imageChannels/groups, *kernel)}, which is both nn.Conv's
 * {@code (Cout, Cin/g, k)} and nn.ConvTranspose's {@code (Cin, Cout/g, k)}.
 *
 * <pre>{@code
 * // the course exercise: a 5x5 image, a 3x3 kernel, no padding
 * ConvGeometry g = ConvPlan.resolve(ConvOptions.conv2d(), new int[] {1, 1, 5, 5}, new int[] {1, 1, 3, 3}, null).geometry();
 * assert g.imageSize() == 25 && g.responseSize() == 9 && g.kernelVolume() == 9;
 * assert g.macs() == 81;                       // 9 outputs x 9 taps
 * }</pre>
 *
 * @param batch             N
 * @param groups            channel groups
 * @param imageChannels     channels of the image side
 * @param responseChannels  channels of the response side
 * @param image             image spatial size (D, H, W)
 * @param response          response spatial size (D, H, W)
 * @param kernel            kernel size (D, H, W)
 * @param stride            stride (D, H, W)
 * @param dilation          dilation (D, H, W)
 * @param padLeft           zero padding before the image (D, H, W)
 */
public record ConvGeometry(int batch, int groups, int imageChannels, int responseChannels,
                           int[] image, int[] response, int[] kernel, int[] stride, int[] dilation,
                           int[] padLeft) {

    public int imagePlane() {
        return image[0] * image[1] * image[2];
    }

    public int responsePlane() {
        return response[0] * response[1] * response[2];
    }

    public int kernelVolume() {
        return kernel[0] * kernel[1] * kernel[2];
    }

    public int imageSize() {
        return batch * imageChannels * imagePlane();
    }

    public int responseSize() {
        return batch * responseChannels * responsePlane();
    }

    public int weightSize() {
        return responseChannels * (imageChannels / groups) * kernelVolume();
    }

    /** Multiply-adds of one pass over the geometry. */
    public long macs() {
        return (long) batch * responseChannels * responsePlane() * (imageChannels / groups) * kernelVolume();
    }
}
