import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;
import java.util.*;

/**
 * r1x48: the 1×1 weight gradient's max |error| / max |dW| against a double-precision sum, data as ConvCpuTime's
 * (Gaussian, seed 1). Usage: java --add-modules jdk.incubator.vector -cp JAR bench/r1x48/WgradError.java SHAPES...
 */
public class WgradError {
    public static void main(String[] a) {
        Parallel.setThreads(1);
        ConvDispatch d = new ConvDispatch(KernelProvider.panama(), 0, true);
        for (String s : a) {
            String[] f = s.split(":");
            int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), co = Integer.parseInt(f[4]);
            ConvOptions o = ConvOptions.conv2d().padding(0).stride(1);
            ConvGeometry g = ConvPlan.resolve(o, new int[] {n, c, h, h}, new int[] {co, c, 1, 1}, null).geometry();
            Random r = new Random(1);
            float[] x = new float[g.imageSize()], w = new float[g.weightSize()], y = new float[g.responseSize()];
            for (float[] t : new float[][] {x, w, y}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
            float[] dw = d.weightGradient(g, x, y);
            int plane = h * h;
            double maxErr = 0, maxAbs = 0;
            double[] col = new double[plane];
            for (int o1 = 0; o1 < co; o1++) {
                for (int ci = 0; ci < c; ci++) {
                    double sum = 0;
                    for (int b = 0; b < n; b++) {
                        int yo = (b * co + o1) * plane, xo = (b * c + ci) * plane;
                        for (int v = 0; v < plane; v++) sum += (double) y[yo + v] * x[xo + v];
                    }
                    maxErr = Math.max(maxErr, Math.abs(dw[o1 * c + ci] - sum));
                    maxAbs = Math.max(maxAbs, Math.abs(sum));
                }
            }
            System.out.printf(Locale.ROOT, "%-16s max|err| %.4g  max|dW| %.4g  ratio %.3g%n", f[0], maxErr, maxAbs, maxErr / maxAbs);
        }
    }
}
