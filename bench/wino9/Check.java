import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;
import java.util.*;
public class Check {
    public static void main(String[] a) {
        Parallel.setThreads(Integer.parseInt(a[0]));
        for (KernelProvider p : new KernelProvider[]{KernelProvider.panama(), KernelProvider.scalar()}) {
        ConvDispatch d = new ConvDispatch(p, 0, true);
        int[][] shapes = {{8,256,14,256,1},{4,300,16,40,1},{2,256,14,256,1},{8,128,28,128,4},{2,96,35,96,1},{1,40,13,24,1},{3,64,9,64,2},{2,48,17,40,1},{1,300,10,20,1},{2,256,6,256,1}};
        for (int[] sh : shapes) {
            ConvGeometry g = ConvPlan.resolve(ConvOptions.conv2d().padding(1).groups(sh[4]),
                new int[]{sh[0], sh[1], sh[2], sh[2]}, new int[]{sh[3], sh[1]/sh[4], 3, 3}, null).geometry();
            Random r = new Random(7);
            float[] x = new float[(int) g.imageSize()]; float[] w = new float[(int) g.weightSize()]; float[] y = new float[(int) g.responseSize()];
            for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
            for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
            for (int i = 0; i < y.length; i++) y[i] = (float) r.nextGaussian();
            System.out.println(p.name() + " " + Arrays.toString(sh) + " " + d.path(g, ConvDispatch.Pass.CORRELATE) + " " + Arrays.hashCode(d.correlate(g, x, w)) + " " + Arrays.hashCode(d.scatter(g, y, w)) + " " + Arrays.hashCode(d.weightGradient(g, x, y)));
        }}
    }
}
