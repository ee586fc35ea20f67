package dev.convkit.core.testing;

import dev.convkit.core.tensor.Tensor;

import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finite-difference gradient checks. For a function f and an upstream gradient G, the loss
 * L(x) = Σ G · f(x) has dL/dx = the backward pass of f applied to G; this compares that with the
 * central difference (L(x + h·e_i) − L(x − h·e_i)) / 2h at sampled coordinates.
 */
public final class GradientChecker {
    private GradientChecker() {
    }

    /**
     * Checks {@code analytic} (the gradient w.r.t. {@code x}) against central differences of
     * {@code forward}, at up to {@code samples} coordinates chosen by {@code random}.
     */
    public static void check(String what, Tensor x, Function<Tensor, Tensor> forward, Tensor gradOutput,
                             Tensor analytic, double step, int samples, Random random) {
        assertThat(analytic.shape()).as("%s: gradient shape", what).containsExactly(x.shape());
        float[] data = x.data();
        int count = (int) Math.min(samples, data.length);
        for (int s = 0; s < count; s++) {
            int i = count == data.length ? s : random.nextInt(data.length);
            float original = data[i];
            data[i] = (float) (original + step);
            double plus = loss(forward.apply(x), gradOutput);
            data[i] = (float) (original - step);
            double minus = loss(forward.apply(x), gradOutput);
            data[i] = original;
            double actualStep = ((double) (float) (original + step) - (float) (original - step));
            double numeric = (plus - minus) / actualStep;
            double exact = analytic.data()[i];
            assertThat(Math.abs(numeric - exact))
                    .as("%s: d/dx[%d] analytic %s vs numeric %s", what, i, exact, numeric)
                    .isLessThanOrEqualTo(2e-3 * Math.max(1, Math.abs(exact)) + 2e-3 * scale(gradOutput));
        }
    }

    private static double scale(Tensor gradOutput) {
        double max = 0;
        for (float v : gradOutput.data()) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /** Σ G · y in double. */
    public static double loss(Tensor y, Tensor gradOutput) {
        double sum = 0;
        float[] yd = y.data();
        float[] gd = gradOutput.data();
        for (int i = 0; i < yd.length; i++) {
            sum += (double) yd[i] * gd[i];
        }
        return sum;
    }

    /** Uniform values in [-1, 1). */
    public static Tensor random(Random random, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = random.nextFloat() * 2 - 1;
        }
        return t;
    }

    /**
     * Distinct values spaced 0.05 apart in random order, so that no max or |x| comparison is within a
     * finite-difference step of a tie; {@code offset} shifts them (positive inputs for fractional powers).
     */
    public static Tensor distinct(Random random, double offset, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (offset + 0.05 * i);
        }
        for (int i = d.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            float tmp = d[i];
            d[i] = d[j];
            d[j] = tmp;
        }
        return t;
    }
}
