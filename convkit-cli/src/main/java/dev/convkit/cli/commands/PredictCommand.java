package dev.convkit.cli.commands;

import dev.convkit.cli.UserError;
import dev.convkit.cli.io.AtomicFiles;
import dev.convkit.cli.io.ModelFiles;
import dev.convkit.cli.io.MatrixReader;
import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.inference.Model;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code convkit predict}: class and probabilities for images. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Classify images with a trained model, prepared as the model's metadata records. For models trained by",
            "'convkit train' (Fashion-MNIST): grey; a light background is inverted (the dataset's items are light on",
            "dark); cropped to the object, its longer edge scaled to 28 and centred, as the dataset was made; then",
            "normalized like the training data. 28x28 pictures on a dark background are taken as dataset pictures.",
            "Prints the class and the probability of every class. The network is built from the course exercise's layers.",
            "",
            "Examples:",
            "  convkit predict --model runs/train/model.safetensors shirt.png boot.jpg",
            "  convkit predict --model runs/train/model.safetensors --show-input seen.png photo.jpg",
            ""})
public final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model.safetensors.")
    Path model;

    @Option(names = "--show-input", paramLabel = "FILE",
            description = "Write the picture the model sees (e.g. 28x28, before normalization) as a PNG; one IMAGE only.")
    Path showInput;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "PNG/JPEG images, or text/JSON matrices of 0-255 values.")
    List<Path> images;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Loads a model for inference; every problem with the file is a UserError. */
    static Model load(Path file) {
        return ModelFiles.read(file, Model::load);
    }

    @Override
    public Integer call() {
        if (showInput != null && images.size() != 1) {
            throw new UserError("--show-input writes the input of one image; got " + images.size() + " images");
        }
        Model net = load(model);
        PrintWriter out = spec.commandLine().getOut();
        int failures = 0;
        for (Path image : images) {
            try {
                Tensor grey = MatrixReader.read(image, false).tensor();
                if (grey.rank() != 3 || grey.dim(0) != 1) {
                    throw new UserError(image + ": expected one grey picture, got shape " + Arrays.toString(grey.shape()));
                }
                int h = grey.dim(1);
                int w = grey.dim(2);
                if (showInput != null) {
                    BufferedImage seen = net.preprocessing().picture(grey.data(), h, w);
                    AtomicFiles.write(showInput, o -> ImageIO.write(seen, "png", o));
                }
                Model.Prediction p = net.classify(net.preprocessing().tensor(grey.data(), h, w)).get(0);
                StringBuilder probs = new StringBuilder();
                for (int c = 0; c < p.probabilities().length; c++) {
                    probs.append(String.format(" %d:%.3f", c, p.probabilities()[c]));
                }
                out.printf("%s: %d %s (p=%.3f) |%s%n", image, p.index(), p.label(), p.probability(), probs);
            } catch (UserError | InvalidArgumentException e) {
                failures++;
                spec.commandLine().getErr().println("convkit: " + e.getMessage());
            }
        }
        return failures == 0 ? 0 : 2;
    }
}
