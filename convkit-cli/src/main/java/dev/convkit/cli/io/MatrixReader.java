package dev.convkit.cli.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.convkit.cli.UserError;
import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Shape;
import dev.convkit.core.tensor.Tensor;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads the matrices a learner types, as tensors of shape (C, H, W):
 * <ul>
 *   <li>plain text: rows of numbers separated by spaces, commas or tabs; a blank line starts the next
 *       channel; {@code #} starts a comment; brackets are ignored, so {@code [[1, 2], [3, 4]]} works too;</li>
 *   <li>JSON: a tensor {@code {"shape", "data"}} (any rank, kept as is) or nested lists;</li>
 *   <li>images (PNG, JPEG, GIF, BMP): grayscale 0–255, or one channel per colour with {@code rgb}.</li>
 * </ul>
 * Every error names the file, and the line where there is one.
 */
public final class MatrixReader {
    /** What was read and whether it came from an image. */
    public record Read(Tensor tensor, boolean image) {
    }

    private MatrixReader() {
    }

    public static Read read(Path path, boolean rgb) {
        if (!Files.exists(path)) {
            throw new UserError(path + ": no such file");
        }
        if (Files.isDirectory(path)) {
            throw new UserError(path + ": is a directory, expected a matrix, JSON or image file");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.matches(".*\\.(png|jpe?g|gif|bmp)$")) {
                return new Read(readImage(path, rgb), true);
            }
            String text = Files.readString(path, StandardCharsets.UTF_8);
            String trimmed = text.strip();
            if (name.endsWith(".json") || trimmed.startsWith("{")) {
                return new Read(readJson(path, trimmed), false);
            }
            return new Read(parseText(path.toString(), text), false);
        } catch (MalformedInputException e) {
            throw new UserError(path + ": not a text file (and not a .png/.jpg image)");
        } catch (IOException e) {
            throw new UserError(path + ": cannot read: " + AtomicFiles.describe(e), e);
        }
    }

    /** Refuses an image whose header dimensions exceed the size limit or the heap, before it is decoded. */
    static void checkImageSize(Path path, long width, long height, int channels) {
        long pixels = width * height;
        long values = pixels * channels;
        if (values >= Shape.maxElements()) {
            throw new UserError(String.format("%s: a %dx%d image gives %d values, at or above the limit of %d (convkit.maxElements)",
                    path, width, height, values, Shape.maxElements()));
        }
        long bytes = pixels * 8 + values * 4;
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new UserError(String.format("%s: a %dx%d image needs about %d MB to decode, more than the %d MB heap;"
                    + " raise the heap (CONVKIT_JAVA_OPTS=-Xmx...) or use a smaller image",
                    path, width, height, bytes >> 20, heap >> 20));
        }
    }

    /** Parses plain-text matrices; {@code source} names the input in messages. */
    public static Tensor parseText(String source, String text) {
        List<List<float[]>> channels = new ArrayList<>();
        List<float[]> current = new ArrayList<>();
        int width = -1;
        int widthLine = 0;
        String[] lines = text.split("\\R", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.replace('[', ' ').replace(']', ' ').replace(';', ' ').strip();
            if (line.isEmpty()) {
                if (!current.isEmpty() && lines[n].strip().isEmpty()) {
                    channels.add(current);
                    current = new ArrayList<>();
                }
                continue;
            }
            String[] tokens = line.split("[\\s,]+");
            List<Float> values = new ArrayList<>();
            for (String token : tokens) {
                if (token.isEmpty()) {
                    continue;
                }
                values.add(parseNumber(source, n + 1, token));
            }
            if (values.isEmpty()) {
                continue;
            }
            if (width < 0) {
                width = values.size();
                widthLine = n + 1;
            } else if (values.size() != width) {
                throw new UserError(String.format("%s:%d: row has %d numbers, but line %d has %d: every row must have the same length",
                        source, n + 1, values.size(), widthLine, width));
            }
            float[] row = new float[values.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = values.get(i);
            }
            current.add(row);
        }
        if (!current.isEmpty()) {
            channels.add(current);
        }
        if (channels.isEmpty()) {
            throw new UserError(source + ": no numbers found (expected rows of numbers separated by spaces or commas)");
        }
        int height = channels.get(0).size();
        for (int c = 1; c < channels.size(); c++) {
            if (channels.get(c).size() != height) {
                throw new UserError(String.format("%s: channel %d has %d rows, channel 1 has %d: every channel must have the same size",
                        source, c + 1, channels.get(c).size(), height));
            }
        }
        float[] data = new float[channels.size() * height * width];
        int i = 0;
        for (List<float[]> channel : channels) {
            for (float[] row : channel) {
                System.arraycopy(row, 0, data, i, width);
                i += width;
            }
        }
        return Tensor.wrap(data, channels.size(), height, width);
    }

    private static float parseNumber(String source, int line, String token) {
        String t = token.toLowerCase(Locale.ROOT);
        switch (t) {
            case "inf": case "+inf": case "infinity": return Float.POSITIVE_INFINITY;
            case "-inf": case "-infinity": return Float.NEGATIVE_INFINITY;
            case "nan": return Float.NaN;
            default: break;
        }
        try {
            if (t.contains("/")) {
                String[] parts = t.split("/");
                if (parts.length == 2) {
                    return (float) (Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]));
                }
            }
            return (float) Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw new UserError(String.format("%s:%d: '%s' is not a number", source, line, token));
        }
    }

    private static Tensor readJson(Path path, String text) {
        JsonNode node;
        try {
            node = TensorJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UserError(path + ": " + TensorJson.describe(e, null));
        }
        try {
            if (node.isObject()) {
                Tensor t = TensorJson.readTensor(path.toString(), node);
                return t.rank() == 2 ? t.reshape(1, t.dim(0), t.dim(1)) : t;
            }
            if (node.isArray()) {
                return parseText(path.toString(), nestedToText(node));
            }
        } catch (InvalidArgumentException e) {
            throw new UserError(e.getMessage());
        }
        throw new UserError(path + ": expected a tensor {\"shape\", \"data\"} or nested lists of numbers");
    }

    /** Nested JSON lists as text rows (a 3-level list becomes channels separated by blank lines). */
    private static String nestedToText(JsonNode node) {
        StringBuilder out = new StringBuilder();
        if (node.size() > 0 && node.get(0).isArray() && node.get(0).size() > 0 && node.get(0).get(0).isArray()) {
            for (JsonNode channel : node) {
                out.append(nestedToText(channel)).append("\n\n");
            }
            return out.toString();
        }
        for (JsonNode row : node) {
            if (row.isArray()) {
                for (JsonNode v : row) {
                    out.append(v.asText()).append(' ');
                }
            } else {
                out.append(row.asText());
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * Decodes an image after its header dimensions passed the size limit and the heap check: the
     * decoded image (up to 4 bytes a pixel, or 8 for 16-bit colour) and the float tensor must fit.
     */
    private static Tensor readImage(Path path, boolean rgb) throws IOException {
        int channels = rgb ? 3 : 1;
        BufferedImage image;
        try (ImageInputStream stream = ImageIO.createImageInputStream(path.toFile())) {
            Iterator<ImageReader> readers = stream == null ? null : ImageIO.getImageReaders(stream);
            if (readers == null || !readers.hasNext()) {
                throw new UserError(path + ": not a readable image (PNG, JPEG, GIF or BMP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                checkImageSize(path, width, height, channels);
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IIOException | IndexOutOfBoundsException e) {
            throw new UserError(path + ": not a readable image (" + (e.getMessage() == null ? "corrupt data" : e.getMessage()) + ")");
        } catch (OutOfMemoryError e) {
            throw new UserError(path + ": not enough memory to decode this image; raise the heap (CONVKIT_JAVA_OPTS=-Xmx...)");
        }
        int h = image.getHeight();
        int w = image.getWidth();
        float[] data = new float[channels * h * w];
        if (image.getRaster().getNumBands() == 1) {
            // a gray image: read the stored levels (getRGB would convert linear gray to sRGB and brighten them)
            int bits = image.getColorModel().getComponentSize(0);
            double scale = 255.0 / ((1 << bits) - 1);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float level = (float) Math.round(image.getRaster().getSample(x, y, 0) * scale);
                    for (int c = 0; c < channels; c++) {
                        data[c * h * w + y * w + x] = level;
                    }
                }
            }
            return Tensor.wrap(data, channels, h, w);
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                int r = (argb >> 16) & 0xff;
                int g = (argb >> 8) & 0xff;
                int b = argb & 0xff;
                if (rgb) {
                    data[y * w + x] = r;
                    data[h * w + y * w + x] = g;
                    data[2 * h * w + y * w + x] = b;
                } else {
                    data[y * w + x] = Math.round(0.299f * r + 0.587f * g + 0.114f * b);
                }
            }
        }
        return Tensor.wrap(data, channels, h, w);
    }
}
