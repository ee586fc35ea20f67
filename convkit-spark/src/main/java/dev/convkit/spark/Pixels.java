package dev.convkit.spark;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.data.Dataset;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Image bytes to model input: decoding (PNG, JPEG, GIF, BMP through ImageIO) to grayscale, resizing
 * to the model's 28x28 input as {@code convkit predict} does, and the training normalization
 * (pixel/255 - mean)/std of {@link Dataset}.
 */
final class Pixels {
    static final int SIDE = 28;
    static final int PLANE = SIDE * SIDE;

    private Pixels() {
    }

    /**
     * The 28x28 grayscale pixels of {@code bytes}: exactly 784 bytes that are not an encoded image are
     * taken as raw pixels (the IDX layout); anything else must be an image ImageIO decodes.
     */
    static byte[] grayscale(byte[] bytes, String where) {
        if (bytes == null) {
            throw InvalidArgumentException.of("%s: no image bytes (null)", where);
        }
        if (bytes.length == PLANE && !encoded(bytes)) {
            return bytes;
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw InvalidArgumentException.of("%s: cannot decode the image (%s)", where, e.getMessage());
        }
        if (image == null) {
            throw InvalidArgumentException.of("%s: not an image ImageIO can read (PNG, JPEG, GIF, BMP) nor %d raw pixels"
                    + " (%d bytes)", where, PLANE, bytes.length);
        }
        BufferedImage small = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, SIDE, SIDE, null);
        g.dispose();
        byte[] out = new byte[PLANE];
        small.getRaster().getDataElements(0, 0, SIDE, SIDE, out);
        return out;
    }

    private static boolean encoded(byte[] b) {
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        return (b0 == 0x89 && b1 == 'P') || (b0 == 0xff && b1 == 0xd8) || (b0 == 'G' && b1 == 'I') || (b0 == 'B' && b1 == 'M');
    }

    /** Normalized images (n, 1, 28, 28) from n planes of raw pixels. */
    static Tensor normalize(byte[][] planes, int from, int n) {
        float[] data = new float[n * PLANE];
        for (int b = 0; b < n; b++) {
            byte[] src = planes[from + b];
            for (int i = 0; i < PLANE; i++) {
                data[b * PLANE + i] = ((src[i] & 0xff) / 255f - Dataset.MEAN) / Dataset.STD;
            }
        }
        return Tensor.wrap(data, n, 1, SIDE, SIDE);
    }
}
