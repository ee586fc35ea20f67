import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;
import java.util.*;

/**
 * s2b26: max |err| / max |dx| of the dispatch's input gradient against double sums, Gaussian data (Random(1)).
 * java --add-modules jdk.incubator.vector -cp JAR bench/s2b26/ErrScatter.java id:N:Cin:HW:Cout:K:pad:stride ...
 */
public class ErrScatter {
    public static void main(String[] a) {
        ConvDispatch d = new ConvDispatch(KernelProvider.panama(), 0, true);
        for (String s : a) {
            String[] f = s.split(":");
            int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), co = Integer.parseInt(f[4]);
            int k = Integer.parseInt(f[5]), pad = Integer.parseInt(f[6]), st = Integer.parseInt(f[7]);
            ConvOptions o = ConvOptions.conv2d().padding(pad).stride(st);
            ConvGeometry g = ConvPlan.resolve(o, new int[] {n, c, h, h}, new int[] {co, c, k, k}, null).geometry();
            Random r = new Random(1);
            float[] w = new float[g.weightSize()], y = new float[g.responseSize()];
            for (float[] t : new float[][] {w, y}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
            float[] dx = d.scatter(g, y, w);
            int oh = g.response()[1];
            double[] ref = new double[dx.length];
            for (int b = 0; b < n; b++) for (int m = 0; m < co; m++) for (int oy = 0; oy < oh; oy++) for (int ox = 0; ox < oh; ox++) {
                double v = y[((b * co + m) * oh + oy) * oh + ox];
                for (int ci = 0; ci < c; ci++) for (int ky = 0; ky < k; ky++) {
                    int iy = oy * st + ky - pad;
                    if (iy < 0 || iy >= h) continue;
                    for (int kx = 0; kx < k; kx++) {
                        int ix = ox * st + kx - pad;
                        if (ix < 0 || ix >= h) continue;
                        ref[((b * c + ci) * h + iy) * h + ix] += v * w[((m * c + ci) * k + ky) * k + kx];
                    }
                }
            }
            double err = 0, max = 0;
            for (int i = 0; i < dx.length; i++) { err = Math.max(err, Math.abs(dx[i] - ref[i])); max = Math.max(max, Math.abs(ref[i])); }
            System.out.printf(Locale.ROOT, "%s %s err/max %.3g%n", f[0], d.path(g, ConvDispatch.Pass.SCATTER), err / max);
        }
    }
}
