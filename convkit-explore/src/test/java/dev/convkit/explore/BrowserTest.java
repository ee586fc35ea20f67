package dev.convkit.explore;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page in headless Chromium: each item of the list, driven as a learner would (keyboard
 * where it matters), with a screenshot of each under target/screenshots.
 */
class BrowserTest {
    static ExploreServer server;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        String missing = Browser.missing();
        if (missing != null) {
            // CI installs Chromium, so there a missing browser fails the build; elsewhere (the README's
            // test command on a fresh machine) the browser tests are skipped, visibly
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(missing);
            }
            System.err.println("NOTICE: skipping the browser tests: " + missing);
            Assumptions.abort(missing);
        }
        server = ExploreServer.start(ExploreServer.Options.defaults().port(0).namedKernels(
                Map.of("laplacian", new double[][] {{0, 1, 0}, {1, -4, 1}, {0, 1, 0}})), line -> { });
        browser = Browser.open(1400, 1100);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void load() {
        browser.driver.manage().window().setSize(new Dimension(1400, 1100));
        browser.load(server.url());
    }

    /** The engine's output as the page writes its rows. */
    static List<String> engineRows(String op, Map<String, Object> params, double[][] input, double[][] weight) {
        List<String> rows = new ArrayList<>();
        for (double[] row : ApiTest.engine(op, params, input, weight)) {
            List<String> cells = new ArrayList<>();
            for (double v : row) {
                cells.add(ExploreApi.num((float) v));
            }
            rows.add(String.join(" ", cells));
        }
        return rows;
    }

    /** Types into a text control with the keyboard and leaves it with Tab, then waits for the answer. */
    void type(String id, String text) {
        long before = browser.seq();
        WebElement el = browser.find(id);
        el.sendKeys(Keys.chord(Keys.CONTROL, "a"), text, Keys.TAB);
        browser.settled(before);
    }

    void chooseOp(String op) {
        long before = browser.seq();
        new Select(browser.find("op")).selectByValue(op);
        browser.settled(before);
    }

    /** The first tap of the window drawn on the input, read in one script (the overlay is redrawn while playing). */
    String firstTap() {
        return (String) browser.js("const t = document.querySelector('#input-overlay rect.tap');"
                + " return t ? t.dataset.r + ',' + t.dataset.c : ''");
    }

    @Test
    void theExerciseShowsAKAndTheWholeOfCAsText() throws Exception {
        assertThat(browser.rows("output")).containsExactly("109 92 72", "108 85 74", "110 74 79");
        assertThat(browser.rows("input")).containsExactly("4 5 2 2 1", "3 3 2 2 4", "4 3 4 1 1", "5 1 4 1 2", "5 1 3 1 4");
        assertThat(browser.rows("kernel")).containsExactly("4 3 3", "5 5 5", "2 4 3");
        assertThat(browser.find("products").getText())
                .isEqualTo("C[0,0] = 4·4 + 5·3 + 2·3 + 3·5 + 3·5 + 2·5 + 4·2 + 3·4 + 4·3 "
                        + "= 16 + 15 + 6 + 15 + 15 + 10 + 8 + 12 + 12 = 109");
        assertThat(browser.find("formula").getText()).contains("⌊(5 + 0 + 0 − 1·(3 − 1) − 1) / 1⌋ + 1 = ⌊2 / 1⌋ + 1 = 3");
        assertThat(browser.find("code-torch").getText()).contains("F.conv2d(A, K");
        assertThat(browser.find("code-convkit").getText()).startsWith("convkit conv --input A.txt --kernel K.txt");
        browser.screenshot("exercise");
    }

    @Test
    void strideAndPaddingUpdateTheSizeTheUnreadRowsAndTheCells() throws Exception {
        type("ctl-stride", "3");
        browser.waitFor(d -> browser.find("output-shape").getText().equals("1×1") ? true : null);
        assertThat(browser.find("formula").getText()).contains("the floor leaves rows 3–4 unread")
                .contains("the floor leaves columns 3–4 unread");
        assertThat(browser.driver.findElements(By.cssSelector("#input td.unread"))).hasSize(16);
        type("ctl-stride", "2");
        type("ctl-padding", "1");
        browser.waitFor(d -> browser.find("output-shape").getText().equals("3×3") ? true : null);
        List<String> expected = engineRows("conv2d", Map.of("stride", 2, "padding", 1),
                ExploreApi.EXERCISE_A, ExploreApi.EXERCISE_K);
        assertThat(browser.rows("output")).isEqualTo(expected);
        // the padded ring is drawn: 7 rows of 7 cells
        assertThat(browser.rows("input")).hasSize(7).first().isEqualTo("0 0 0 0 0 0 0");
        assertThat(browser.find("formula").getText()).contains("⌊(5 + 1 + 1 − 1·(3 − 1) − 1) / 2⌋ + 1 = ⌊4 / 2⌋ + 1 = 3");
        assertThat(firstTap()).isEqualTo("-1,-1");
        browser.screenshot("stride-padding");
    }

    @Test
    void steppingTheAnimationMovesTheWindow() throws Exception {
        assertThat(firstTap()).isEqualTo("0,0");
        browser.find("step").sendKeys(Keys.ENTER);
        assertThat(firstTap()).isEqualTo("0,1");
        assertThat(browser.find("products").getText()).startsWith("C[0,1] = 5·4").endsWith("= 92");
        assertThat(browser.find("cell-label").getText()).isEqualTo("output cell (0,1), 2 of 9");
        browser.find("step-back").sendKeys(Keys.ENTER);
        assertThat(firstTap()).isEqualTo("0,0");
        browser.find("scrub").sendKeys(Keys.END);
        assertThat(firstTap()).isEqualTo("2,2");
        assertThat(browser.find("products").getText()).startsWith("C[2,2] = ").endsWith("= 79");
        browser.find("play").sendKeys(Keys.ENTER);
        assertThat(browser.find("play").getText()).isEqualTo("Pause");
        browser.waitFor(d -> firstTap().equals("0,0") ? true : null);
        browser.find("play").sendKeys(Keys.ENTER);
        assertThat(browser.find("play").getText()).isEqualTo("Play");
        String paused = firstTap();
        Thread.sleep(900);
        assertThat(firstTap()).isEqualTo(paused);
        browser.screenshot("animation");
    }

    @Test
    void backwardModeClickOn22Shows34AsTheSumOfItsTerms() throws Exception {
        long before = browser.seq();
        browser.find("backward").sendKeys(Keys.SPACE);
        browser.settled(before);
        assertThat(browser.rows("grad-input")).containsExactly("4 7 10 6 3", "9 17 25 16 8", "11 23 34 23 11",
                "7 16 24 17 8", "2 6 9 7 3");
        assertThat(browser.rows("grad-weight")).hasSize(3);
        before = browser.seq();
        browser.driver.findElement(By.cssSelector("#grad-input td[data-r='2'][data-c='2']")).click();
        browser.settled(before);
        browser.waitFor(d -> !browser.find("explain").getText().isEmpty() ? true : null);
        assertThat(browser.find("explain").getText()).isEqualTo("dE/dA[2,2] = 34 = 3+4+2+5+5+5+3+3+4");
        assertThat(browser.find("explain-terms").getText()).contains("dE/dOut[0,0] = 1 × K[2,2] = 3 → 3");
        assertThat(browser.driver.findElements(By.cssSelector("#grad-output td.contrib"))).hasSize(9);
        // the same through the keyboard: row and column fields and the Explain button
        before = browser.seq();
        browser.find("explain-row").sendKeys(Keys.chord(Keys.CONTROL, "a"), "0");
        browser.find("explain-col").sendKeys(Keys.chord(Keys.CONTROL, "a"), "0");
        browser.find("explain-go").sendKeys(Keys.ENTER);
        browser.settled(before);
        assertThat(browser.find("explain").getText()).isEqualTo("dE/dA[0,0] = 4 = 4");
        browser.driver.findElement(By.cssSelector("#grad-input td[data-r='2'][data-c='2']")).click();
        browser.waitFor(d -> browser.find("explain").getText().startsWith("dE/dA[2,2]") ? true : null);
        browser.js("document.getElementById('code').hidden = true");
        browser.js("window.scrollTo(0, document.getElementById('backward-section').offsetTop - 420)");
        browser.screenshot("backward");
        browser.js("document.getElementById('code').hidden = false");
    }

    @Test
    void theTransposedConvolutionStampsEachInputCell() throws Exception {
        chooseOp("conv_transpose2d");
        browser.waitFor(d -> browser.find("output-shape").getText().equals("11×11") ? true : null);
        assertThat(browser.rows("output")).isEqualTo(engineRows("conv_transpose2d", Map.of("stride", 2, "padding", 0,
                "output_padding", 0), ExploreApi.EXERCISE_A, ExploreApi.EXERCISE_K));
        assertThat(browser.find("products").getText()).startsWith("A[0,0] = 4 stamps 4·K (stride 2×2, output_padding 0×0): "
                + "C[0,0] += 16, C[0,1] += 12");
        assertThat(browser.find("output-overlay").findElements(By.cssSelector("rect.tap"))).hasSize(9);
        browser.find("step").sendKeys(Keys.ENTER);
        assertThat(browser.js("const t = document.querySelector('#output-overlay rect.tap'); return t.dataset.r + ',' + t.dataset.c"))
                .isEqualTo("0,2");
        type("ctl-output_padding", "1");
        browser.waitFor(d -> browser.find("output-shape").getText().equals("12×12") ? true : null);
        assertThat(browser.find("formula").getText()).contains("(5 − 1)·2 − 2·0 + 1·(3 − 1) + 1 + 1 = 12");
        browser.find("scrub").sendKeys(Keys.END);
        browser.find("step-back").sendKeys(Keys.ENTER);
        browser.find("step-back").sendKeys(Keys.ENTER);
        browser.screenshot("transposed");
    }

    @Test
    void maxPoolShowsIndicesArgmaxUnpoolAndRoutesTheGradient() throws Exception {
        chooseOp("max_pool2d");
        browser.waitFor(d -> browser.find("output-shape").getText().equals("4×4") ? true : null);
        assertThat(browser.rows("output")).isEqualTo(engineRows("max_pool2d", Map.of("kernel_size", 2, "stride", 1),
                ExploreApi.EXERCISE_A, null));
        assertThat(browser.find("detail").getText()).contains("indices (return_indices=True)")
                .contains("max_unpool2d(C, indices)");
        assertThat(browser.find("products").getText()).isEqualTo("max_pool: C[0,0] = max(4, 5, 3, 3) = 5, argmax at input (0,1)");
        assertThat(browser.driver.findElements(By.cssSelector("#input td.argmax"))).isNotEmpty();
        long before = browser.seq();
        browser.find("backward").sendKeys(Keys.SPACE);
        browser.settled(before);
        assertThat(browser.find("routes").getText()).contains("dE/dOut[0,0] = 1 → dE/dIn[0,1]");
        assertThat(browser.rows("grad-input").get(0)).isEqualTo("0 2 1 0 0");
        browser.screenshot("maxpool");
    }

    @Test
    void theLpSliderAtOneAndInfinityShowsTheIdentities() throws Exception {
        chooseOp("lp_pool2d");
        WebElement slider = browser.find("ctl-norm_type");
        long before = browser.seq();
        slider.sendKeys(Keys.HOME);
        browser.settled(before);
        browser.waitFor(d -> browser.find("p-value").getText().equals("1")
                && "true".equals(browser.find("identity-p1").getAttribute("data-active")) ? true : null);
        assertThat(browser.find("identity-p1").getText()).isEqualTo("p = 1: LP equals window size × average — ✓ equal");
        assertThat(browser.rows("output")).isEqualTo(engineRows("lp_pool2d", Map.of("norm_type", 1, "kernel_size", 2,
                "stride", 1), ExploreApi.EXERCISE_A, null));
        browser.screenshot("lp-p1");
        before = browser.seq();
        slider.sendKeys(Keys.END);
        browser.settled(before);
        browser.waitFor(d -> browser.find("p-value").getText().equals("∞")
                && "true".equals(browser.find("identity-inf").getAttribute("data-active")) ? true : null);
        assertThat(browser.find("identity-inf").getText()).isEqualTo("p = ∞: LP equals max — ✓ equal");
        assertThat(browser.rows("output")).isEqualTo(engineRows("lp_pool2d", Map.of("norm_type", "inf", "kernel_size", 2,
                "stride", 1), ExploreApi.EXERCISE_A, null));
        assertThat(browser.find("code-torch").getText()).contains("norm_type=float('inf')");
        assertThat(browser.find("code-convkit").getText()).startsWith("convkit pool lp --input A.txt --p inf");
        browser.screenshot("lp");
    }

    @Test
    void aBadSettingShowsTheCoreMessageNextToItsControl() throws Exception {
        type("ctl-stride", "0");
        browser.waitFor(d -> !browser.find("err-stride").getText().isEmpty() ? true : null);
        assertThat(browser.find("err-stride").getText()).isEqualTo("conv2d: stride must be positive, got stride=[0, 0]");
        // next to the control: the message directly follows the stride label
        assertThat(browser.js("return document.getElementById('err-stride').previousElementSibling.dataset.param"))
                .isEqualTo("stride");
        assertThat(browser.find("ctl-stride").getAttribute("aria-invalid")).isEqualTo("true");
        // the page stays usable: the last good result is still there, and a good value clears the error
        assertThat(browser.rows("output")).containsExactly("109 92 72", "108 85 74", "110 74 79");
        browser.screenshot("error");
        type("ctl-stride", "1");
        assertThat(browser.find("err-stride").getText()).isEmpty();
        long before = browser.seq();
        browser.find("krows").sendKeys(Keys.chord(Keys.CONTROL, "a"), "7", Keys.TAB);
        browser.settled(before);
        browser.waitFor(d -> !browser.find("err-weight").getText().isEmpty() ? true : null);
        assertThat(browser.find("err-weight").getText()).startsWith("conv2d: kernel larger than the padded input in dimension 0");
    }

    @Test
    void poolsShowDivisorsTheAdaptiveRuleAndTheFractionalStarts() throws Exception {
        chooseOp("avg_pool2d");
        type("ctl-padding", "1");
        browser.find("scrub").sendKeys(Keys.HOME);
        assertThat(browser.find("products").getText()).startsWith("avg_pool: C[0,0] = (4) / 4 = 1")
                .contains("count_include_pad=True");
        long before = browser.seq();
        browser.find("ctl-count_include_pad").sendKeys(Keys.SPACE);
        browser.settled(before);
        assertThat(browser.find("products").getText()).startsWith("avg_pool: C[0,0] = (4) / 1 = 4");
        chooseOp("adaptive_avg_pool2d");
        assertThat(browser.find("adaptive-rule").getText()).contains("row 1: [⌊1·5/2⌋, ⌈2·5/2⌉) = [2, 5)");
        chooseOp("fractional_max_pool2d");
        type("ctl-seed", "7");
        assertThat(browser.find("fractional-rule").getText()).contains("seed 7 → samples u = (")
                .contains("α = (H − k) / (O − 1) = (5 − 2) / (2 − 1) = 3").contains("start[1] = H − k = 5 − 2 = 3");
        browser.screenshot("fractional");
    }

    @Test
    void presetsNamedKernelsAndAnUploadedPictureInGrey() throws Exception {
        long before = browser.seq();
        new Select(browser.find("preset")).selectByValue("checkerboard");
        browser.settled(before);
        assertThat(browser.rows("input").get(0)).isEqualTo("1 0 1 0 1");
        before = browser.seq();
        new Select(browser.find("named-kernel")).selectByValue("laplacian");
        browser.settled(before);
        assertThat(browser.rows("kernel")).containsExactly("0 1 0", "1 -4 1", "0 1 0");
        double[][] board = new double[5][5];
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 5; c++) {
                board[r][c] = (r + c) % 2 == 0 ? 1 : 0;
            }
        }
        assertThat(browser.rows("output")).isEqualTo(engineRows("conv2d", Map.of(), board,
                new double[][] {{0, 1, 0}, {1, -4, 1}, {0, 1, 0}}));
        // a cell edited by the keyboard
        WebElement cell = browser.driver.findElement(By.cssSelector("#input td[data-r='0'][data-c='0']"));
        before = browser.seq();
        cell.click();
        cell.sendKeys(Keys.chord(Keys.CONTROL, "a"), "9", Keys.ENTER);
        browser.settled(before);
        assertThat(browser.rows("input").get(0)).isEqualTo("9 0 1 0 1");
        // an uploaded picture becomes a grey matrix of its size (at most 64 on a side)
        java.nio.file.Path png = java.nio.file.Files.createTempFile("explore-upload", ".png");
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(8, 6, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 8; x++) {
                int v = x * 32;
                img.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        javax.imageio.ImageIO.write(img, "png", png.toFile());
        new Select(browser.find("preset")).selectByValue("upload");
        before = browser.seq();
        browser.find("upload").sendKeys(png.toAbsolutePath().toString());
        browser.settled(before);
        assertThat(browser.find("input-shape").getText()).isEqualTo("6×8");
        assertThat(browser.rows("input").get(0)).isEqualTo("0 32 64 96 128 160 192 224");
        assertThat(browser.find("upload-preview").isDisplayed()).isTrue();
        java.nio.file.Files.delete(png);
        browser.screenshot("upload");
    }

    @Test
    void aSlowOlderPlanDoesNotOverwriteANewerOne() throws Exception {
        browser.waitFor(d -> browser.find("model-table").getText().contains("total") ? true : null);
        // hold back the answer to the next planner request until the test releases it
        browser.js("window.__release = null; const realFetch = window.fetch;"
                + " window.fetch = (url, opts) => {"
                + "   if (url === '/api/network' && !window.__held) {"
                + "     window.__held = true;"
                + "     return new Promise((resolve) => { window.__release = () => realFetch(url, opts).then((r) => { resolve(r); window.__heldDone = true; }); });"
                + "   }"
                + "   return realFetch(url, opts);"
                + " };");
        browser.find("model-go").click(); // the default model (cnn2), held
        new Select(browser.find("model")).selectByValue("lenet5");
        browser.waitFor(d -> browser.find("model-table").getText().contains("linear(84,10)") ? true : null);
        browser.js("window.__release()");
        // the held answer arrives last; the page must keep the newer plan
        browser.waitFor(d -> Boolean.TRUE.equals(browser.js("return window.__heldDone === true")) ? true : null);
        Thread.sleep(500);
        assertThat(browser.find("model-table").getText()).contains("linear(84,10)");
    }

    @Test
    void theNarrowWindowIsReadableAndThePlannerPlans() throws Exception {
        browser.driver.manage().window().setSize(new Dimension(420, 1000));
        Object overflow = browser.js("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        new Select(browser.find("model")).selectByValue("lenet5");
        browser.waitFor(d -> browser.find("model-table").getText().contains("linear(84,10)") ? true : null);
        assertThat(browser.find("model-table").getText()).contains("conv2d(1,6,5,1,2) 1×6×28×28 5×5 (jump 1) 156");
        browser.find("model-total").getText();
        browser.js("document.getElementById('planner').scrollIntoView()");
        browser.screenshot("narrow-planner");
    }
}
