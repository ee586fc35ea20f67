package dev.convkit.cli.render;

import dev.convkit.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Decodes the animations the CLI writes: one frame per output cell (or stamp), up to the cap, each the picture's size. */
class GifTest {
    @TempDir
    Path temp;

    private static String data(String name) throws URISyntaxException {
        return Path.of(GifTest.class.getResource("/cli/data/" + name).toURI()).toString();
    }

    private static Heatmaps.Layout layout(int... sizes) {
        List<Heatmaps.Panel> panels = new ArrayList<>();
        for (int i = 0; i < sizes.length; i += 2) {
            panels.add(new Heatmaps.Panel("", new float[sizes[i]][sizes[i + 1]]));
        }
        return Heatmaps.layout(panels);
    }

    /** The frames of the GIF the command writes. */
    private List<BufferedImage> frames(String... args) throws Exception {
        Path gif = temp.resolve("anim.gif");
        Files.deleteIfExists(gif);
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--gif";
        all[args.length + 1] = gif.toString();
        CliRun run = CliRun.of(all);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(gif))).isEqualTo("rw-r--r--");
        List<BufferedImage> frames = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            int count = reader.getNumImages(true);
            for (int i = 0; i < count; i++) {
                frames.add(reader.read(i));
            }
            reader.dispose();
        }
        return frames;
    }

    private static void assertFrameSize(List<BufferedImage> frames, Heatmaps.Layout layout) {
        for (BufferedImage frame : frames) {
            assertThat(frame.getWidth()).isEqualTo(layout.width());
            assertThat(frame.getHeight()).isEqualTo(layout.height());
        }
    }

    @Test
    void theExercisesConvolutionHasNineFrames() throws Exception {
        List<BufferedImage> frames = frames("conv", "--input", data("A.txt"), "--kernel", data("K.txt"));
        assertThat(frames).hasSize(9);
        assertFrameSize(frames, layout(5, 5, 3, 3, 3, 3));
    }

    @Test
    void theBackwardAnimationHasAFramePerOutputCellWithTheGradientPanels() throws Exception {
        List<BufferedImage> frames = frames("conv", "--input", data("A.txt"), "--kernel", data("K.txt"), "--grad-output", "ones");
        assertThat(frames).hasSize(9);
        assertFrameSize(frames, layout(5, 5, 3, 3, 3, 3, 3, 3, 5, 5, 3, 3));
    }

    @Test
    void theTransposedConvolutionOfTheExerciseStampsNineTimes() throws Exception {
        List<BufferedImage> frames = frames("conv", "--transpose", "--input", data("ones3.txt"), "--kernel", data("K.txt"));
        assertThat(frames).hasSize(9);
        assertFrameSize(frames, layout(3, 3, 3, 3, 5, 5));
    }

    @Test
    void everyPoolAnimatesOneFramePerOutputCell() throws Exception {
        assertThat(frames("pool", "max", "--input", data("C.txt"), "--kernel", "2", "--stride", "1")).hasSize(4);
        assertThat(frames("pool", "avg", "--input", data("A.txt"), "--kernel", "3", "--stride", "2", "--padding", "1")).hasSize(9);
        assertThat(frames("pool", "lp", "--p", "2", "--input", data("C.txt"), "--kernel", "2", "--stride", "1", "--grad-output", "ones"))
                .hasSize(4);
        assertThat(frames("pool", "adaptive-max", "--input", data("A.txt"), "--output-size", "2x3")).hasSize(6);
        assertThat(frames("pool", "adaptive-avg", "--input", data("A.txt"), "--output-size", "2")).hasSize(4);
        assertThat(frames("pool", "fractional-max", "--input", data("A.txt"), "--kernel", "2", "--output-size", "3")).hasSize(9);
        List<BufferedImage> unpool = frames("pool", "unpool", "--input", data("P.txt"), "--indices-from", data("I.txt"),
                "--kernel", "2", "--stride", "1");
        assertThat(unpool).hasSize(4);
        assertFrameSize(unpool, layout(2, 2, 3, 3));
    }

    @Test
    void theFrameCapLimitsLongAnimations() throws Exception {
        // big.txt's 3x3 kernel leaves more output cells than the cap of 5
        List<BufferedImage> frames = frames("conv", "--input", data("big.txt"), "--kernel", data("K.txt"), "--max-frames", "5",
                "--frame-delay", "100");
        assertThat(frames).hasSize(5);
    }
}
