package dev.convkit.core.backend;

import dev.convkit.core.conv.ConvDispatch;
import dev.convkit.core.kernels.KernelProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one place the kernels are chosen: every setting is honoured or refused with one line, never ignored. */
class BackendTest {
    @Test
    void eachForcedProviderIsHonoured() {
        assertThat(((Backend) Backend.choose("reference", null)).provider().fast()).isFalse();
        assertThat(((Backend) Backend.choose("scalar", null)).provider().name()).isEqualTo("scalar");
        Object auto = Backend.choose(null, null);
        String expected = KernelProvider.panama() != null ? KernelProvider.panama().name() : "scalar";
        assertThat(((Backend) auto).provider().name()).isEqualTo(expected);
        assertThat(((Backend) auto).conv().smallMacs()).isEqualTo(ConvDispatch.DEFAULT_SMALL_MACS);
        assertThat(((Backend) Backend.choose("SCALAR", "0")).conv().smallMacs()).isZero();
    }

    @Test
    void anUnknownProviderOrCutoffIsOneClearLine() {
        assertThat(Backend.choose("bogus", null))
                .isEqualTo("convkit.kernels must be auto, panama, scalar or reference, got 'bogus'");
        assertThat(Backend.choose("scalar", "-1"))
                .isEqualTo("convkit.smallCutoff must be a whole number >= 0, got '-1'");
        assertThat(Backend.choose("scalar", "lots")).asString().startsWith("convkit.smallCutoff must be a whole number");
    }

    @Test
    void winogradIsOnByDefaultAndOffWhenAsked() {
        assertThat(((Backend) Backend.choose("scalar", null, null)).conv().winograd()).isTrue();
        assertThat(((Backend) Backend.choose("scalar", null, " OFF ")).conv().winograd()).isFalse();
        assertThat(((Backend) Backend.choose("scalar", null, "on")).conv().winograd()).isTrue();
        assertThat(((Backend) Backend.choose("scalar", null, "off")).describe()).contains("Winograd off");
        assertThat(((Backend) Backend.choose("scalar", null, null)).describe()).doesNotContain("Winograd");
        assertThat(Backend.choose("scalar", null, "maybe")).isEqualTo("convkit.winograd must be on or off, got 'maybe'");
    }

    @Test
    void panamaWithoutTheModuleSaysWhatToAdd() {
        Object chosen = Backend.choose("panama", null);
        if (KernelProvider.panama() == null) {
            assertThat(chosen).isEqualTo("convkit.kernels=panama needs the Vector API: "
                    + "run java with --add-modules jdk.incubator.vector");
        } else {
            assertThat(((Backend) chosen).provider().name()).startsWith("panama");
        }
    }

    @Test
    void theActiveBackendDescribesItself() {
        assertThat(Backend.problem()).isNull();
        assertThat(Backend.active().describe()).startsWith(Backend.active().provider().name());
    }
}
