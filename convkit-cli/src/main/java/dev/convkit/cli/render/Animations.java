package dev.convkit.cli.render;

import dev.convkit.cli.UserError;
import dev.convkit.cli.io.AtomicFiles;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Animated GIFs with ImageIO's GIF writer: one frame per step (a window moving over the input, a
 * stamp, a gradient flowing back), each shown for the same delay, looping forever.
 */
public final class Animations {
    /** Default time each frame stays on screen. */
    public static final int DEFAULT_DELAY_MS = 600;
    /** Default and largest number of frames. */
    public static final int DEFAULT_MAX_FRAMES = 100;
    public static final int MAX_FRAMES = 1000;

    private Animations() {
    }

    /**
     * Which steps get a frame when there are more steps than {@code cap}: spread evenly, first and last
     * included; all of them otherwise.
     */
    public static int[] framedSteps(int steps, int cap) {
        int frames = Math.min(steps, cap);
        int[] chosen = new int[frames];
        for (int f = 0; f < frames; f++) {
            chosen[f] = frames == 1 ? 0 : (int) ((long) f * (steps - 1) / (frames - 1));
        }
        return chosen;
    }

    /** Writes the frames as a looping GIF, atomically, with mode 0644. */
    public static void write(Path path, List<BufferedImage> frames, int delayMs) {
        if (frames.isEmpty()) {
            throw new UserError(path + ": nothing to animate");
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new UserError(path + ": no GIF writer available in this Java runtime");
        }
        ImageWriter writer = writers.next();
        AtomicFiles.write(path, out -> {
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.prepareWriteSequence(null);
                for (int i = 0; i < frames.size(); i++) {
                    BufferedImage frame = frames.get(i);
                    IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
                    configure(metadata, delayMs, i == 0);
                    writer.writeToSequence(new IIOImage(frame, null, metadata), null);
                }
                writer.endWriteSequence();
            } finally {
                writer.dispose();
            }
        });
        Pictures.makeReadable(path);
    }

    private static void configure(IIOMetadata metadata, int delayMs, boolean first) throws IOException {
        String format = metadata.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(Math.max(1, delayMs / 10)));
        control.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode extensions = child(root, "ApplicationExtensions");
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0}); // loop forever
            extensions.appendChild(loop);
        }
        metadata.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    /** The frames drawn with one colour scale for all of them (so a value keeps its colour from frame to frame). */
    public static List<BufferedImage> renderShared(List<List<Heatmaps.Panel>> frames) {
        List<Heatmaps.Panel> all = new ArrayList<>();
        frames.forEach(all::addAll);
        double[] scale = Heatmaps.range(all);
        List<BufferedImage> images = new ArrayList<>();
        for (List<Heatmaps.Panel> frame : frames) {
            images.add(Heatmaps.render(frame, scale));
        }
        return images;
    }

    /** {@code m} with the cells after row-major step {@code t} blanked (NaN): what is computed so far. */
    public static float[][] revealedUpTo(float[][] m, int t) {
        int cols = m.length == 0 ? 0 : m[0].length;
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < cols; c++) {
                if (r * cols + c > t) {
                    m[r][c] = Float.NaN;
                }
            }
        }
        return m;
    }
}
