package dev.convkit.cli.commands;

import dev.convkit.cli.UserError;
import dev.convkit.cli.io.AtomicFiles;
import dev.convkit.cli.io.ModelFiles;
import dev.convkit.nn.data.Dataset;
import dev.convkit.nn.io.Checkpoint;
import dev.convkit.nn.io.ModelMetadata;
import dev.convkit.nn.layers.Sequential;
import dev.convkit.nn.train.Evaluation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code convkit evaluate}: test accuracy, per-class accuracy and the confusion matrix of a saved model. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Evaluate a model written by 'convkit train' on the test split: accuracy, per-class accuracy, confusion matrix.",
            "",
            "Example (after the course exercise's layers are trained by 'convkit train'):",
            "  convkit evaluate --model runs/train/model.safetensors",
            ""})
public final class EvaluateCommand implements Callable<Integer> {
    static final String[] CLASSES = ModelMetadata.FASHION_MNIST_CLASSES.toArray(new String[0]);

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model.safetensors (or checkpoint).")
    Path model;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder of IDX files (default: Fashion-MNIST).")
    Path data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Loads a model; every problem with the file (missing, a folder, corrupt, too large) is a UserError. */
    static Sequential load(Path file) {
        return ModelFiles.read(file, Checkpoint::loadModel);
    }

    @Override
    public Integer call() {
        Sequential net = load(model);
        Path dir = TrainCommand.dataDir(data);
        Dataset test;
        try {
            test = Dataset.load(dir, Dataset.Split.TEST);
        } catch (IOException e) {
            throw new UserError("--data " + dir + ": cannot read: " + AtomicFiles.describe(e), e);
        }
        if (test.size() == 0) {
            throw new UserError("--data " + dir + ": the test data is empty: no images to evaluate on");
        }
        Evaluation e = Evaluation.of(net, test, Evaluation.BATCH, CLASSES.length);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("test accuracy %.4f (%d images), mean cross-entropy %.4f%n%n", e.accuracy(), test.size(), e.loss());
        out.println("per class:");
        for (int c = 0; c < 10; c++) {
            out.printf("  %d %-12s %.4f%n", c, CLASSES[c], e.classAccuracy(c));
        }
        out.println();
        out.println("confusion matrix (rows: true class, columns: predicted):");
        StringBuilder head = new StringBuilder("     ");
        for (int c = 0; c < 10; c++) {
            head.append(String.format("%6d", c));
        }
        out.println(head);
        for (int r = 0; r < 10; r++) {
            StringBuilder row = new StringBuilder(String.format("  %d  ", r));
            for (int c = 0; c < 10; c++) {
                row.append(String.format("%6d", e.confusion()[r][c]));
            }
            out.println(row);
        }
        return 0;
    }
}
