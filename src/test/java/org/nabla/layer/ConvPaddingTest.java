package org.nabla.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.nabla.autodiff.GradCheck;
import org.nabla.autodiff.Variable;
import org.nabla.io.Npz;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conv1d/Conv2d per-axis geometry, padding = "same" and padding modes against torch.nn.Conv1d/Conv2d
 * (src/test/resources/conv/make_conv_padding.py), central differences, and the shift property of
 * circular padding.
 */
class ConvPaddingTest {
    private static Map<String, Tensor> ref;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        Path file = Paths.get(ConvPaddingTest.class.getResource("/conv/conv_padding.npz").toURI());
        ref = Npz.read(file);
    }

    /** The cases of make_conv_padding.py, with the same settings. */
    static Module conv(String name) {
        Rng rng = new Rng(1);
        return switch (name) {
            case "c2_rect" -> Conv2d.builder(2, 3, 3, 5).stride(1, 2).padding(1, 2).rng(rng).build();
            case "c2_dil" -> Conv2d.builder(2, 2, 2, 3).stride(2, 1).padding(0, 1).dilation(2, 1).groups(2).rng(rng).build();
            case "c2_same_even" -> Conv2d.builder(2, 3, 4, 2).padding("same").rng(rng).build();
            case "c2_same_dil" -> Conv2d.builder(1, 2, 3, 4).padding("same").dilation(2, 1).rng(rng).build();
            case "c2_reflect" -> Conv2d.builder(2, 2, 3, 3).stride(1, 2).padding(1, 2).paddingMode("reflect").rng(rng).build();
            case "c2_replicate" -> Conv2d.builder(2, 2, 3, 2).stride(2, 1).padding(2, 1).paddingMode("replicate").rng(rng).build();
            case "c2_circular" -> Conv2d.builder(2, 2, 3, 3).padding(1, 2).paddingMode("circular").rng(rng).build();
            case "c2_same_reflect" -> Conv2d.builder(2, 2, 4, 3).padding("same").paddingMode("reflect").rng(rng).build();
            case "c2_same_circular" -> Conv2d.builder(1, 2, 2, 4).padding("same").paddingMode("circular").rng(rng).build();
            case "c1_same_even" -> Conv1d.builder(2, 3, 4).padding("same").rng(rng).build();
            case "c1_reflect" -> Conv1d.builder(2, 2, 3).stride(2).padding(2).paddingMode("reflect").rng(rng).build();
            case "c1_replicate" -> Conv1d.builder(2, 2, 3).padding(3).dilation(2).paddingMode("replicate").rng(rng).build();
            case "c1_circular" -> Conv1d.builder(1, 2, 5).padding(2).paddingMode("circular").rng(rng).build();
            case "c1_same_circular" -> Conv1d.builder(2, 2, 4).padding("same").dilation(2).groups(2).paddingMode("circular")
                    .rng(rng).build();
            default -> throw new IllegalArgumentException(name);
        };
    }

    static final String[] CASES = {"c2_rect", "c2_dil", "c2_same_even", "c2_same_dil", "c2_reflect", "c2_replicate",
        "c2_circular", "c2_same_reflect", "c2_same_circular", "c1_same_even", "c1_reflect", "c1_replicate", "c1_circular",
        "c1_same_circular"};

    private static Module loaded(String name) {
        Module m = conv(name);
        m.parameters().get(0).set(ref.get(name + ".weight"));
        m.parameters().get(1).set(ref.get(name + ".bias"));
        return m;
    }

    @Test
    void everyCaseMatchesPyTorch() {
        for (String name : CASES) {
            Tensor y = loaded(name).forward(ref.get(name + ".x"));
            Tensor expected = ref.get(name + ".y");
            assertThat(y.shape()).as(name).isEqualTo(expected.shape());
            assertThat(y.allClose(expected, 1e-13, 1e-13)).as(name + ": " + y + " vs " + expected).isTrue();
        }
    }

    @Test
    void samePaddingKeepsTheSizeAndPutsTheOddSampleAfter() {
        Conv2d c = (Conv2d) conv("c2_same_even");
        assertThat(c.paddingBefore()).containsExactly(1, 0);
        assertThat(c.paddingAfter()).containsExactly(2, 1);
        assertThat(c.samePadding()).isTrue();
        Conv1d d = (Conv1d) conv("c1_same_circular");
        assertThat(d.paddingBefore()).isEqualTo(3);
        assertThat(d.paddingAfter()).isEqualTo(3);
        assertThat(c.forward(Tensor.zeros(1, 2, 6, 5)).shape().dims()).containsExactly(1, 3, 6, 5);
    }

    @Test
    void inputGradientsMatchCentralDifferences() {
        Rng rng = new Rng(7);
        for (String name : CASES) {
            Module m = loaded(name);
            Tensor x = Tensor.randn(rng, ref.get(name + ".x").shape().dims());
            GradCheck.Result r = GradCheck.check(in -> m.forward(in.get(0)), x);
            assertThat(r.passed()).as(name + ": " + r).isTrue();
        }
    }

    @Test
    void circularPaddingCommutesWithShifts() {
        // With circular padding and "same" size, convolution is shift-equivariant on a periodic signal:
        // conv(roll(x, s)) = roll(conv(x), s) exactly (the same products, summed in the same order).
        Rng rng = new Rng(3);
        Conv2d c = Conv2d.builder(2, 3, 3, 3).padding(1, 1).paddingMode(PaddingMode.CIRCULAR).rng(rng).build();
        Tensor x = Tensor.randn(rng, 1, 2, 5, 6);
        Tensor y = c.forward(x);
        int sh = 2;
        int sw = 4;
        Tensor shifted = c.forward(roll(roll(x, 2, sh), 3, sw));
        assertThat(shifted.equals(roll(roll(y, 2, sh), 3, sw))).isTrue();
        Conv1d d = Conv1d.builder(1, 1, 4).padding("same").paddingMode("circular").rng(rng).build();
        Tensor s = Tensor.randn(rng, 1, 1, 9);
        assertThat(d.forward(roll(s, 2, 5)).equals(roll(d.forward(s), 2, 5))).isTrue();
    }

    @Test
    void reflectAndReplicateReadTheEdgesAsDefined() {
        // A 1×1 kernel of weight 1 shows the padded signal itself.
        Conv1d reflect = Conv1d.builder(1, 1, 1).padding(2).paddingMode("reflect").bias(false).rng(new Rng(1)).build();
        reflect.weight().set(Tensor.ones(1, 1, 1));
        Tensor x = Tensor.of(new int[] {1, 1, 4}, 1, 2, 3, 4);
        assertThat(reflect.forward(x).dataView()).containsExactly(3, 2, 1, 2, 3, 4, 3, 2);
        Conv1d replicate = Conv1d.builder(1, 1, 1).padding(2).paddingMode("replicate").bias(false).rng(new Rng(1)).build();
        replicate.weight().set(Tensor.ones(1, 1, 1));
        assertThat(replicate.forward(x).dataView()).containsExactly(1, 1, 1, 2, 3, 4, 4, 4);
    }

    @Test
    void theOldConstructorsGiveTheOldBits() {
        Rng a = new Rng(5);
        Rng b = new Rng(5);
        Conv2d old = new Conv2d(2, 3, 3, 2, 1, 1, 1, true, a);
        Conv2d built = Conv2d.builder(2, 3, 3, 3).stride(2, 2).padding(1, 1).rng(b).build();
        Tensor x = Tensor.randn(new Rng(9), 2, 2, 7, 7);
        Tensor direct = Conv2d.conv2d(Variable.constant(x), old.weight().variable(), old.bias().variable(), new int[] {2, 2},
                new int[] {1, 1}, new int[] {1, 1}, 1).value();
        assertThat(old.forward(x).equals(direct)).isTrue();
        assertThat(built.forward(x).equals(direct)).isTrue();
    }

    @Test
    void badSettingsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Conv2d.builder(1, 1, 3, 3).stride(2, 1).padding("same").rng(new Rng(1)).build())
                .hasMessageContaining("padding=\"same\" is not supported for strided convolutions");
        assertThatThrownBy(() -> Conv1d.builder(1, 1, 3).stride(2).padding("same").rng(new Rng(1)).build())
                .hasMessageContaining("strided");
        assertThatThrownBy(() -> Conv2d.builder(1, 1, 3, 3).paddingMode("mirror"))
                .hasMessageContaining("\"zeros\", \"reflect\", \"replicate\", \"circular\"").hasMessageContaining("mirror");
        assertThatThrownBy(() -> Conv2d.builder(1, 1, 3, 3).padding("full")).hasMessageContaining("full");
        Conv1d tooWide = Conv1d.builder(1, 1, 3).padding(4).paddingMode("reflect").rng(new Rng(1)).build();
        assertThatThrownBy(() -> tooWide.forward(Tensor.zeros(1, 1, 4)))
                .hasMessageContaining("reflect").hasMessageContaining("at most 3");
        assertThatThrownBy(() -> Conv2d.builder(1, 1, 3, 3).padding(-1, 0).rng(new Rng(1)).build())
                .hasMessageContaining("padding");
    }

    @Test
    void describeShowsTheGeometry() {
        assertThat(conv("c2_rect").toString()).contains("kernel=3x5, stride=1x2, padding=1x2");
        assertThat(conv("c2_same_reflect").toString()).contains("padding=same, padding_mode=reflect");
    }

    /** x rolled by s along an axis: y[i] = x[(i − s) mod n]. */
    private static Tensor roll(Tensor x, int axis, int s) {
        int n = x.dim(axis);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = Math.floorMod(i - s, n);
        }
        return Variable.constant(x).indexSelect(axis, idx).value();
    }
}
