package dev.convkit.core.pool;

import dev.convkit.core.window.AxisWindows;

/**
 * Walks every pooling window of one plane in row-major order (outermost dimension slowest), the
 * order PyTorch's selection rules are defined in. Each pooling variant is a small {@link Visitor}
 * over this one traversal.
 */
final class WindowTraversal {
    /** Receives the windows of one plane. Offsets are flat within the plane. */
    interface Visitor {
        void begin(int out);

        void element(int out, int in);

        void end(int out);
    }

    private WindowTraversal() {
    }

    /** Visits every window of a plane whose lifted input size is {@code inSize} (D, H, W). */
    static void plane(AxisWindows[] w, int[] inSize, Visitor visitor) {
        AxisWindows wd = w[0];
        AxisWindows wh = w[1];
        AxisWindows ww = w[2];
        int out = 0;
        for (int od = 0; od < wd.outputs(); od++) {
            for (int oh = 0; oh < wh.outputs(); oh++) {
                for (int ow = 0; ow < ww.outputs(); ow++, out++) {
                    visitor.begin(out);
                    for (int jd = 0; jd < wd.count(od); jd++) {
                        int d = wd.first(od) + jd * wd.step();
                        for (int jh = 0; jh < wh.count(oh); jh++) {
                            int h = wh.first(oh) + jh * wh.step();
                            int rowBase = (d * inSize[1] + h) * inSize[2];
                            for (int jw = 0; jw < ww.count(ow); jw++) {
                                visitor.element(out, rowBase + ww.first(ow) + jw * ww.step());
                            }
                        }
                    }
                    visitor.end(out);
                }
            }
        }
    }
}
