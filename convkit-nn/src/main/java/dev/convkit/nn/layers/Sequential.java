package dev.convkit.nn.layers;

import dev.convkit.nn.autograd.Variable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Layers applied in order. Parameter and buffer names are {@code index.name}, as in PyTorch's
 * nn.Sequential state dict ({@code 0.weight}, {@code 1.running_mean}, ...).
 *
 * <pre>{@code
 * Sequential net = Sequential.of(new Conv2d(1, 4, 3).padding(1), new ReLU(), new MaxPool2d(2), new Flatten(),
 *         new Linear(4 * 14 * 14, 10));
 * net.initialize(new SplittableRandom(42));                       // reproducible weights, like torch.manual_seed(42)
 * assert net.parameters().containsKey("4.weight");               // PyTorch's state-dict names
 * assert net.spec().equals("conv2d(1,4,3,1,1);relu;maxpool2d(2,2,0);flatten;linear(784,10)");
 * Variable logits = net.eval().forward(Variable.constant(Tensor.zeros(2, 1, 28, 28)));
 * assert Arrays.equals(logits.value().shape(), new int[] {2, 10});
 * }</pre>
 */
public final class Sequential extends Module {
    private final List<Module> layers;

    /** The layers as the forward runs them: batch norm + ReLU pairs fused. */
    private final List<Module> stages;

    private Sequential(List<Module> layers) {
        this.layers = Collections.unmodifiableList(new ArrayList<>(layers));
        this.stages = Collections.unmodifiableList(fuse(this.layers));
    }

    private static List<Module> fuse(List<Module> layers) {
        List<Module> stages = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof BatchNorm2d bn && i + 1 < layers.size() && layers.get(i + 1) instanceof ReLU) {
                stages.add(new BatchNormReLU(bn));
                i++;
            } else {
                stages.add(layers.get(i));
            }
        }
        return stages;
    }

    /**
     * The layers as {@link #forward} runs them: each batch norm followed by a ReLU is one stage, which
     * clamps and masks inside batch norm's passes (the same bits as the two layers in turn, two fewer
     * passes over the activations); every other layer is its own stage.
     *
     * <pre>{@code
     * Sequential net = Sequential.of(new Conv2d(1, 4, 3), new BatchNorm2d(4), new ReLU(), new Flatten());
     * assert net.stages().size() == 3 && net.stages().get(1).spec().equals("bn2d(4);relu");
     * }</pre>
     */
    public List<Module> stages() {
        return stages;
    }

    /** A batch norm and the ReLU after it, run as one pass structure. */
    private static final class BatchNormReLU extends Module {
        private final BatchNorm2d bn;

        BatchNormReLU(BatchNorm2d bn) {
            this.bn = bn;
        }

        @Override
        public Variable forward(Variable x) {
            return bn.forwardRelu(x);
        }

        @Override
        public String spec() {
            return bn.spec() + ";relu";
        }
    }

    /** The layers, applied in the order given. */
    public static Sequential of(Module... layers) {
        return new Sequential(List.of(layers));
    }

    /** The layers, applied in the order of the list. */
    public static Sequential of(List<? extends Module> layers) {
        return new Sequential(new ArrayList<>(layers));
    }

    @Override
    public Sequential train() {
        super.train();
        return this;
    }

    @Override
    public Sequential eval() {
        super.eval();
        return this;
    }

    public List<Module> layers() {
        return layers;
    }

    @Override
    public Variable forward(Variable x) {
        Variable h = x;
        for (Module m : stages) {
            h = m.forward(h);
        }
        return h;
    }

    @Override
    public Map<String, Variable> parameters() {
        Map<String, Variable> all = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Map.Entry<String, Variable> e : layers.get(i).parameters().entrySet()) {
                all.put(i + "." + e.getKey(), e.getValue());
            }
        }
        return all;
    }

    @Override
    public Map<String, float[]> buffers() {
        Map<String, float[]> all = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Map.Entry<String, float[]> e : layers.get(i).buffers().entrySet()) {
                all.put(i + "." + e.getKey(), e.getValue());
            }
        }
        return all;
    }

    @Override
    protected void setTraining(boolean on) {
        super.setTraining(on);
        for (Module m : layers) {
            m.setTraining(on);
        }
    }

    /** Initializes every layer from {@code random}, in order (PyTorch's order of construction). */
    @Override
    public void initialize(SplittableRandom random) {
        for (Module m : layers) {
            m.initialize(random);
        }
    }

    /** Reseeds every layer with {@code seed}. */
    @Override
    public void reseed(long seed) {
        for (Module m : layers) {
            m.reseed(seed);
        }
    }

    @Override
    public String spec() {
        StringBuilder out = new StringBuilder();
        for (Module m : layers) {
            if (out.length() > 0) {
                out.append(';');
            }
            out.append(m.spec());
        }
        return out.toString();
    }
}
