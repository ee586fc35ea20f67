package dev.convkit.core.conv;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Winograd correlation's split of its strips into tasks (wino10): every strip in exactly one task, in order,
 * no task empty or over the group; one thread keeps the fewest tasks; single strips are taken where they shorten the
 * last thread's time as the pass claims its tasks (from both ends) and not where the even split already ends as soon.
 */
class WinogradSplitTest {
    @Test
    void coversEveryStripOnceWithinTheGroup() {
        for (int strips = 1; strips <= 70; strips++) {
            for (int group = 1; group <= 4; group++) {
                for (int threads = 1; threads <= 4; threads++) {
                    for (int lastTiles : new int[] {1, 17, 32}) {
                        int[] split = WinogradConv.splitStrips(strips, lastTiles, 32, group, threads, 1 + strips % 3);
                        assertThat(split[0]).isZero();
                        assertThat(split[split.length - 1]).isEqualTo(strips);
                        for (int t = 0; t + 1 < split.length; t++) {
                            assertThat(split[t + 1] - split[t]).isBetween(1, group);
                        }
                        if (threads == 1) {
                            assertThat(split.length - 1).isEqualTo((strips + group - 1) / group);
                        }
                    }
                }
            }
        }
    }

    @Test
    void singleStripsWhereTheClaimsMeetOnlyWhereTheyShortenTheLastThread() {
        // sm61: Parallel.forEach hands the caller tasks from the first, the other thread from the last.
        // r3x3-35x96: 324 F(4x4) tiles, 11 strips, the last of 4 tiles, two strips per task: the singles at the end
        // (0, 2, 4, 6, 7, ..., 11) ran as 192 against 132 tiles, in the middle as 160 against 164
        assertThat(WinogradConv.splitStrips(11, 4, 32, 2, 2, 1)).containsExactly(0, 2, 4, 5, 6, 7, 8, 10, 11);
        // r3x3-14: 392 F(2x2) tiles, 13 strips, the last of 8 tiles, four strips per task: 4, 3, 3, 3 ran as 224
        // against 168 tiles, 3, 3, 3, 1, 1, 1, 1 as 192 against 200
        assertThat(WinogradConv.splitStrips(13, 8, 32, 4, 2, 1)).containsExactly(0, 3, 6, 9, 10, 11, 12, 13);
        // sm60: 6 whole strips in tasks of two, 2, 2, 1, 1, ran as 4 against 2 strips
        assertThat(WinogradConv.splitStrips(6, 32, 32, 2, 2, 1)).containsExactly(0, 2, 3, 4, 5, 6);
        // h59-c3-9: 5 strips, the last of 16 tiles: no split of whole strips ends sooner, the even one stays
        assertThat(WinogradConv.splitStrips(5, 16, 32, 2, 2, 1)).containsExactly(0, 2, 3, 4, 5);
        // 12 whole strips in tasks of two already split 6 and 6
        assertThat(WinogradConv.splitStrips(12, 32, 32, 2, 2, 1)).containsExactly(0, 2, 4, 6, 8, 10, 12);
    }

    @Test
    void responseRowsInPartsOnlyWhereTheStripsSplitUnevenly() {
        // r3x3-6-512: 72 F(2x2) tiles, 3 strips (the last of 8), 16 MB of U: the strips ran as 2 and 1/2 on two threads
        int[] few = WinogradConv.splitStrips(3, 8, 32, 4, 2, 1);
        assertThat(WinogradConv.rowParts(few, 3, 8, 32, 4, 512, 64, 2)).isEqualTo(2);
        // at three threads a strip each already; one half strip of 192 rows in three parts
        assertThat(WinogradConv.rowParts(WinogradConv.splitStrips(3, 8, 32, 4, 3, 1), 3, 8, 32, 4, 512, 64, 3))
                .isEqualTo(1);
        assertThat(WinogradConv.rowParts(WinogradConv.splitStrips(1, 16, 32, 1, 3, 1), 1, 16, 32, 1, 192, 64, 3))
                .isEqualTo(3);
        // one thread, and a single row block: nothing to split
        assertThat(WinogradConv.rowParts(WinogradConv.splitStrips(3, 8, 32, 4, 1, 1), 3, 8, 32, 4, 512, 64, 1))
                .isEqualTo(1);
        assertThat(WinogradConv.rowParts(few, 3, 8, 32, 4, 64, 64, 2)).isEqualTo(1);
        // r3x3-7 (4 whole strips, two a thread) and r3x3-9 (7 strips, the last of 8): the strips' own split as before
        assertThat(WinogradConv.rowParts(WinogradConv.splitStrips(4, 32, 32, 4, 2, 1), 4, 32, 32, 4, 512, 64, 2))
                .isEqualTo(1);
        assertThat(WinogradConv.rowParts(WinogradConv.splitStrips(7, 8, 32, 4, 2, 1), 7, 8, 32, 4, 256, 64, 2))
                .isEqualTo(1);
    }
}
