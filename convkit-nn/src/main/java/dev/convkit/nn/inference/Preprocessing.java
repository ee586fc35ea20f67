package dev.convkit.nn.inference;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.io.ModelMetadata;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a picture becomes a model's input, as recorded in the model's metadata
 * ({@link ModelMetadata#PREPROCESSING}): steps separated by {@code ;}, applied in order to a grey
 * picture of 0-255 values.
 * <ul>
 *   <li>{@code grey}: luma (0.299 R + 0.587 G + 0.114 B), transparent pixels over white;</li>
 *   <li>{@code invert_light_background}: when the border is light (mean above 127.5), v → 255 − v,
 *       so that the object is light on dark as in Fashion-MNIST;</li>
 *   <li>{@code crop_to_object}: the bounding box of the pixels that stand out from the background (the
 *       border's median) by more than a tenth of the brightest pixel's contrast;</li>
 *   <li>{@code fit(W,H)}: scaled (area averaging) so that it fits W×H keeping its aspect ratio, its
 *       longer edge filling the box, and centred on a black (0) canvas;</li>
 *   <li>{@code resize(W,H)}: stretched to W×H (area averaging), the aspect ratio not kept;</li>
 *   <li>{@code normalize(mean,std)}: v/255 → (v/255 − mean)/std, the last step.</li>
 * </ul>
 * Fashion-MNIST was made this way (Zalando's description: trim the edges of the background colour,
 * resize the longest edge to 28, sharpen, extend the shorter edge to 28 and centre, negate, grey):
 * so the object is centred by its bounding box, not by its mass as MNIST's digits are, and fills 28
 * pixels along its longer edge, not a 20-pixel box. The sharpening step is left out: it is not
 * specified and an area-averaged downscale keeps edges well enough. A picture that already has the
 * input size and a dark border is taken as a dataset picture and only normalized.
 *
 * <pre>{@code
 * BufferedImage photo = new BufferedImage(60, 40, BufferedImage.TYPE_INT_RGB);   // a dark 20×10 bar on white
 * for (int y = 0; y < 40; y++) {
 *     for (int x = 0; x < 60; x++) {
 *         photo.setRGB(x, y, x >= 10 && x < 30 && y >= 5 && y < 15 ? 0x202020 : 0xffffff);
 *     }
 * }
 * Preprocessing p = Preprocessing.parse(ModelMetadata.FASHION_MNIST_PREPROCESSING);
 * BufferedImage seen = p.picture(photo);                                     // 28×28: the bar, light on black
 * assert seen.getWidth() == 28 && seen.getRaster().getSample(14, 14, 0) > 200 && seen.getRaster().getSample(14, 3, 0) == 0;
 * Tensor x = p.tensor(photo);
 * assert Arrays.equals(x.shape(), new int[] {1, 1, 28, 28});
 * }</pre>
 */
public final class Preprocessing {
    private static final Pattern STEP = Pattern.compile("([a-z_]+)(?:\\(([^)]*)\\))?");

    private record Step(String name, double[] args) {
    }

    private final String text;
    private final List<Step> steps;
    private final int width;
    private final int height;
    private final float mean;
    private final float std;

    private Preprocessing(String text, List<Step> steps, int width, int height, float mean, float std) {
        this.text = text;
        this.steps = steps;
        this.width = width;
        this.height = height;
        this.mean = mean;
        this.std = std;
    }

    /** Reads steps; the last sizing step ({@code fit} or {@code resize}) sets the input size. */
    public static Preprocessing parse(String text) {
        List<Step> steps = new ArrayList<>();
        int w = -1;
        int h = -1;
        float mean = 0;
        float std = 1;
        boolean normalized = false;
        for (String raw : text.split(";")) {
            String token = raw.trim();
            Matcher m = STEP.matcher(token);
            if (!m.matches()) {
                throw InvalidArgumentException.of("preprocessing: cannot read step '%s'", token);
            }
            if (normalized) {
                throw InvalidArgumentException.of("preprocessing: normalize must be the last step, '%s' follows it", token);
            }
            String name = m.group(1);
            double[] args = args(token, m.group(2));
            switch (name) {
                case "grey", "invert_light_background", "crop_to_object" -> need(token, args, 0);
                case "fit", "resize" -> {
                    need(token, args, 2);
                    w = whole(token, args[0]);
                    h = whole(token, args[1]);
                }
                case "normalize" -> {
                    need(token, args, 2);
                    if (!(args[1] > 0)) {
                        throw InvalidArgumentException.of("preprocessing: the std of '%s' must be positive", token);
                    }
                    mean = (float) args[0];
                    std = (float) args[1];
                    normalized = true;
                }
                default -> throw InvalidArgumentException.of("preprocessing: unknown step '%s' (known: grey,"
                        + " invert_light_background, crop_to_object, fit(W,H), resize(W,H), normalize(mean,std))", token);
            }
            steps.add(new Step(name, args));
        }
        if (steps.isEmpty() || !steps.get(0).name().equals("grey")) {
            throw InvalidArgumentException.of("preprocessing: the first step must be grey, got '%s'", text);
        }
        if (w < 0) {
            throw InvalidArgumentException.of("preprocessing: '%s' has no fit(W,H) or resize(W,H) step", text);
        }
        return new Preprocessing(text, List.copyOf(steps), w, h, mean, std);
    }

    /** The preprocessing a model's metadata records, or Fashion-MNIST's for models saved before it was recorded. */
    public static Preprocessing of(Map<String, String> metadata) {
        return parse(metadata.getOrDefault(ModelMetadata.PREPROCESSING, ModelMetadata.FASHION_MNIST_PREPROCESSING));
    }

    private static double[] args(String token, String list) {
        if (list == null || list.isBlank()) {
            return new double[0];
        }
        String[] parts = list.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw InvalidArgumentException.of("preprocessing: '%s' is not a number in step '%s'", parts[i].trim(), token);
            }
        }
        return out;
    }

    private static void need(String token, double[] args, int count) {
        if (args.length != count) {
            throw InvalidArgumentException.of("preprocessing: step '%s' takes %d numbers, got %d", token, count, args.length);
        }
    }

    private static int whole(String token, double v) {
        if (v != Math.rint(v) || v < 1 || v > 4096) {
            throw InvalidArgumentException.of("preprocessing: the size in '%s' must be a whole number from 1 to 4096", token);
        }
        return (int) v;
    }

    /** The input width. */
    public int width() {
        return width;
    }

    /** The input height. */
    public int height() {
        return height;
    }

    /** The grey picture the model sees, before normalization: width() × height(), 0-255. */
    public BufferedImage picture(BufferedImage image) {
        return picture(grey(image), image.getHeight(), image.getWidth());
    }

    /** The picture the model sees for a grey picture of 0-255 values, row by row. */
    public BufferedImage picture(float[] grey, int rows, int columns) {
        float[] v = values(grey.clone(), rows, columns);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, Math.round(v[y * width + x]))));
            }
        }
        return out;
    }

    /** The model input for one picture: (1, 1, height(), width()). */
    public Tensor tensor(BufferedImage image) {
        return tensor(grey(image), image.getHeight(), image.getWidth());
    }

    /** The model input for one grey picture of 0-255 values, row by row: (1, 1, height(), width()). */
    public Tensor tensor(float[] grey, int rows, int columns) {
        float[] v = values(grey.clone(), rows, columns);
        for (int i = 0; i < v.length; i++) {
            v[i] = (v[i] / 255f - mean) / std;
        }
        return Tensor.wrap(v, 1, 1, height, width);
    }

    /** The steps before normalization, on 0-255 values. */
    private float[] values(float[] v, int rows, int columns) {
        if (rows < 1 || columns < 1 || (long) rows * columns != v.length) {
            throw InvalidArgumentException.of("preprocessing: a %dx%d picture needs %d values, got %d", rows, columns,
                    (long) rows * columns, v.length);
        }
        int h = rows;
        int w = columns;
        boolean prepared = rows == height && columns == width && borderMean(v, h, w) <= 127.5;
        for (Step step : steps) {
            if (prepared && !step.name().equals("grey")) {
                break; // a dataset picture: already the input size, light on dark
            }
            switch (step.name()) {
                case "invert_light_background" -> {
                    if (borderMean(v, h, w) > 127.5) {
                        for (int i = 0; i < v.length; i++) {
                            v[i] = 255 - v[i];
                        }
                    }
                }
                case "crop_to_object" -> {
                    int[] box = objectBox(v, h, w);
                    float[] cropped = new float[box[2] * box[3]];
                    for (int y = 0; y < box[3]; y++) {
                        System.arraycopy(v, (box[1] + y) * w + box[0], cropped, y * box[2], box[2]);
                    }
                    v = cropped;
                    w = box[2];
                    h = box[3];
                }
                case "fit", "resize" -> {
                    int boxW = (int) step.args()[0];
                    int boxH = (int) step.args()[1];
                    int newW = boxW;
                    int newH = boxH;
                    if (step.name().equals("fit")) {
                        double scale = Math.min((double) boxW / w, (double) boxH / h);
                        newW = Math.max(1, Math.min(boxW, (int) Math.round(w * scale)));
                        newH = Math.max(1, Math.min(boxH, (int) Math.round(h * scale)));
                    }
                    float[] scaled = resample(v, h, w, newH, newW);
                    float[] canvas = new float[boxW * boxH];
                    int left = (boxW - newW) / 2;
                    int top = (boxH - newH) / 2;
                    for (int y = 0; y < newH; y++) {
                        System.arraycopy(scaled, y * newW, canvas, (top + y) * boxW + left, newW);
                    }
                    v = canvas;
                    w = boxW;
                    h = boxH;
                }
                default -> {
                    // grey happened on reading; normalize happens in tensor()
                }
            }
        }
        return v;
    }

    /** Luma of each pixel, 0-255; transparent pixels over white. */
    static float[] grey(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] out = new float[w * h];
        if (image.getRaster().getNumBands() == 1 && !(image.getColorModel() instanceof IndexColorModel)) {
            // grey pictures as stored: getRGB would convert their linear grey space to sRGB and brighten them
            int bits = image.getColorModel().getComponentSize(0);
            float scale = 255f / ((1 << bits) - 1);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = image.getRaster().getSample(x, y, 0) * scale;
                }
            }
            return out;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                double alpha = (argb >>> 24) / 255.0;
                double luma = 0.299 * ((argb >> 16) & 0xff) + 0.587 * ((argb >> 8) & 0xff) + 0.114 * (argb & 0xff);
                out[y * w + x] = (float) (luma * alpha + 255 * (1 - alpha));
            }
        }
        return out;
    }

    private static float[] border(float[] v, int h, int w) {
        List<Float> values = new ArrayList<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (y == 0 || x == 0 || y == h - 1 || x == w - 1) {
                    values.add(v[y * w + x]);
                }
            }
        }
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static double borderMean(float[] v, int h, int w) {
        double sum = 0;
        float[] b = border(v, h, w);
        for (float x : b) {
            sum += x;
        }
        return sum / b.length;
    }

    /** {x, y, width, height} of the pixels that stand out from the background; the whole picture when none do. */
    private static int[] objectBox(float[] v, int h, int w) {
        float[] b = border(v, h, w);
        Arrays.sort(b);
        float background = b[b.length / 2];
        float contrast = 0;
        for (float x : v) {
            contrast = Math.max(contrast, Math.abs(x - background));
        }
        float threshold = Math.max(contrast / 10, 1e-3f);
        int left = w;
        int right = -1;
        int top = h;
        int bottom = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (Math.abs(v[y * w + x] - background) > threshold) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        return right < 0 ? new int[] {0, 0, w, h} : new int[] {left, top, right - left + 1, bottom - top + 1};
    }

    /** Area averaging: each output pixel is the mean of the input area it covers (fractional pixels weighted). */
    static float[] resample(float[] v, int h, int w, int newH, int newW) {
        float[] rows = new float[h * newW];
        for (int y = 0; y < h; y++) {
            resampleLine(v, y * w, 1, w, rows, y * newW, 1, newW);
        }
        float[] out = new float[newH * newW];
        for (int x = 0; x < newW; x++) {
            resampleLine(rows, x, newW, h, out, x, newW, newH);
        }
        return out;
    }

    private static void resampleLine(float[] in, int inStart, int inStep, int n, float[] out, int outStart, int outStep,
                                     int m) {
        double scale = (double) n / m;
        for (int j = 0; j < m; j++) {
            double from = j * scale;
            double to = (j + 1) * scale;
            double sum = 0;
            for (int i = (int) Math.floor(from); i < Math.min(n, (int) Math.ceil(to)); i++) {
                double overlap = Math.min(to, i + 1) - Math.max(from, i);
                if (overlap > 0) {
                    sum += overlap * in[inStart + i * inStep];
                }
            }
            out[outStart + j * outStep] = (float) (sum / scale);
        }
    }

    /** The steps, as recorded in a model's metadata. */
    @Override
    public String toString() {
        return text.toLowerCase(Locale.ROOT);
    }
}
