package org.nabla.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.GradCheck;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

class TransformerEncoderLayerTest {
    private static TransformerEncoderLayer.Builder small(long seed) {
        return TransformerEncoderLayer.builder(4, 2).feedForward(6).dropout(0).rng(new Rng(seed));
    }

    /** ⟨g, layer(x)⟩, the scalar whose gradient GradCheck and the parameter check compare. */
    private static double pairing(Module m, Tensor x, Tensor g) {
        return m.forward(x).mul(g).sum().item();
    }

    /** Central differences over every entry of every parameter against the reverse sweep. */
    private static void checkParameterGradients(Module m, Tensor x, Tensor g) {
        Gradients grads = m.forward(Variable.constant(x)).mul(Variable.constant(g)).sum().backward();
        double eps = 1e-6;
        for (Parameter p : m.parameters()) {
            Tensor analytic = grads.of(p);
            Tensor original = p.value();
            double[] v = original.toArray();
            double[] a = analytic.toArray();
            for (int i = 0; i < v.length; i++) {
                double keep = v[i];
                v[i] = keep + eps;
                p.set(Tensor.of(original.dims(), v.clone()));
                double plus = pairing(m, x, g);
                v[i] = keep - eps;
                p.set(Tensor.of(original.dims(), v.clone()));
                double minus = pairing(m, x, g);
                v[i] = keep;
                p.set(original);
                double numeric = (plus - minus) / (2 * eps);
                assertThat(a[i]).as("∂/∂%s[%d]", p.name(), i).isCloseTo(numeric,
                        org.assertj.core.data.Offset.offset(1e-6 + 1e-5 * Math.abs(numeric)));
            }
        }
    }

    @Test
    void gradCheckPostNormAndPreNorm() {
        for (boolean pre : new boolean[] {false, true}) {
            TransformerEncoderLayer layer = small(1).normFirst(pre).build();
            Rng rng = new Rng(2);
            Tensor x = Tensor.randn(rng, 3, 2, 4);
            GradCheck.check(in -> layer.forward(in.get(0)), x).assertPassed();
            GradCheck.check(in -> layer.forward(in.get(0), true, null), x).assertPassed();
            checkParameterGradients(layer, x, Tensor.randn(rng, 3, 2, 4));
        }
    }

    @Test
    void gradCheckEncoderStackWithGeluLikeActivationAndFinalNorm() {
        TransformerEncoderLayer.Builder b = small(3).normFirst(true).batchFirst(true).activation(Variable::tanh);
        TransformerEncoder enc = new TransformerEncoder(List.of(b.build(), b.build()), new LayerNorm(4));
        Tensor x = Tensor.randn(new Rng(4), 2, 3, 4);
        Tensor pad = Tensor.of(new int[] {2, 3}, 1, 1, 1, 1, 1, 0);
        GradCheck.check(in -> enc.forward(in.get(0), false, pad), x).assertPassed();
        checkParameterGradients(enc, x, Tensor.randn(new Rng(5), 2, 3, 4));
    }

    @Test
    void preNormAndPostNormDifferWithTheSameWeights() {
        TransformerEncoderLayer post = small(7).build();
        TransformerEncoderLayer pre = small(7).normFirst(true).build();
        for (String name : post.namedParameters().keySet()) {
            assertThat(pre.namedParameters().get(name).value()).isEqualTo(post.namedParameters().get(name).value());
        }
        Tensor x = Tensor.randn(new Rng(8), 5, 2, 4);
        Tensor yPost = post.forward(x);
        Tensor yPre = pre.forward(x);
        assertThat(yPost.allClose(yPre, 1e-3, 1e-3)).isFalse();
        // post-norm ends in LN with γ = 1, β = 0: every position has mean 0 and variance ≈ 1
        Tensor mean = yPost.mean(new int[] {2}, false);
        assertThat(mean.abs().max().item()).isLessThan(1e-12);
        // pre-norm is x + (residual branches): its output is not normalized
        assertThat(yPre.mean(new int[] {2}, false).abs().max().item()).isGreaterThan(1e-3);
    }

    @Test
    void postNormMatchesTheFormulaWrittenOut() {
        TransformerEncoderLayer layer = small(9).build();
        Variable x = Variable.constant(Tensor.randn(new Rng(10), 3, 2, 4));
        var p = layer.namedParameters();
        Variable sa = MultiHeadAttention.multiHeadAttention(x, x, x, 2, p.get("self_attn.in_proj_weight").variable(),
                p.get("self_attn.in_proj_bias").variable(), p.get("self_attn.out_proj.weight").variable(),
                p.get("self_attn.out_proj.bias").variable(), false, null);
        Variable h = LayerNorm.layerNorm(x.add(sa), new int[] {4}, null, null, 1e-5);
        Variable ff = Linear.linear(Linear.linear(h, p.get("linear1.weight").variable(), p.get("linear1.bias").variable()).relu(),
                p.get("linear2.weight").variable(), p.get("linear2.bias").variable());
        Variable y = LayerNorm.layerNorm(h.add(ff), new int[] {4}, null, null, 1e-5);
        assertThat(layer.forward(x).value().allClose(y.value(), 1e-12, 1e-12)).isTrue();
        assertThat(layer.namedParameters().keySet()).containsExactly("self_attn.in_proj_weight", "self_attn.in_proj_bias",
                "self_attn.out_proj.weight", "self_attn.out_proj.bias", "linear1.weight", "linear1.bias", "linear2.weight",
                "linear2.bias", "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias");
    }

    @Test
    void evalModeIsDeterministicAndEqualsNoDropout() {
        TransformerEncoderLayer noDrop = small(11).build();
        TransformerEncoderLayer drop = small(11).dropout(0.5).build();
        Tensor x = Tensor.randn(new Rng(12), 4, 3, 4);
        Tensor t1 = drop.forward(x);
        Tensor t2 = drop.forward(x);
        assertThat(t1.allClose(t2, 1e-6, 1e-6)).as("training mode draws fresh masks").isFalse();
        drop.eval();
        assertThat(drop.forward(x)).isEqualTo(drop.forward(x));
        assertThat(drop.forward(x).allClose(noDrop.forward(x), 1e-12, 1e-12)).isTrue();
    }

    @Test
    void causalMaskMakesOutputsIndependentOfFuturePositions() {
        for (boolean pre : new boolean[] {false, true}) {
            TransformerEncoderLayer layer = small(13).normFirst(pre).batchFirst(true).build();
            Rng rng = new Rng(14);
            Tensor x = Tensor.randn(rng, 2, 5, 4);
            // change only the last two positions
            Tensor changed = Tensor.concat(1, x.slice(1, 0, 3), Tensor.randn(rng, 2, 2, 4));
            Tensor y = layer.forward(Variable.constant(x), true, null).value();
            Tensor yc = layer.forward(Variable.constant(changed), true, null).value();
            assertThat(y.slice(1, 0, 3).allClose(yc.slice(1, 0, 3), 0, 1e-12)).isTrue();
            assertThat(y.slice(1, 3, 5).allClose(yc.slice(1, 3, 5), 1e-3, 1e-3)).isFalse();
            // without the mask the past does see the future
            Tensor z = layer.forward(x);
            Tensor zc = layer.forward(changed);
            assertThat(z.slice(1, 0, 3).allClose(zc.slice(1, 0, 3), 1e-3, 1e-3)).isFalse();
        }
    }

    @Test
    void paddedKeysDoNotInfluenceRealPositions() {
        TransformerEncoderLayer layer = small(15).build(); // (L, N, d)
        Rng rng = new Rng(16);
        Tensor x = Tensor.randn(rng, 4, 2, 4);
        Tensor pad = Tensor.of(new int[] {2, 4}, 1, 1, 1, 1, 1, 1, 0, 0); // sample 1: last two positions are padding
        Tensor changed = Tensor.concat(1, x.slice(1, 0, 1),
                Tensor.concat(0, x.slice(0, 0, 2).slice(1, 1, 2), Tensor.randn(rng, 2, 1, 4)));
        Tensor y = layer.forward(Variable.constant(x), false, pad).value();
        Tensor yc = layer.forward(Variable.constant(changed), false, pad).value();
        assertThat(y.slice(0, 0, 2).allClose(yc.slice(0, 0, 2), 0, 1e-12)).isTrue();
    }

    @Test
    void batchFirstIsTheTransposeOfSequenceFirst() {
        TransformerEncoderLayer seqFirst = small(17).build();
        TransformerEncoderLayer batchFirst = small(17).batchFirst(true).build();
        Tensor x = Tensor.randn(new Rng(18), 3, 2, 4);
        assertThat(batchFirst.forward(x.transpose(0, 1)).allClose(seqFirst.forward(x).transpose(0, 1), 1e-12, 1e-12))
                .isTrue();
    }

    @Test
    void encoderIsTheCompositionOfItsLayers() {
        TransformerEncoder enc = new TransformerEncoder(small(19), 3);
        assertThat(enc.layers()).hasSize(3);
        assertThat(enc.namedParameters()).containsKeys("layers.0.self_attn.in_proj_weight", "layers.2.norm2.bias");
        assertThat(enc.layers().get(0).namedParameters().get("linear1.weight").value())
                .isNotEqualTo(enc.layers().get(1).namedParameters().get("linear1.weight").value());
        Tensor x = Tensor.randn(new Rng(20), 3, 2, 4);
        Tensor manual = x;
        for (TransformerEncoderLayer l : enc.layers()) {
            manual = l.forward(manual);
        }
        assertThat(enc.forward(x)).isEqualTo(manual);
        enc.eval();
        assertThat(enc.layers().get(2).isTraining()).isFalse();
    }

    @Test
    void defaultsFollowPyTorch() {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 2, new Rng(21));
        assertThat(layer.feedForwardWidth()).isEqualTo(2048);
        assertThat(layer.normFirst()).isFalse();
        assertThat(layer.batchFirst()).isFalse();
        assertThat(layer.toString()).contains("TransformerEncoderLayer(d=8, heads=2, dFF=2048, dropout=0.1, post-norm)");
    }

    @Test
    void errorsNameTheShapes() {
        TransformerEncoderLayer layer = small(22).build();
        assertThatThrownBy(() -> layer.forward(Tensor.zeros(3, 2, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected input (L, N, 4)")
                .hasMessageContaining("[3, 2, 5]");
        assertThatThrownBy(() -> layer.forward(Tensor.zeros(3, 4))).hasMessageContaining("got shape [3, 4]");
        assertThatThrownBy(() -> layer.forward(Variable.constant(Tensor.zeros(3, 2, 4)), false, Tensor.ones(3, 2)))
                .hasMessageContaining("expected key padding mask (N, L) = (2, 3)").hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> TransformerEncoderLayer.builder(6, 4).rng(new Rng(1)).build())
                .hasMessageContaining("dModel 6 must be a positive multiple of heads 4");
        assertThatThrownBy(() -> TransformerEncoderLayer.builder(4, 2).build()).hasMessageContaining("Rng is required");
        assertThatThrownBy(() -> small(1).dropout(1.5).build()).hasMessageContaining("dropout must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> small(1).feedForward(0).build()).hasMessageContaining("feed-forward width must be ≥ 1");
        assertThatThrownBy(() -> new TransformerEncoder(List.of(small(1).build(), TransformerEncoderLayer.builder(6, 2)
                .rng(new Rng(2)).build()), null)).hasMessageContaining("layer 1");
        assertThatThrownBy(() -> new TransformerEncoder(List.of(small(1).build()), new LayerNorm(5)))
                .hasMessageContaining("final norm must normalize over [4]");
        assertThatThrownBy(() -> new TransformerEncoder(small(1), 0)).hasMessageContaining("≥ 1 layers");
    }
}
