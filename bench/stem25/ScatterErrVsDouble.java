import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;
import java.util.*;

/** max |scatter - double scatter| / max |double scatter| for stride-1 2-d shapes id:N:Cin:HW:Cout:K:pad. */
public class ScatterErrVsDouble {
    public static void main(String[] a) {
        ConvDispatch d = new ConvDispatch(KernelProvider.panama(), 0);
        for (String s : a) {
            String[] f = s.split(":");
            int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), co = Integer.parseInt(f[4]), k = Integer.parseInt(f[5]), p = Integer.parseInt(f[6]);
            ConvGeometry g = ConvPlan.resolve(ConvOptions.conv2d().padding(p), new int[] {n, c, h, h}, new int[] {co, c, k, k}, null).geometry();
            Random r = new Random(1);
            float[] w = new float[g.weightSize()], y = new float[g.responseSize()];
            for (float[] t : new float[][] {w, y}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
            float[] dx = d.scatter(g, y, w);
            int oh = g.response()[1], ow = g.response()[2];
            double maxErr = 0, maxOut = 0;
            for (int b = 0; b < n; b++) for (int ci = 0; ci < c; ci++) for (int iy = 0; iy < h; iy++) for (int ix = 0; ix < h; ix++) {
                double sum = 0;
                for (int o = 0; o < co; o++) for (int ky = 0; ky < k; ky++) for (int kx = 0; kx < k; kx++) {
                    int oy = iy + p - ky, ox = ix + p - kx;
                    if (oy < 0 || oy >= oh || ox < 0 || ox >= ow) continue;
                    sum += (double) y[((b * co + o) * oh + oy) * ow + ox] * w[((o * c + ci) * k + ky) * k + kx];
                }
                maxErr = Math.max(maxErr, Math.abs(dx[((b * c + ci) * h + iy) * h + ix] - sum));
                maxOut = Math.max(maxOut, Math.abs(sum));
            }
            System.out.printf(Locale.ROOT, "%s path %s: max err %.3g, max |out| %.3g, ratio %.2e%n", f[0],
                d.path(ConvDispatch.flipped(g), ConvDispatch.Pass.CORRELATE), maxErr, maxOut, maxErr / maxOut);
        }
    }
}
