import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;
import java.util.*;

/**
 * grp28: max |result - double reference| / max |double reference| of the grouped forward and input gradient through
 * ConvDispatch (Winograd on; WINOGRAD_OFF=1 off), for id:N:Cin:HW:Cout:K:pad[:stride[:groups]] shapes (stride 1).
 */
public class ErrVsDouble {
    public static void main(String[] a) {
        ConvDispatch d = new ConvDispatch(KernelProvider.panama(), 0, System.getenv("WINOGRAD_OFF") == null);
        for (String s : a) {
            String[] f = s.split(":");
            int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), co = Integer.parseInt(f[4]),
                    k = Integer.parseInt(f[5]), p = Integer.parseInt(f[6]), gr = f.length > 8 ? Integer.parseInt(f[8]) : 1;
            ConvGeometry g = ConvPlan.resolve(ConvOptions.conv2d().padding(p).groups(gr), new int[] {n, c, h, h},
                    new int[] {co, c / gr, k, k}, null).geometry();
            Random r = new Random(1);
            float[] x = new float[g.imageSize()], w = new float[g.weightSize()], y = new float[g.responseSize()];
            for (float[] t : new float[][] {x, w, y}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
            int oh = g.response()[1], ow = g.response()[2], cg = c / gr, mg = co / gr;
            float[] fwd = d.correlate(g, x, w), dx = d.scatter(g, y, w);
            double[] fwdRef = new double[fwd.length], dxRef = new double[dx.length];
            for (int b = 0; b < n; b++) for (int o = 0; o < co; o++) for (int ci = 0; ci < cg; ci++) {
                int cin = o / mg * cg + ci;
                for (int oy = 0; oy < oh; oy++) for (int ox = 0; ox < ow; ox++) for (int ky = 0; ky < k; ky++) for (int kx = 0; kx < k; kx++) {
                    int iy = oy - p + ky, ix = ox - p + kx;
                    if (iy < 0 || iy >= h || ix < 0 || ix >= h) continue;
                    double wv = w[((o * cg + ci) * k + ky) * k + kx];
                    int xi = ((b * c + cin) * h + iy) * h + ix, yi = ((b * co + o) * oh + oy) * ow + ox;
                    fwdRef[yi] += wv * x[xi];
                    dxRef[xi] += wv * y[yi];
                }
            }
            System.out.printf(Locale.ROOT, "%s fwd %s %s   scatter %s %s%n", f[0], d.path(g, ConvDispatch.Pass.CORRELATE),
                    err(fwd, fwdRef), d.path(ConvDispatch.flipped(g), ConvDispatch.Pass.CORRELATE), err(dx, dxRef));
        }
    }

    static String err(float[] got, double[] ref) {
        double e = 0, m = 0;
        for (int i = 0; i < ref.length; i++) {
            e = Math.max(e, Math.abs(got[i] - ref[i]));
            m = Math.max(m, Math.abs(ref[i]));
        }
        return String.format(Locale.ROOT, "max err %.3g / max |y| %.3g = %.2e", e, m, e / m);
    }
}
