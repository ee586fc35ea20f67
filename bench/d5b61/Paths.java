import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;

/** d5b61: the path each pass of SHAPES (ConvCpuTime's syntax) takes through ConvDispatch, nothing computed. */
public class Paths {
    public static void main(String[] a) {
        Parallel.setThreads(Integer.parseInt(a[0]));
        ConvDispatch d = new ConvDispatch(KernelProvider.panama(), 0, true);
        for (int i = 1; i < a.length; i++) {
            String[] f = a[i].split(":");
            int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), co = Integer.parseInt(f[4]), k = Integer.parseInt(f[5]);
            int groups = f.length > 8 ? Integer.parseInt(f[8]) : 1;
            ConvOptions o = ConvOptions.conv2d().padding(Integer.parseInt(f[6])).stride(f.length > 7 ? Integer.parseInt(f[7]) : 1).groups(groups);
            ConvGeometry g = ConvPlan.resolve(o, new int[] {n, c, h, h}, new int[] {co, c / groups, k, k}, null).geometry();
            System.out.println(f[0] + " " + d.path(g, ConvDispatch.Pass.CORRELATE) + " " + d.path(g, ConvDispatch.Pass.SCATTER) + " " + d.path(g, ConvDispatch.Pass.WEIGHT_GRADIENT));
        }
    }
}
