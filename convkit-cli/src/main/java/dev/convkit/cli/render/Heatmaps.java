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
import java.util.List;

/**
 * Pictures for learners: matrices side by side as heatmaps, with the values written in the cells
 * when the cells are large enough, and filtered images. Signed data uses a blue–white–red scale
 * centred on 0; non-negative data a white-to-blue scale.
 */
public final class Heatmaps {
    /** One matrix and its title. */
    public record Panel(String title, float[][] values) {
    }

    static final int MARGIN = 20;
    static final int TITLE_HEIGHT = 24;
    static final int MAX_CELL = 56;
    static final int MIN_CELL_FOR_TEXT = 28;

    private Heatmaps() {
    }

    /** The size of one cell for a matrix of {@code rows} × {@code cols}. */
    public static int cellSize(int rows, int cols) {
        return Math.max(2, Math.min(MAX_CELL, 360 / Math.max(1, Math.max(rows, cols))));
    }

    /** The panels side by side on a white background. */
    public static BufferedImage render(List<Panel> panels) {
        int width = MARGIN;
        int height = 0;
        for (Panel p : panels) {
            int cell = cellSize(p.values().length, p.values()[0].length);
            width += p.values()[0].length * cell + MARGIN;
            height = Math.max(height, p.values().length * cell);
        }
        height += 2 * MARGIN + TITLE_HEIGHT;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int x = MARGIN;
        for (Panel p : panels) {
            x += drawPanel(g, p, x, MARGIN) + MARGIN;
        }
        g.dispose();
        return image;
    }

    private static int drawPanel(Graphics2D g, Panel panel, int left, int top) {
        float[][] v = panel.values();
        int rows = v.length;
        int cols = v[0].length;
        int cell = cellSize(rows, cols);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float[] row : v) {
            for (float value : row) {
                if (Float.isFinite(value)) {
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(panel.title(), left, top + 15);
        int gridTop = top + TITLE_HEIGHT;
        Font valueFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, Math.min(14, cell / 3)));
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                Color color = color(v[r][c], min, max);
                g.setColor(color);
                g.fillRect(left + c * cell, gridTop + r * cell, cell, cell);
                if (cell >= MIN_CELL_FOR_TEXT) {
                    String text = TensorFormat.number(v[r][c]);
                    g.setFont(valueFont);
                    FontMetrics fm = g.getFontMetrics();
                    if (fm.stringWidth(text) > cell - 4) {
                        text = shorten(v[r][c]);
                    }
                    g.setColor(luminance(color) < 0.5 ? Color.WHITE : Color.BLACK);
                    g.drawString(text, left + c * cell + (cell - fm.stringWidth(text)) / 2,
                            gridTop + r * cell + (cell + fm.getAscent() - fm.getDescent()) / 2);
                }
            }
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawRect(left, gridTop, cols * cell - 1, rows * cell - 1);
        return cols * cell;
    }

    private static String shorten(float value) {
        return String.format(java.util.Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : "%.2g", value);
    }

    /** The colour of {@code value} on the scale of [min, max]. */
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
     * A filtered image from a (C, H, W) result with 1 or 3 channels: values clamped to 0–255 when the
     * kernel preserves brightness (its weights sum to 1), else |value| scaled so the largest is 255
     * (edge detectors, whose weights sum to 0).
     */
    public static BufferedImage image(Tensor output, boolean preservesBrightness) {
        int channels = output.dim(0);
        int h = output.dim(1);
        int w = output.dim(2);
        float[] d = output.data();
        double scale = 1;
        if (!preservesBrightness) {
            double max = 0;
            for (float v : d) {
                if (Float.isFinite(v)) {
                    max = Math.max(max, Math.abs(v));
                }
            }
            scale = max > 0 ? 255 / max : 1;
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

    /** Writes a PNG atomically. */
    public static void write(Path path, BufferedImage image) {
        AtomicFiles.write(path, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new UserError(path + ": no PNG writer available");
            }
        });
    }
}
