package dev.convkit.nn.train;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.nn.autograd.Arena;
import dev.convkit.nn.autograd.GradMode;
import dev.convkit.nn.autograd.Ops;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.data.Dataset;
import dev.convkit.nn.layers.Sequential;

import java.util.Arrays;

/**
 * A model's accuracy on a dataset: overall, per class, the confusion matrix (rows: true class,
 * columns: predicted) and the mean cross-entropy. A model whose output is not one logit per class is
 * refused with an {@link dev.convkit.core.InvalidArgumentException}.
 *
 * <pre>{@code
 * Sequential model = Architecture.build("flatten;linear(784,10)", 0);
 * Dataset data = new Dataset(new byte[8 * 784], new byte[] {0, 1, 2, 3, 4, 5, 6, 7}, 8, 28, 28);
 * Evaluation e = Evaluation.of(model, data, 4, 10);
 * assert e.accuracy() >= 0 && e.accuracy() <= 1 && e.confusion().length == 10;
 * }</pre>
 */
public record Evaluation(double accuracy, double loss, long[][] confusion) {
    /**
     * The batch to evaluate in: the built-in models' training batch, so that a trainer's test pass reuses
     * its step's arrays, and cache-sized (cnn2's first activation is 6.4 MB at 64 images, 25.7 MB at 256).
     */
    public static final int BATCH = 64;

    /** Evaluates in evaluation mode without recording a graph, then restores the training flag. */
    public static Evaluation of(Sequential model, Dataset data, int batch, int classes) {
        return of(model, data, batch, classes, new Arena());
    }

    /**
     * {@link #of(Sequential, Dataset, int, int)} with each batch's activations in {@code arena}'s steps: a
     * trainer passes its own, so that evaluating in batches of its training size reuses the step's arrays
     * (each batch opens a step: nothing computed before the call may be read after it).
     */
    public static Evaluation of(Sequential model, Dataset data, int batch, int classes, Arena arena) {
        if (batch < 1) {
            throw InvalidArgumentException.of("evaluation batch must be at least 1, got %d", batch);
        }
        boolean wasTraining = model.training();
        model.eval();
        long[][] confusion = new long[classes][classes];
        double lossSum = 0;
        int[] order = data.order(null);
        try (GradMode.Scope off = GradMode.off()) {
            for (int from = 0; from < data.size(); from += batch) {
                try (Arena.Scope scope = arena.step()) { // each batch's activations are dead once it is counted
                    int n = Math.min(batch, data.size() - from);
                    Dataset.Batch b = data.batch(order, from, n);
                    Variable logits = model.forward(Variable.constant(b.images()));
                    checkClasses(logits, classes);
                    lossSum += Ops.crossEntropy(logits, b.labels()).value().data()[0] * n;
                    int[] predicted = argmax(logits);
                    for (int i = 0; i < n; i++) {
                        confusion[b.labels()[i]][predicted[i]]++;
                    }
                }
            }
        } finally {
            if (wasTraining) {
                model.train();
            }
        }
        long correct = 0;
        for (int c = 0; c < classes; c++) {
            correct += confusion[c][c];
        }
        return new Evaluation(data.size() == 0 ? 0 : (double) correct / data.size(), lossSum / Math.max(1, data.size()),
                confusion);
    }

    /**
     * Refuses logits that are not (batch, classes): a model with another number of outputs, or one
     * that does not end in a linear layer, would otherwise index past the class names.
     */
    public static void checkClasses(Variable logits, int classes) {
        int[] shape = logits.value().shape();
        if (shape.length != 2 || shape[1] != classes) {
            throw InvalidArgumentException.of("the model's output has shape %s per batch; it must be"
                    + " [batch, %d], one logit per class (does the model end with a linear layer to %d outputs?)",
                    Arrays.toString(shape), classes, classes);
        }
    }

    /** The index of the largest logit of each row. */
    public static int[] argmax(Variable logits) {
        int n = logits.value().dim(0);
        int k = logits.value().dim(1);
        float[] z = logits.value().data();
        int[] out = new int[n];
        for (int r = 0; r < n; r++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (z[r * k + j] > z[r * k + best]) {
                    best = j;
                }
            }
            out[r] = best;
        }
        return out;
    }

    /** The accuracy of class {@code c}. */
    public double classAccuracy(int c) {
        long total = 0;
        for (long v : confusion[c]) {
            total += v;
        }
        return total == 0 ? 0 : (double) confusion[c][c] / total;
    }
}
