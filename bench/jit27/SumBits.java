import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.VectorOps;
import java.util.Random;

/** Hash of the Panama batch-norm sums over many n and offsets, to compare two jars bit for bit. */
public class SumBits {
    public static void main(String[] a) {
        VectorOps ops = KernelProvider.panama().vectorOps();
        Random r = new Random(5);
        long h = 0;
        float[] out = new float[2];
        for (int n = 0; n <= 900; n++) {
            for (int rep = 0; rep < 3; rep++) {
                int xo = r.nextInt(5), yo = r.nextInt(5), oo = r.nextInt(5);
                float[] x = new float[n + 10], y = new float[n + 10], o = new float[n + 10];
                for (int i = 0; i < x.length; i++) {
                    x[i] = rep == 2 ? (r.nextBoolean() ? -0f : 0f) : (float) r.nextGaussian();
                    y[i] = (float) r.nextGaussian();
                    o[i] = (float) r.nextGaussian();
                }
                float shift = (float) r.nextGaussian();
                ops.sumAndCenteredDot(x, xo, y, yo, shift, n, out, 0);
                h = h * 31 + Float.floatToRawIntBits(out[0]); h = h * 31 + Float.floatToRawIntBits(out[1]);
                ops.reluSumAndCenteredDot(x, xo, o, oo, y, yo, shift, n, out, 0);
                h = h * 31 + Float.floatToRawIntBits(out[0]); h = h * 31 + Float.floatToRawIntBits(out[1]);
            }
        }
        System.out.println(Long.toHexString(h));
    }
}
