package dev.convkit.cli.render;

import dev.convkit.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decodes the pictures the CLI writes and checks their pixels: the outline of a window at the right
 * cells, the chosen max marked, the legend, the sign of signed values, the panels and the file mode.
 * Cell positions come from {@link Heatmaps#layout}, which depends only on the panels' sizes.
 */
class PngTest {
    @TempDir
    Path temp;

    private static String data(String name) throws URISyntaxException {
        return Path.of(PngTest.class.getResource("/cli/data/" + name).toURI()).toString();
    }

    private static Color rgb(BufferedImage image, int x, int y) {
        return new Color(image.getRGB(x, y));
    }

    /** The layout of panels of these sizes (rows, cols pairs). */
    private static Heatmaps.Layout layout(int... sizes) {
        List<Heatmaps.Panel> panels = new ArrayList<>();
        for (int i = 0; i < sizes.length; i += 2) {
            panels.add(new Heatmaps.Panel("", new float[sizes[i]][sizes[i + 1]]));
        }
        return Heatmaps.layout(panels);
    }

    /** Whether the window outline runs along the left edge of cell (row, col) of a panel. */
    private static boolean outlinedLeft(BufferedImage image, Heatmaps.Layout layout, int panel, int row, int col) {
        int[] cell = layout.cell(panel, row, col);
        return rgb(image, cell[0] + 1, cell[1] + cell[2] / 2).equals(Heatmaps.OUTLINE);
    }

    private BufferedImage run(String name, String... args) throws IOException {
        Path png = temp.resolve(name);
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--png";
        all[args.length + 1] = png.toString();
        CliRun run = CliRun.of(all);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return ImageIO.read(png.toFile());
    }

    @Test
    void theCellsWindowIsOutlinedOnTheInputInsideItsPaddingRing() throws Exception {
        BufferedImage image = run("cell.png", "conv", "--input", data("A.txt"), "--kernel", data("K.txt"), "--stride", "2",
                "--padding", "1", "--explain", "--cell", "1,1");
        // the input drawn with its padding ring (7x7), the kernel, the 3x3 output
        Heatmaps.Layout layout = layout(7, 7, 3, 3, 3, 3);
        assertThat(image.getWidth()).isEqualTo(layout.width());
        assertThat(image.getHeight()).isEqualTo(layout.height());
        // out[1][1] reads padded rows and cols 2..4 (input rows 1..3: 1*2 - 1 + u)
        for (int r = 2; r <= 4; r++) {
            assertThat(outlinedLeft(image, layout, 0, r, 2)).as("left edge of the window at padded row %d", r).isTrue();
            assertThat(outlinedLeft(image, layout, 0, r, 1)).as("no outline left of the window at row %d", r).isFalse();
        }
        assertThat(outlinedLeft(image, layout, 0, 1, 2)).as("the window starts at row 2").isFalse();
        assertThat(outlinedLeft(image, layout, 0, 5, 2)).as("the window ends at row 4").isFalse();
        // and the output cell it makes
        assertThat(outlinedLeft(image, layout, 2, 1, 1)).isTrue();
        assertThat(outlinedLeft(image, layout, 2, 0, 1)).isFalse();
        // the ring holds the padded zeros: the lightest colour of the scale, like the smallest value
        int[] corner = layout.cell(0, 0, 0);
        assertThat(rgb(image, corner[0] + 5, corner[1] + 5)).isEqualTo(Heatmaps.color(0, 0, 85));
    }

    @Test
    void underDilationOnlyTheTapsReadAreOutlined() throws Exception {
        BufferedImage image = run("dilated.png", "conv", "--input", data("A.txt"), "--kernel", data("K.txt"), "--dilation", "2",
                "--padding", "1", "--cell", "0,0");
        Heatmaps.Layout layout = layout(7, 7, 3, 3, 3, 3);
        // taps at padded rows/cols 0, 2, 4: a thick outline on each; the cells between are not outlined thickly
        for (int r : new int[] {0, 2, 4}) {
            for (int c : new int[] {0, 2, 4}) {
                int[] cell = layout.cell(0, r, c);
                assertThat(rgb(image, cell[0] + cell[2] - 2, cell[1] + cell[2] / 2)).as("right edge of tap %d,%d", r, c)
                        .isEqualTo(Heatmaps.OUTLINE);
            }
        }
        int[] between = layout.cell(0, 1, 1);
        assertThat(rgb(image, between[0] + between[2] - 2, between[1] + between[2] / 2)).isNotEqualTo(Heatmaps.OUTLINE);
    }

    @Test
    void backwardOutlinesTheWindowsThatReadTheInputCell() throws Exception {
        BufferedImage image = run("backward.png", "conv", "--input", data("A.txt"), "--kernel", data("K.txt"), "--grad-output",
                "ones", "--cell", "0,0");
        // input, kernel, output, dE/dout, dE/dinput and the new dE/dK panel
        Heatmaps.Layout layout = layout(5, 5, 3, 3, 3, 3, 3, 3, 5, 5, 3, 3);
        assertThat(image.getWidth()).isEqualTo(layout.width());
        // pixel (0, 0) is read only by out[0][0]
        assertThat(outlinedLeft(image, layout, 2, 0, 0)).isTrue();
        assertThat(outlinedLeft(image, layout, 2, 0, 1)).isFalse();
        assertThat(outlinedLeft(image, layout, 2, 1, 1)).isFalse();
        assertThat(outlinedLeft(image, layout, 4, 0, 0)).isTrue();
    }

    @Test
    void theChosenMaxIsMarked() throws Exception {
        BufferedImage image = run("max.png", "pool", "max", "--input", data("C.txt"), "--kernel", "2", "--stride", "1",
                "--cell", "1,0");
        Heatmaps.Layout layout = layout(3, 3, 2, 2);
        int inset = Math.max(3, layout.cell() / 8);
        // out[1][0] = 110 chose input (2, 0)
        int[] chosen = layout.cell(0, 2, 0);
        assertThat(rgb(image, chosen[0] + chosen[2] / 2, chosen[1] + inset)).isEqualTo(Heatmaps.MARK);
        for (int[] other : new int[][] {{1, 0}, {1, 1}, {2, 1}, {0, 0}}) {
            int[] cell = layout.cell(0, other[0], other[1]);
            assertThat(rgb(image, cell[0] + cell[2] / 2, cell[1] + inset)).as("cell %d,%d", other[0], other[1])
                    .isNotEqualTo(Heatmaps.MARK);
        }
        // its window: input rows 1..2, cols 0..1
        assertThat(outlinedLeft(image, layout, 0, 1, 0)).isTrue();
        assertThat(outlinedLeft(image, layout, 0, 0, 0)).isFalse();
    }

    @Test
    void withoutACellEveryChosenElementIsMarked() throws Exception {
        BufferedImage image = run("maxall.png", "pool", "max", "--input", data("C.txt"), "--kernel", "2", "--stride", "1");
        Heatmaps.Layout layout = layout(3, 3, 2, 2);
        int inset = Math.max(3, layout.cell() / 8);
        // the exercise's indices: 0, 1, 6, 4
        for (int[] at : new int[][] {{0, 0}, {0, 1}, {2, 0}, {1, 1}}) {
            int[] cell = layout.cell(0, at[0], at[1]);
            assertThat(rgb(image, cell[0] + cell[2] / 2, cell[1] + inset)).isEqualTo(Heatmaps.MARK);
        }
        int[] unchosen = layout.cell(0, 0, 2);
        assertThat(rgb(image, unchosen[0] + unchosen[2] / 2, unchosen[1] + inset)).isNotEqualTo(Heatmaps.MARK);
    }

    @Test
    void allPanelsShareOneScaleWithALegend() throws Exception {
        BufferedImage image = run("exercise.png", "conv", "--input", data("A.txt"), "--kernel", data("K.txt"));
        Heatmaps.Layout layout = layout(5, 5, 3, 3, 3, 3);
        assertThat(image.getWidth()).isEqualTo(layout.width());
        // one scale from A's smallest value, 1, to C's largest, 110
        int barX = layout.legendLeft() + Heatmaps.LEGEND_BAR / 2;
        int barHeight = 5 * layout.cell();
        assertThat(rgb(image, barX, layout.gridTop())).isEqualTo(Heatmaps.color(110, 1, 110));
        assertThat(rgb(image, barX, layout.gridTop() + barHeight - 1)).isEqualTo(Heatmaps.color(1, 1, 110));
        // C[2][0] = 110 has the legend's top colour, A[0][4] = 1 its bottom colour: the panels share the scale
        int[] c20 = layout.cell(2, 2, 0);
        assertThat(rgb(image, c20[0] + 2, c20[1] + 2)).isEqualTo(Heatmaps.color(110, 1, 110));
        int[] a04 = layout.cell(0, 0, 4);
        assertThat(rgb(image, a04[0] + 2, a04[1] + 2)).isEqualTo(Heatmaps.color(1, 1, 110));
        // the legend has labels: dark text pixels to the right of the bar
        boolean label = false;
        for (int x = layout.legendLeft() + Heatmaps.LEGEND_BAR + 2; x < image.getWidth(); x++) {
            for (int y = layout.gridTop(); y < layout.gridTop() + 14; y++) {
                label |= rgb(image, x, y).getRed() < 100;
            }
        }
        assertThat(label).as("the legend's top label").isTrue();
    }

    @Test
    void signedValuesKeepTheirSign() throws Exception {
        BufferedImage image = run("sobel.png", "conv", "--input", data("A.txt"), "--kernel", "sobel-x", "--padding", "1");
        Heatmaps.Layout layout = layout(7, 7, 3, 3, 5, 5);
        // sobel-x of A with zero padding: out[0][0] = 5*2 + 3 = 13 > 0 (red), out[0][4] = -(2*2 + 2) - ... < 0 (blue)
        int[] positive = layout.cell(2, 0, 0);
        Color red = rgb(image, positive[0] + 2, positive[1] + 2);
        assertThat(red.getRed()).isGreaterThan(red.getBlue());
        int[] negative = layout.cell(2, 0, 4);
        Color blue = rgb(image, negative[0] + 2, negative[1] + 2);
        assertThat(blue.getBlue()).isGreaterThan(blue.getRed());
    }

    @Test
    void picturesAreWrittenReadableByEveryone() throws Exception {
        run("mode.png", "pool", "avg", "--input", data("C.txt"), "--kernel", "2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("mode.png")))).isEqualTo("rw-r--r--");
    }

    private Path barImage() throws IOException {
        BufferedImage bar = new BufferedImage(12, 10, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 12; x++) {
                bar.getRaster().setPixel(x, y, new int[] {x >= 4 && x < 8 ? 200 : 0});
            }
        }
        Path path = temp.resolve("bar.png");
        ImageIO.write(bar, "png", path.toFile());
        return path;
    }

    @Test
    void anEdgeKernelOnARealImageKeepsTheSignOfTheResponse() throws Exception {
        Path edges = temp.resolve("edges.png");
        CliRun run = CliRun.of("conv", "--input", barImage().toString(), "--kernel", "sobel-x", "--padding", "same",
                "--png", edges.toString(), "--format", "csv");
        assertThat(run.exitCode()).as(run.err()).isZero();
        BufferedImage image = ImageIO.read(edges.toFile());
        assertThat(image.getWidth()).isEqualTo(12);
        assertThat(image.getHeight()).isEqualTo(10);
        // the rising edge (+800) is full red, the falling edge (-800) full blue, flat ground white
        assertThat(rgb(image, 3, 5)).isEqualTo(new Color(178, 24, 43));
        assertThat(rgb(image, 8, 5)).isEqualTo(new Color(33, 102, 172));
        assertThat(rgb(image, 1, 5)).isEqualTo(Color.WHITE);
        assertThat(rgb(image, 5, 5)).as("inside the bar").isEqualTo(Color.WHITE);
    }

    @Test
    void aBlurKeepsBrightness() throws Exception {
        Path blurred = temp.resolve("blur.png");
        BufferedImage step = new BufferedImage(12, 10, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 12; x++) {
                step.getRaster().setPixel(x, y, new int[] {x < 6 ? 0 : 200});
            }
        }
        Path path = temp.resolve("step.png");
        ImageIO.write(step, "png", path.toFile());
        CliRun run = CliRun.of("conv", "--input", path.toString(), "--kernel", "gaussian", "--padding", "same",
                "--png", blurred.toString(), "--format", "csv");
        assertThat(run.exitCode()).as(run.err()).isZero();
        BufferedImage image = ImageIO.read(blurred.toFile());
        assertThat(image.getRaster().getPixel(2, 5, new int[1])[0]).isZero();
        assertThat(image.getRaster().getPixel(9, 5, new int[1])[0]).isEqualTo(200);
        // next to the step: (1*0 + 2*0 + 1*200) * (1 + 2 + 1) / 16 = 50 on the dark side
        assertThat(image.getRaster().getPixel(5, 5, new int[1])[0]).isEqualTo(50);
    }

    @Test
    void aPaddedPoolDrawsItsRingAndTheWholeWindow() throws Exception {
        BufferedImage image = run("maxpad.png", "pool", "max", "--input", data("A.txt"), "--kernel", "3", "--stride", "2",
                "--padding", "1", "--cell", "0,1");
        Heatmaps.Layout layout = layout(7, 7, 3, 3);
        assertThat(image.getWidth()).isEqualTo(layout.width());
        // out[0][1]'s window covers padded rows 0..2, cols 2..4: the top row lies in the -inf ring
        assertThat(outlinedLeft(image, layout, 0, 0, 2)).isTrue();
        assertThat(outlinedLeft(image, layout, 0, 2, 2)).isTrue();
        assertThat(outlinedLeft(image, layout, 0, 3, 2)).isFalse();
        // the ring's -inf is off the colour scale, drawn grey
        int[] corner = layout.cell(0, 0, 0);
        assertThat(rgb(image, corner[0] + 3, corner[1] + 3)).isEqualTo(Heatmaps.NOT_YET);
        // it chose A[0][1] = 5, padded (1, 2)
        int inset = Math.max(3, layout.cell() / 8);
        int[] chosen = layout.cell(0, 1, 2);
        assertThat(rgb(image, chosen[0] + chosen[2] / 2, chosen[1] + inset)).isEqualTo(Heatmaps.MARK);
    }

    @Test
    void cellsShowTheTablesPrecision() {
        // the avg pool's 43.7778 was drawn as 44: the cell text is the table's number, and it fits a cell
        assertThat(Heatmaps.cellText(43.77778f)).isEqualTo(dev.convkit.core.tensor.TensorFormat.number(43.77778f)).isEqualTo("43.7778");
        java.awt.Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        assertThat(Heatmaps.fittingFontSize(g, "43.7778", Heatmaps.cellSize(3, 3))).isPositive();
        assertThat(Heatmaps.fittingFontSize(g, "-0.888889", Heatmaps.cellSize(5, 5))).isPositive();
        g.dispose();
    }
}
