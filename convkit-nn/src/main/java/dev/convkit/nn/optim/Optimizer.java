package dev.convkit.nn.optim;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.nn.autograd.Variable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Updates parameters from their gradients, with PyTorch's update rules. Its per-parameter state
 * (momentum, moments) is exposed by name so checkpoints can save and restore it.
 *
 * <pre>{@code
 * Variable w = Variable.parameter(Tensor.of(new float[] {1}, 1));
 * Optimizer sgd = new Optimizer.SGD(Map.of("w", w), 0.1, 0, false, 0);
 * Ops.mul(w, w).backward();       // dw = 2
 * sgd.step();
 * assert Math.abs(w.value().get(0) - 0.8f) < 1e-6; // 1 - 0.1 * 2
 * }</pre>
 */
public abstract class Optimizer {
    protected final Map<String, Variable> params;
    protected double lr;
    protected long steps;

    protected Optimizer(Map<String, Variable> params, double lr) {
        if (!(lr > 0)) {
            throw InvalidArgumentException.of("learning rate must be positive, got %s", lr);
        }
        this.params = new LinkedHashMap<>(params);
        this.lr = lr;
    }

    /** One update of every parameter that has a gradient. */
    public final void step() {
        steps++;
        for (Map.Entry<String, Variable> e : params.entrySet()) {
            Variable p = e.getValue();
            if (p.grad() != null) {
                update(e.getKey(), p.value().data(), p.grad().data());
            }
        }
    }

    protected abstract void update(String name, float[] param, float[] grad);

    /** Clears every gradient. */
    public void zeroGrad() {
        for (Variable p : params.values()) {
            p.zeroGrad();
        }
    }

    public double lr() {
        return lr;
    }

    public void setLr(double value) {
        lr = value;
    }

    public long steps() {
        return steps;
    }

    public void setSteps(long value) {
        steps = value;
    }

    /** The optimizer's state arrays by name ({@code param.buffer}), for checkpoints. */
    public abstract Map<String, float[]> state();

    /** Stochastic gradient descent with momentum, dampening 0, Nesterov and weight decay, as torch.optim.SGD. */
    public static final class SGD extends Optimizer {
        private final double momentum;
        private final boolean nesterov;
        private final double weightDecay;
        private final Map<String, float[]> buffers = new LinkedHashMap<>();

        public SGD(Map<String, Variable> params, double lr, double momentum, boolean nesterov, double weightDecay) {
            super(params, lr);
            this.momentum = momentum;
            this.nesterov = nesterov;
            this.weightDecay = weightDecay;
            if (nesterov && momentum <= 0) {
                throw new InvalidArgumentException("Nesterov momentum needs momentum > 0");
            }
        }

        @Override
        protected void update(String name, float[] p, float[] g) {
            float[] buf = momentum != 0 ? buffers.get(name) : null;
            boolean first = momentum != 0 && buf == null;
            if (first) {
                buf = new float[p.length];
                buffers.put(name, buf);
            }
            for (int i = 0; i < p.length; i++) {
                double d = g[i] + weightDecay * p[i];
                if (momentum != 0) {
                    buf[i] = (float) (first ? d : momentum * buf[i] + d);
                    d = nesterov ? d + momentum * buf[i] : buf[i];
                }
                p[i] -= (float) (lr * d);
            }
        }

        @Override
        public Map<String, float[]> state() {
            Map<String, float[]> s = new LinkedHashMap<>();
            buffers.forEach((k, v) -> s.put(k + ".momentum", v));
            return s;
        }
    }

    /**
     * Adam (and AdamW with {@code decoupled}), as torch.optim: bias-corrected first and second moments;
     * Adam adds weight decay to the gradient, AdamW decays the weights directly.
     */
    public static final class Adam extends Optimizer {
        private final double beta1;
        private final double beta2;
        private final double eps;
        private final double weightDecay;
        private final boolean decoupled;
        private final Map<String, float[]> m = new LinkedHashMap<>();
        private final Map<String, float[]> v = new LinkedHashMap<>();

        public Adam(Map<String, Variable> params, double lr, double beta1, double beta2, double eps, double weightDecay,
                    boolean decoupled) {
            super(params, lr);
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
            this.weightDecay = weightDecay;
            this.decoupled = decoupled;
        }

        @Override
        protected void update(String name, float[] p, float[] g) {
            float[] mt = m.computeIfAbsent(name, k -> new float[p.length]);
            float[] vt = v.computeIfAbsent(name, k -> new float[p.length]);
            double c1 = 1 - Math.pow(beta1, steps);
            double c2 = 1 - Math.pow(beta2, steps);
            for (int i = 0; i < p.length; i++) {
                double grad = g[i];
                if (decoupled) {
                    p[i] *= (float) (1 - lr * weightDecay);
                } else {
                    grad += weightDecay * p[i];
                }
                mt[i] = (float) (beta1 * mt[i] + (1 - beta1) * grad);
                vt[i] = (float) (beta2 * vt[i] + (1 - beta2) * grad * grad);
                double denom = Math.sqrt(vt[i] / c2) + eps;
                p[i] -= (float) (lr * (mt[i] / c1) / denom);
            }
        }

        @Override
        public Map<String, float[]> state() {
            Map<String, float[]> s = new LinkedHashMap<>();
            m.forEach((k, val) -> s.put(k + ".exp_avg", val));
            v.forEach((k, val) -> s.put(k + ".exp_avg_sq", val));
            return s;
        }

        /** Restores a moment array saved by {@link #state()}. */
        public void restore(String key, float[] values) {
            if (key.endsWith(".exp_avg")) {
                m.put(key.substring(0, key.length() - ".exp_avg".length()), values);
            } else if (key.endsWith(".exp_avg_sq")) {
                v.put(key.substring(0, key.length() - ".exp_avg_sq".length()), values);
            }
        }
    }

    /** Restores state saved by {@link #state()}. */
    /**
     * The optimizer {@code convkit train} names: {@code adam} and {@code adamw} (betas 0.9 and 0.999,
     * eps 1e-8; decoupled weight decay for adamw) or {@code sgd} (Nesterov momentum 0.9).
     *
     * @throws InvalidArgumentException for any other name
     */
    public static Optimizer named(String name, Map<String, Variable> params, double lr, double weightDecay) {
        switch (name) {
            case "adam":
                return new Adam(params, lr, 0.9, 0.999, 1e-8, weightDecay, false);
            case "adamw":
                return new Adam(params, lr, 0.9, 0.999, 1e-8, weightDecay, true);
            case "sgd":
                return new SGD(params, lr, 0.9, true, weightDecay);
            default:
                throw InvalidArgumentException.of("unknown optimizer '%s' (adam, adamw, sgd)", name);
        }
    }

    public void restore(Map<String, float[]> saved) {
        if (this instanceof Adam) {
            saved.forEach(((Adam) this)::restore);
        } else if (this instanceof SGD) {
            saved.forEach((k, val) -> {
                if (k.endsWith(".momentum")) {
                    ((SGD) this).buffers.put(k.substring(0, k.length() - ".momentum".length()), val);
                }
            });
        }
    }
}
