package dev.convkit.cli.render;

import dev.convkit.cli.UserError;
import dev.convkit.cli.io.AtomicFiles;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.tensor.TensorFormat;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pictures for learners: matrices side by side as heatmaps on one shared colour scale, with a legend,
 * the values written in the cells at the tables' precision when the cells are large enough, and the
 * geometry drawn on top: a window's outline, the padding ring with its padded values, tick marks at the
 * stride steps, and the element a max-type pool chose. Signed data uses a blue-white-red scale centred
 * on 0; otherwise a white-to-blue scale.
 */
public final class Heatmaps {
    /** A rectangle of cells, in the panel's own (padded) coordinates; {@code thick} for the focus. */
    public record Outline(int row, int col, int rows, int cols, boolean thick) {
    }

    /** One matrix, its title and what is drawn on it. */
    public static final class Panel {
        private final String title;
        private final float[][] values;
        private int ringTop;
        private int ringLeft;
        private int ringBottom;
        private int ringRight;
        private final List<Outline> outlines = new ArrayList<>();
        private final List<int[]> marks = new ArrayList<>();
        private int[] rowSteps = new int[0];
        private int[] colSteps = new int[0];

        public Panel(String title, float[][] values) {
            this.title = title;
            this.values = values;
        }

        public String title() {
            return title;
        }

        public float[][] values() {
            return values;
        }

        /** The outer rows and columns of {@link #values} are padding, drawn as a ring around the input. */
        public Panel ring(int top, int left, int bottom, int right) {
            ringTop = top;
            ringLeft = left;
            ringBottom = bottom;
            ringRight = right;
            return this;
        }

        public Panel outline(Outline outline) {
            outlines.add(outline);
            return this;
        }

        /** Marks the cell (row, col): the element a max-type pool chose. */
        public Panel mark(int row, int col) {
            marks.add(new int[] {row, col});
            return this;
        }

        /** Tick marks at the rows and columns where successive windows start (the stride steps). */
        public Panel steps(int[] rows, int[] cols) {
            rowSteps = rows.clone();
            colSteps = cols.clone();
            return this;
        }

        int rows() {
            return values.length;
        }

        int cols() {
            return values[0].length;
        }
    }

    static final int MARGIN = 20;
    static final int TITLE_HEIGHT = 24;
    static final int MAX_CELL = 56;
    static final int MIN_CELL_FOR_TEXT = 28;
    static final int LEGEND_BAR = 16;
    static final int LEGEND_TEXT = 72;
    /** The outline of a window, and the colour of the mark on a chosen element. */
    public static final Color OUTLINE = new Color(255, 140, 0);
    public static final Color MARK = new Color(0, 160, 0);
    static final Color RING_EDGE = new Color(60, 60, 60);
    static final Color NOT_YET = new Color(235, 235, 235);

    private Heatmaps() {
    }

    /** The size of one cell for a matrix of {@code rows} x {@code cols}. */
    public static int cellSize(int rows, int cols) {
        return Math.max(2, Math.min(MAX_CELL, 360 / Math.max(1, Math.max(rows, cols))));
    }

    /** Where a picture's panels and legend lie: every panel shares one cell size. */
    public record Layout(int cell, int[] gridLeft, int gridTop, int legendLeft, int width, int height) {
        /** The pixel rectangle {x, y, size} of cell (row, col) of panel {@code panel}. */
        public int[] cell(int panel, int row, int col) {
            return new int[] {gridLeft[panel] + col * cell, gridTop + row * cell, cell};
        }
    }

    public static Layout layout(List<Panel> panels) {
        int maxRows = 1;
        int maxCols = 1;
        for (Panel p : panels) {
            maxRows = Math.max(maxRows, p.rows());
            maxCols = Math.max(maxCols, p.cols());
        }
        int cell = cellSize(maxRows, maxCols);
        int[] left = new int[panels.size()];
        int x = MARGIN;
        for (int i = 0; i < panels.size(); i++) {
            left[i] = x;
            x += panels.get(i).cols() * cell + MARGIN;
        }
        int gridTop = MARGIN + TITLE_HEIGHT;
        int height = gridTop + maxRows * cell + MARGIN;
        return new Layout(cell, left, gridTop, x, x + LEGEND_BAR + LEGEND_TEXT + MARGIN, height);
    }

    /** The smallest and largest finite value over every panel: the one colour scale they share. */
    public static double[] range(List<Panel> panels) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Panel p : panels) {
            for (float[] row : p.values()) {
                for (float value : row) {
                    if (Float.isFinite(value)) {
                        min = Math.min(min, value);
                        max = Math.max(max, value);
                    }
                }
            }
        }
        return min > max ? new double[] {0, 0} : new double[] {min, max};
    }

    /** The panels side by side on a white background, on one colour scale, with its legend on the right. */
    public static BufferedImage render(List<Panel> panels) {
        return render(panels, range(panels));
    }

    /** As {@link #render(List)}, on a given scale (the frames of an animation share one). */
    public static BufferedImage render(List<Panel> panels, double[] scale) {
        Layout layout = layout(panels);
        BufferedImage image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, layout.width(), layout.height());
        for (int i = 0; i < panels.size(); i++) {
            drawPanel(g, panels.get(i), layout.gridLeft()[i], layout, scale);
        }
        drawLegend(g, layout, panels, scale);
        g.dispose();
        return image;
    }

    private static void drawPanel(Graphics2D g, Panel panel, int left, Layout layout, double[] scale) {
        float[][] v = panel.values();
        int rows = panel.rows();
        int cols = panel.cols();
        int cell = layout.cell();
        int gridTop = layout.gridTop();
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(panel.title(), left, MARGIN + 15);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                // NaN: not computed yet (animations); +-inf: a max pool's padding, off the scale
                Color color = Float.isFinite(v[r][c]) ? color(v[r][c], scale[0], scale[1]) : NOT_YET;
                g.setColor(color);
                g.fillRect(left + c * cell, gridTop + r * cell, cell, cell);
                if (cell >= MIN_CELL_FOR_TEXT && !Float.isNaN(v[r][c])) {
                    drawValue(g, cellText(v[r][c]), left + c * cell, gridTop + r * cell, cell,
                            luminance(color) < 0.5 ? Color.WHITE : Color.BLACK);
                }
            }
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawRect(left, gridTop, cols * cell - 1, rows * cell - 1);
        if (panel.ringTop + panel.ringLeft + panel.ringBottom + panel.ringRight > 0) {
            // the input inside its padding ring: a dashed edge, the ring's cells keep their padded values
            g.setColor(RING_EDGE);
            g.setStroke(new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            g.drawRect(left + panel.ringLeft * cell, gridTop + panel.ringTop * cell,
                    (cols - panel.ringLeft - panel.ringRight) * cell, (rows - panel.ringTop - panel.ringBottom) * cell);
        }
        g.setColor(RING_EDGE);
        g.setStroke(new BasicStroke(2));
        for (int r : panel.rowSteps) {
            int y = gridTop + r * cell + cell / 2;
            g.drawLine(left - 7, y, left - 2, y);
        }
        for (int c : panel.colSteps) {
            int x = left + c * cell + cell / 2;
            g.drawLine(x, gridTop - 7, x, gridTop - 2);
        }
        g.setColor(OUTLINE);
        for (Outline o : panel.outlines) {
            int stroke = o.thick() ? 3 : 1;
            g.setStroke(new BasicStroke(stroke));
            int inset = stroke / 2;
            g.drawRect(left + o.col() * cell + inset, gridTop + o.row() * cell + inset,
                    o.cols() * cell - 2 * inset - 1, o.rows() * cell - 2 * inset - 1);
        }
        g.setColor(MARK);
        g.setStroke(new BasicStroke(3));
        for (int[] m : panel.marks) {
            int inset = Math.max(3, cell / 8);
            g.drawOval(left + m[1] * cell + inset, gridTop + m[0] * cell + inset, cell - 2 * inset, cell - 2 * inset);
        }
    }

    /** A value in its cell, in the tables' precision: the font shrinks to fit; the digits are never rounded away. */
    private static void drawValue(Graphics2D g, String text, int x, int y, int cell, Color color) {
        int size = fittingFontSize(g, text, cell);
        if (size > 0) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
            FontMetrics fm = g.getFontMetrics();
            g.setColor(color);
            g.drawString(text, x + (cell - fm.stringWidth(text)) / 2, y + (cell + fm.getAscent() - fm.getDescent()) / 2);
        }
    }

    /** The largest font size (7 to 14 points) at which {@code text} fits in a cell, or 0 when none does. */
    static int fittingFontSize(Graphics2D g, String text, int cell) {
        for (int size = Math.max(9, Math.min(14, cell / 3)); size >= 7; size--) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
            if (g.getFontMetrics().stringWidth(text) <= cell - 4) {
                return size;
            }
        }
        return 0;
    }

    /** The text of a cell: the number exactly as the tables print it. */
    static String cellText(float value) {
        return TensorFormat.number(value);
    }

    /** The colour bar: the largest value at the top, the smallest at the bottom, and 0 where the scale changes sign. */
    private static void drawLegend(Graphics2D g, Layout layout, List<Panel> panels, double[] scale) {
        int maxRows = 1;
        for (Panel p : panels) {
            maxRows = Math.max(maxRows, p.rows());
        }
        int top = layout.gridTop();
        int height = Math.max(2, maxRows * layout.cell());
        int left = layout.legendLeft();
        double min = scale[0];
        double max = scale[1];
        for (int y = 0; y < height; y++) {
            double value = max - (max - min) * y / (height - 1);
            g.setColor(color(value, min, max));
            g.fillRect(left, top + y, LEGEND_BAR, 1);
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawRect(left - 1, top - 1, LEGEND_BAR + 1, height + 1);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        int textLeft = left + LEGEND_BAR + 4;
        g.drawString(TensorFormat.number(max), textLeft, top + fm.getAscent());
        g.drawString(TensorFormat.number(min), textLeft, top + height);
        if (min < 0 && max > 0) {
            int zero = top + (int) Math.round((max / (max - min)) * (height - 1));
            g.drawLine(left + LEGEND_BAR, zero, left + LEGEND_BAR + 3, zero);
            g.drawString("0", textLeft, zero + fm.getAscent() / 2);
        }
    }

    /** The colour of {@code value} on the scale of [min, max]: diverging around 0 when the scale changes sign. */
    public static Color color(double value, double min, double max) {
        if (Double.isNaN(value)) {
            return new Color(160, 160, 160);
        }
        if (min < 0 && max > 0) {
            double scale = Math.max(-min, max);
            double t = Math.max(-1, Math.min(1, value / scale));
            return t >= 0 ? mix(Color.WHITE, new Color(178, 24, 43), t) : mix(Color.WHITE, new Color(33, 102, 172), -t);
        }
        double t = max > min ? (value - min) / (max - min) : 0.5;
        if (max <= 0 && min < 0) {
            t = 1 - t;
        }
        return mix(new Color(247, 251, 255), new Color(8, 48, 107), Math.max(0, Math.min(1, t)));
    }

    private static Color mix(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

    private static double luminance(Color c) {
        return (0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue()) / 255;
    }

    /**
     * A filtered image from a (C, H, W) result with 1 or 3 channels: values clamped to 0-255 when the
     * kernel preserves brightness (its weights sum to 1). Otherwise (edge detectors, whose weights sum
     * to 0) a grayscale result that changes sign is drawn on the diverging scale, so that the sign
     * survives: red for positive, blue for negative, white for 0, the largest |value| the strongest;
     * a result of one sign is |value| scaled so that the largest is 255.
     */
    public static BufferedImage image(Tensor output, boolean preservesBrightness) {
        int channels = output.dim(0);
        int h = output.dim(1);
        int w = output.dim(2);
        float[] d = output.data();
        double scale = 1;
        boolean negative = false;
        boolean positive = false;
        double max = 0;
        for (float v : d) {
            if (Float.isFinite(v)) {
                max = Math.max(max, Math.abs(v));
                negative |= v < 0;
                positive |= v > 0;
            }
        }
        if (!preservesBrightness) {
            scale = max > 0 ? 255 / max : 1;
            if (negative && positive && channels == 1) {
                BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        image.setRGB(x, y, color(d[y * w + x], -max, max).getRGB());
                    }
                }
                return image;
            }
        }
        BufferedImage image = new BufferedImage(w, h, channels == 3 ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] rgb = new int[3];
                for (int c = 0; c < 3; c++) {
                    float v = d[(channels == 3 ? c : 0) * h * w + y * w + x];
                    double level = preservesBrightness ? v : Math.abs(v) * scale;
                    rgb[c] = (int) Math.round(Math.max(0, Math.min(255, Float.isNaN(v) ? 0 : level)));
                }
                image.getRaster().setPixel(x, y, channels == 3 ? rgb : new int[] {rgb[0]});
            }
        }
        return image;
    }

    /** Writes a PNG atomically, readable by everyone (mode 0644, as other tools write pictures). */
    public static void write(Path path, BufferedImage image) {
        AtomicFiles.write(path, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new UserError(path + ": no PNG writer available");
            }
        });
        Pictures.makeReadable(path);
    }
}
