package dev.convkit.nn.optim;

import dev.convkit.core.InvalidArgumentException;

/**
 * Learning-rate schedules by epoch, as torch.optim.lr_scheduler: constant, StepLR (multiply by gamma
 * every {@code stepSize} epochs) and CosineAnnealingLR (from the base rate to {@code min} over
 * {@code total} epochs).
 *
 * <pre>{@code
 * double halfway = LrSchedule.cosine(1e-3, 0, 10).rate(5);
 * assert Math.abs(halfway - 5e-4) < 1e-12;
 * }</pre>
 */
@FunctionalInterface
public interface LrSchedule {
    /** The learning rate for (0-based) epoch {@code epoch}. */
    double rate(int epoch);

    static LrSchedule constant(double base) {
        return epoch -> base;
    }

    static LrSchedule step(double base, int stepSize, double gamma) {
        return epoch -> base * Math.pow(gamma, epoch / stepSize);
    }

    static LrSchedule cosine(double base, double min, int total) {
        return epoch -> min + (base - min) * (1 + Math.cos(Math.PI * Math.min(epoch, total) / total)) / 2;
    }

    /**
     * The schedule {@code convkit train} names: {@code cosine} (to 0 over the epochs), {@code step}
     * (x0.1 every third of the epochs) or {@code constant}.
     *
     * @throws InvalidArgumentException for any other name
     */
    static LrSchedule named(String name, double lr, int epochs) {
        switch (name) {
            case "cosine":
                return cosine(lr, 0, epochs);
            case "step":
                return step(lr, Math.max(1, epochs / 3), 0.1);
            case "constant":
                return constant(lr);
            default:
                throw InvalidArgumentException.of("unknown schedule '%s' (cosine, step, constant)", name);
        }
    }
}
