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

        /**
         * torch.optim.SGD's single-tensor update in float, one pass per case so that the JIT
         * vectorizes each loop: {@code d = g + wd·p}; {@code buf = d} at first, else {@code momentum·buf + d};
         * {@code d = d + momentum·buf} (Nesterov) or {@code buf}; {@code p -= lr·d}.
         */
        @Override
        protected void update(String name, float[] p, float[] g) {
            float wd = (float) weightDecay;
            float mu = (float) momentum;
            float step = (float) -lr;
            if (momentum == 0) {
                for (int i = 0; i < p.length; i++) {
                    p[i] += step * (g[i] + wd * p[i]);
                }
                return;
            }
            float[] buf = buffers.get(name);
            if (buf == null) {
                buf = new float[p.length];
                buffers.put(name, buf);
                for (int i = 0; i < p.length; i++) {
                    buf[i] = g[i] + wd * p[i];
                }
            } else {
                for (int i = 0; i < p.length; i++) {
                    buf[i] = mu * buf[i] + (g[i] + wd * p[i]);
                }
            }
            if (nesterov) {
                for (int i = 0; i < p.length; i++) {
                    float d = g[i] + wd * p[i];
                    p[i] += step * (d + mu * buf[i]);
                }
            } else {
                for (int i = 0; i < p.length; i++) {
                    p[i] += step * buf[i];
                }
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

        /**
         * torch.optim.Adam's single-tensor update in float, in its order of operations, one pass
         * that the JIT vectorizes: {@code m = β1·m + (1−β1)·g}; {@code v = β2·v + (1−β2)·g·g};
         * {@code p += −(lr/c1) · m / (sqrt(v)/sqrt(c2) + eps)}, c1 and c2 the bias corrections.
         */
        @Override
        protected void update(String name, float[] p, float[] g) {
            float[] mt = moment(m, name, p.length);
            float[] vt = moment(v, name, p.length);
            float b1 = (float) beta1;
            float b2 = (float) beta2;
            float oneMinusB1 = (float) (1 - beta1);
            float oneMinusB2 = (float) (1 - beta2);
            float stepSize = (float) -(lr / (1 - Math.pow(beta1, steps)));
            float correction2 = (float) Math.sqrt(1 - Math.pow(beta2, steps));
            float e = (float) eps;
            float wd = (float) weightDecay;
            float decay = (float) (1 - lr * weightDecay);
            boolean coupled = !decoupled && weightDecay != 0;
            boolean shrink = decoupled && weightDecay != 0;
            for (int i = 0; i < p.length; i++) {
                float pi = shrink ? p[i] * decay : p[i];
                float grad = coupled ? g[i] + wd * pi : g[i];
                float mi = mt[i] * b1 + oneMinusB1 * grad;
                float vi = vt[i] * b2 + oneMinusB2 * grad * grad;
                mt[i] = mi;
                vt[i] = vi;
                p[i] = pi + stepSize * (mi / ((float) Math.sqrt(vi) / correction2 + e));
            }
        }

        /** The moment array of {@code name}, zeros at first (no capturing lambda: nothing allocated per step). */
        private static float[] moment(Map<String, float[]> moments, String name, int length) {
            float[] a = moments.get(name);
            if (a == null) {
                a = new float[length];
                moments.put(name, a);
            }
            return a;
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

    /** Restores state saved by {@link #state()}. */
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
