import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;
import java.util.*;

/**
 * grp29: max |dW - double reference| / max |dW| of the weight gradient through ConvDispatch, for
 * id:N:Cin:HW:Cout:K:pad[:stride[:groups[:dilation]]] shapes (stride 1; dilation on both axes).
 */
public class WgradErr {
    public static void main(String[] a) {
        ConvDispatch d = new ConvDispatch(KernelProvider.panama(), 0);
        for (String s : a) {
            String[] f = s.split(":");
            int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), co = Integer.parseInt(f[4]),
                    k = Integer.parseInt(f[5]), p = Integer.parseInt(f[6]), gr = f.length > 8 ? Integer.parseInt(f[8]) : 1,
                    dil = f.length > 9 ? Integer.parseInt(f[9]) : 1;
            ConvGeometry g = ConvPlan.resolve(ConvOptions.conv2d().padding(p).groups(gr).dilation(dil), new int[] {n, c, h, h},
                    new int[] {co, c / gr, k, k}, null).geometry();
            Random r = new Random(1);
            float[] x = new float[g.imageSize()], y = new float[g.responseSize()];
            for (float[] t : new float[][] {x, y}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
            int oh = g.response()[1], ow = g.response()[2], cg = c / gr, mg = co / gr;
            float[] dw = d.weightGradient(g, x, y);
            double[] ref = new double[dw.length];
            for (int b = 0; b < n; b++) for (int o = 0; o < co; o++) for (int ci = 0; ci < cg; ci++) {
                int cin = o / mg * cg + ci;
                for (int ky = 0; ky < k; ky++) for (int kx = 0; kx < k; kx++) {
                    double sum = 0;
                    for (int oy = 0; oy < oh; oy++) for (int ox = 0; ox < ow; ox++) {
                        int iy = oy - p + ky * dil, ix = ox - p + kx * dil;
                        if (iy < 0 || iy >= h || ix < 0 || ix >= h) continue;
                        sum += (double) x[((b * c + cin) * h + iy) * h + ix] * y[((b * co + o) * oh + oy) * ow + ox];
                    }
                    ref[((o * cg + ci) * k + ky) * k + kx] += sum;
                }
            }
            double e = 0, m = 0;
            for (int i = 0; i < ref.length; i++) {
                e = Math.max(e, Math.abs(dw[i] - ref[i]));
                m = Math.max(m, Math.abs(ref[i]));
            }
            System.out.printf(Locale.ROOT, "%s wgrad %s max err %.3g / max |dW| %.3g = %.2e%n", f[0],
                    d.path(g, ConvDispatch.Pass.WEIGHT_GRADIENT), e, m, e / m);
        }
    }
}
