package dev.convkit.cli.commands;

import dev.convkit.cli.UserError;
import dev.convkit.cli.io.MatrixReader;
import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.autograd.GradMode;
import dev.convkit.nn.autograd.Ops;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.data.Dataset;
import dev.convkit.nn.layers.Sequential;
import dev.convkit.nn.train.Evaluation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code convkit predict}: class and probabilities for images. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Classify images with a trained model: each image is read as grayscale, resized to the model's 28x28",
            "input, normalized like the training data; prints the class and the probability of every class.",
            "Fashion-MNIST items are light on a dark background. The network is built from the course exercise's layers.",
            "",
            "Example:",
            "  convkit predict --model runs/train/model.safetensors shirt.png boot.png",
            ""})
public final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model.safetensors.")
    Path model;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "PNG/JPEG images, or text/JSON 28x28 matrices of 0-255 values.")
    List<Path> images;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Sequential net = EvaluateCommand.load(model);
        net.eval();
        PrintWriter out = spec.commandLine().getOut();
        int failures = 0;
        for (Path image : images) {
            try {
                Tensor x = prepare(MatrixReader.read(image, false).tensor());
                float[] p;
                try (GradMode.Scope off = GradMode.off()) {
                    Variable logits = net.forward(Variable.constant(x));
                    Evaluation.checkClasses(logits, EvaluateCommand.CLASSES.length);
                    p = Ops.logSoftmax(logits.value());
                }
                int best = 0;
                for (int c = 1; c < p.length; c++) {
                    if (p[c] > p[best]) {
                        best = c;
                    }
                }
                StringBuilder probs = new StringBuilder();
                for (int c = 0; c < p.length; c++) {
                    probs.append(String.format(" %d:%.3f", c, Math.exp(p[c])));
                }
                out.printf("%s: %d %s (p=%.3f) |%s%n", image, best, EvaluateCommand.CLASSES[best], Math.exp(p[best]), probs);
            } catch (UserError | InvalidArgumentException e) {
                failures++;
                spec.commandLine().getErr().println("convkit: " + e.getMessage());
            }
        }
        return failures == 0 ? 0 : 2;
    }

    /** One channel of 0-255 values, resized to 28x28 and normalized as the training data: (1, 1, 28, 28). */
    static Tensor prepare(Tensor t) {
        int h = t.dim(1);
        int w = t.dim(2);
        float[] src = t.data();
        float[] out = new float[28 * 28];
        if (h == 28 && w == 28) {
            System.arraycopy(src, 0, out, 0, out.length);
        } else {
            BufferedImage in = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    in.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, Math.round(src[y * w + x]))));
                }
            }
            BufferedImage small = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = small.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(in, 0, 0, 28, 28, null);
            g.dispose();
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    out[y * 28 + x] = small.getRaster().getSample(x, y, 0);
                }
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (out[i] / 255f - Dataset.MEAN) / Dataset.STD;
        }
        return Tensor.wrap(out, 1, 1, 28, 28);
    }
}
