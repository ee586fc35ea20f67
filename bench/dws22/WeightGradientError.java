import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;
import java.util.*;

/**
 * dws22: the largest difference of depthwise weight gradients (through ConvDispatch, Vector API provider) from the
 * same sums in double, relative to the largest |weight gradient|, per shape, on ConvCpuTime's inputs (Gaussian x, w,
 * y from Random(1) in that order); run on the jar before and after a change of path to compare the two. Public API only:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp JAR bench/dws22/WeightGradientError.java id:N:C:HW:K:stride:padding ...
 * </pre>
 */
public class WeightGradientError {
    public static void main(String[] a) {
        ConvDispatch d = new ConvDispatch(KernelProvider.panama(), 0, true);
        for (String s : a) {
            String[] f = s.split(":");
            int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), k = Integer.parseInt(f[4]);
            int st = Integer.parseInt(f[5]), p = Integer.parseInt(f[6]);
            ConvOptions o = ConvOptions.conv2d().stride(st).padding(p).groups(c);
            ConvGeometry g = ConvPlan.resolve(o, new int[] {n, c, h, h}, new int[] {c, 1, k, k}, null).geometry();
            Random r = new Random(1);
            float[] x = new float[g.imageSize()], w = new float[g.weightSize()], y = new float[g.responseSize()];
            for (float[] t : new float[][] {x, w, y}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
            float[] dw = d.weightGradient(g, x, y);
            int oh = g.response()[1], ow = g.response()[2];
            double[] exact = new double[dw.length];
            for (int q = 0; q < n * c; q++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        for (int u = 0; u < k; u++) {
                            for (int v = 0; v < k; v++) {
                                int ii = i * st + u - p, jj = j * st + v - p;
                                if (ii >= 0 && ii < h && jj >= 0 && jj < h) {
                                    exact[q % c * k * k + u * k + v] += (double) y[(q * oh + i) * ow + j] * x[q * h * h + ii * h + jj];
                                }
                            }
                        }
                    }
                }
            }
            double worst = 0, largest = 0;
            for (int i = 0; i < dw.length; i++) {
                worst = Math.max(worst, Math.abs(exact[i] - dw[i]));
                largest = Math.max(largest, Math.abs(exact[i]));
            }
            System.out.printf(Locale.ROOT, "%-18s wgrad max |error| %.3g, relative to max |weight gradient| %.3g%n", f[0], worst, worst / largest);
        }
    }
}
