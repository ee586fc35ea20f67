package dev.convkit.cli.render;

import dev.convkit.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Decodes the pictures the CLI writes and checks their size and a few pixels. */
class PngTest {
    @TempDir
    Path temp;

    private static Path data(String name) throws URISyntaxException {
        return Path.of(PngTest.class.getResource("/cli/data/" + name).toURI());
    }

    private static int[] rgb(BufferedImage image, int x, int y) {
        Color c = new Color(image.getRGB(x, y));
        return new int[] {c.getRed(), c.getGreen(), c.getBlue()};
    }

    @Test
    void exerciseHeatmapsShowInputKernelOutputAndGradient() throws Exception {
        Path png = temp.resolve("exercise.png");
        CliRun run = CliRun.of("conv", "--input", data("A.txt").toString(), "--kernel", data("K.txt").toString(),
                "--grad-output", "ones", "--png", png.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        // panels 5x5, 3x3, 3x3, 5x5 with 56-pixel cells, 20-pixel margins and a 24-pixel title row
        assertThat(image.getWidth()).isEqualTo(20 + (5 * 56 + 20) + (3 * 56 + 20) + (3 * 56 + 20) + (5 * 56 + 20));
        assertThat(image.getHeight()).isEqualTo(5 * 56 + 2 * 20 + 24);
        int outputLeft = 20 + (5 * 56 + 20) + (3 * 56 + 20);
        int gridTop = 20 + 24;
        // C's largest value, 110 at (2, 0), is the darkest blue; its smallest, 72 at (0, 2), the lightest
        assertThat(rgb(image, outputLeft + 2, gridTop + 2 * 56 + 2)).containsExactly(8, 48, 107);
        assertThat(rgb(image, outputLeft + 2 * 56 + 2, gridTop + 2)).containsExactly(247, 251, 255);
        // the margin is white
        assertThat(rgb(image, 5, image.getHeight() - 5)).containsExactly(255, 255, 255);
    }

    private Path stepImage() throws IOException {
        BufferedImage step = new BufferedImage(12, 10, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 12; x++) {
                step.getRaster().setPixel(x, y, new int[] {x < 6 ? 0 : 200});
            }
        }
        Path path = temp.resolve("step.png");
        ImageIO.write(step, "png", path.toFile());
        return path;
    }

    @Test
    void anEdgeKernelOnARealImageWritesTheFilteredImage() throws Exception {
        Path edges = temp.resolve("edges.png");
        CliRun run = CliRun.of("conv", "--input", stepImage().toString(), "--kernel", "sobel-x", "--padding", "same",
                "--png", edges.toString(), "--format", "csv");
        assertThat(run.exitCode()).as(run.err()).isZero();
        BufferedImage image = ImageIO.read(edges.toFile());
        assertThat(image.getWidth()).isEqualTo(12);
        assertThat(image.getHeight()).isEqualTo(10);
        // |sobel-x| is 4*200 = 800 beside the step (the largest response, drawn 255) and 0 on flat ground
        assertThat(image.getRaster().getPixel(5, 5, new int[1])[0]).isEqualTo(255);
        assertThat(image.getRaster().getPixel(6, 5, new int[1])[0]).isEqualTo(255);
        assertThat(image.getRaster().getPixel(2, 5, new int[1])[0]).isZero();
        assertThat(image.getRaster().getPixel(8, 5, new int[1])[0]).isZero();
    }

    @Test
    void aBlurKeepsBrightness() throws Exception {
        Path blurred = temp.resolve("blur.png");
        CliRun run = CliRun.of("conv", "--input", stepImage().toString(), "--kernel", "gaussian", "--padding", "same",
                "--png", blurred.toString(), "--format", "csv");
        assertThat(run.exitCode()).as(run.err()).isZero();
        BufferedImage image = ImageIO.read(blurred.toFile());
        assertThat(image.getRaster().getPixel(2, 5, new int[1])[0]).isZero();
        assertThat(image.getRaster().getPixel(9, 5, new int[1])[0]).isEqualTo(200);
        // next to the step: (1*0 + 2*0 + 1*0 + 1*200 + 2*200 + 1*200) * ... / 16 = 50 on the dark side
        assertThat(image.getRaster().getPixel(5, 5, new int[1])[0]).isEqualTo(50);
    }

    @Test
    void poolPicturesHaveOnePanelPerMatrix() throws Exception {
        Path png = temp.resolve("pool.png");
        CliRun run = CliRun.of("pool", "max", "--input", data("C.txt").toString(), "--kernel", "2", "--stride", "1",
                "--png", png.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(20 + (3 * 56 + 20) + (2 * 56 + 20));
        assertThat(image.getHeight()).isEqualTo(3 * 56 + 2 * 20 + 24);
    }
}
