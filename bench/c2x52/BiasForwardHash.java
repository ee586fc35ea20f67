import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.tensor.Tensor;
import java.util.*;

/**
 * The bits of a conv layer's forward with a bias (Conv.run, as the nn layer calls it), to compare two jars:
 * one hash a shape at THREADS threads.
 * <pre>
 * java --add-modules jdk.incubator.vector -cp convkit.jar bench/c2x52/BiasForwardHash.java THREADS id:N:Cin:HW:Cout:K:padding ...
 * </pre>
 */
public class BiasForwardHash {
    public static void main(String[] a) {
        Parallel.setThreads(Integer.parseInt(a[0]));
        for (String s : Arrays.copyOfRange(a, 1, a.length)) {
            String[] f = s.split(":");
            int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), co = Integer.parseInt(f[4]), k = Integer.parseInt(f[5]);
            Random r = new Random(1);
            Tensor x = Tensor.wrap(gauss(r, n * c * h * h), n, c, h, h);
            Tensor w = Tensor.wrap(gauss(r, co * c * k * k), co, c, k, k);
            Tensor b = Tensor.wrap(gauss(r, co), co);
            float[] y = Conv.run(x, w, b, ConvOptions.conv2d().padding(Integer.parseInt(f[6]))).output().data();
            System.out.printf(Locale.ROOT, "%st %s fwd+bias %08x%n", a[0], f[0], Arrays.hashCode(y));
        }
    }

    static float[] gauss(Random r, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (float) r.nextGaussian();
        return v;
    }
}
