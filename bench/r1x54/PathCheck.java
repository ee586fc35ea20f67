import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;

/**
 * r1x54: the dispatch's path for each pass of 1×1 shapes (conformance-large's 500-pointwise-small-plane and the bench
 * shapes): GEMM forwards and FLIPPED scatters on 1×1, unpadded, one-group shapes of one KC block reach
 * FastConv's across-the-images in-place tiles.
 * <pre>java --add-modules jdk.incubator.vector -cp JAR bench/r1x54/PathCheck.java id:N:Cin:H:W:Cout ...</pre>
 */
public class PathCheck {
    public static void main(String[] a) {
        ConvDispatch d = new ConvDispatch(KernelProvider.panama(), 0, true);
        for (String s : a) {
            String[] f = s.split(":");
            int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]);
            int w = Integer.parseInt(f[4]), co = Integer.parseInt(f[5]);
            ConvGeometry g = ConvPlan.resolve(ConvOptions.conv2d(), new int[] {n, c, h, w}, new int[] {co, c, 1, 1}, null)
                    .geometry();
            ConvGeometry flipped = ConvDispatch.flipped(g);
            System.out.printf("%s fwd %s scatter %s (its correlation %s) wgrad %s%n", f[0],
                    d.path(g, ConvDispatch.Pass.CORRELATE), d.path(g, ConvDispatch.Pass.SCATTER),
                    d.path(flipped, ConvDispatch.Pass.CORRELATE), d.path(g, ConvDispatch.Pass.WEIGHT_GRADIENT));
        }
    }
}
