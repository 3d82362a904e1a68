package org.nabla.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nabla.activation.ReLU;
import org.nabla.autodiff.Variable;
import org.nabla.module.Buffer;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * The state dict of every module with parameters or buffers: keys, shapes and order as PyTorch's
 * {@code state_dict()} of the equivalent torch.nn module. The expected tables are written from
 * PyTorch's documentation of each module's variables (names and shapes, not values).
 */
class StateDictNamesTest {
    private final Rng rng = new Rng(1);

    /** "key [d0, d1]" for every entry of the state dict, in order. */
    private static List<String> table(Module m) {
        List<String> r = new ArrayList<>();
        m.stateDict().forEach((k, v) -> r.add(k + " " + v.shape()));
        return r;
    }

    @Test
    void linearConvolutionsNormsAndEmbedding() {
        assertThat(table(new Linear(3, 2, rng))).containsExactly("weight [2, 3]", "bias [2]");
        assertThat(table(new Conv1d(2, 3, 3, rng))).containsExactly("weight [3, 2, 3]", "bias [3]");
        assertThat(table(new Conv2d(2, 3, 3, rng))).containsExactly("weight [3, 2, 3, 3]", "bias [3]");
        assertThat(table(new ConvTranspose2d(2, 3, 3, 1, 0, 0, true, rng))).containsExactly("weight [2, 3, 3, 3]", "bias [3]");
        String[] bn = {"weight [3]", "bias [3]", "running_mean [3]", "running_var [3]", "num_batches_tracked []"};
        assertThat(table(new BatchNorm1d(3))).containsExactly(bn);
        assertThat(table(new BatchNorm2d(3))).containsExactly(bn);
        assertThat(table(new BatchNorm1d(3, 1e-5, 0.1, false)))
                .containsExactly("running_mean [3]", "running_var [3]", "num_batches_tracked []");
        assertThat(table(new LayerNorm(4))).containsExactly("weight [4]", "bias [4]");
        assertThat(table(new Embedding(5, 3, rng))).containsExactly("weight [5, 3]");
    }

    @Test
    void recurrentLayersUsePyTorchsFlatNames() {
        assertThat(table(new RNN(3, 4, 2, rng))).containsExactly("weight_ih_l0 [4, 3]", "weight_hh_l0 [4, 4]",
                "bias_ih_l0 [4]", "bias_hh_l0 [4]", "weight_ih_l1 [4, 4]", "weight_hh_l1 [4, 4]", "bias_ih_l1 [4]",
                "bias_hh_l1 [4]");
        assertThat(table(new LSTM(3, 4, 2, true, false, true, rng))).containsExactly(
                "weight_ih_l0 [16, 3]", "weight_hh_l0 [16, 4]", "bias_ih_l0 [16]", "bias_hh_l0 [16]",
                "weight_ih_l0_reverse [16, 3]", "weight_hh_l0_reverse [16, 4]", "bias_ih_l0_reverse [16]",
                "bias_hh_l0_reverse [16]",
                "weight_ih_l1 [16, 8]", "weight_hh_l1 [16, 4]", "bias_ih_l1 [16]", "bias_hh_l1 [16]",
                "weight_ih_l1_reverse [16, 8]", "weight_hh_l1_reverse [16, 4]", "bias_ih_l1_reverse [16]",
                "bias_hh_l1_reverse [16]");
        assertThat(table(new GRU(3, 4, 1, true, true, true, rng))).containsExactly("weight_ih_l0 [12, 3]",
                "weight_hh_l0 [12, 4]", "bias_ih_l0 [12]", "bias_hh_l0 [12]", "weight_ih_l0_reverse [12, 3]",
                "weight_hh_l0_reverse [12, 4]", "bias_ih_l0_reverse [12]", "bias_hh_l0_reverse [12]");
        assertThat(table(new GRU(3, 4, 2, false, true, false, rng))).containsExactly("weight_ih_l0 [12, 3]",
                "weight_hh_l0 [12, 4]", "weight_ih_l1 [12, 4]", "weight_hh_l1 [12, 4]");
        // the cells standing alone keep torch.nn.LSTMCell's names
        assertThat(table(new LSTMCell(3, 4, rng))).containsExactly("weight_ih [16, 3]", "weight_hh [16, 4]",
                "bias_ih [16]", "bias_hh [16]");
    }

    private static final String[] ENCODER_LAYER = {"self_attn.in_proj_weight [12, 4]", "self_attn.in_proj_bias [12]",
        "self_attn.out_proj.weight [4, 4]", "self_attn.out_proj.bias [4]", "linear1.weight [8, 4]", "linear1.bias [8]",
        "linear2.weight [4, 8]", "linear2.bias [4]", "norm1.weight [4]", "norm1.bias [4]", "norm2.weight [4]",
        "norm2.bias [4]"};

    @Test
    void attentionAndTransformer() {
        assertThat(table(new MultiHeadAttention(4, 2, rng))).containsExactly("in_proj_weight [12, 4]",
                "in_proj_bias [12]", "out_proj.weight [4, 4]", "out_proj.bias [4]");
        TransformerEncoderLayer.Builder b = TransformerEncoderLayer.builder(4, 2).feedForward(8).rng(rng);
        assertThat(table(b.build())).containsExactly(ENCODER_LAYER);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            for (String e : ENCODER_LAYER) {
                expected.add("layers." + i + "." + e);
            }
        }
        expected.add("norm.weight [4]");
        expected.add("norm.bias [4]");
        assertThat(table(new TransformerEncoder(List.of(b.build(), b.build()), new LayerNorm(4)))).containsExactlyElementsOf(expected);
    }

    @Test
    void nestedSequentialPrefixesEachLevel() {
        Sequential s = new Sequential(new Linear(3, 4, rng), new BatchNorm1d(4), new ReLU(),
                new Sequential(new Linear(4, 2, rng)));
        assertThat(table(s)).containsExactly("0.weight [4, 3]", "0.bias [4]", "1.weight [4]", "1.bias [4]",
                "1.running_mean [4]", "1.running_var [4]", "1.num_batches_tracked []", "3.0.weight [2, 4]",
                "3.0.bias [2]");
        TransformerEncoderLayer layer = TransformerEncoderLayer.builder(4, 2).feedForward(8).rng(rng).build();
        Sequential withLayers = new Sequential(new Linear(4, 4, rng), new TransformerEncoder(List.of(layer), null));
        assertThat(table(withLayers)).startsWith("0.weight [4, 4]", "0.bias [4]",
                "1.layers.0.self_attn.in_proj_weight [12, 4]").contains("1.layers.0.linear1.bias [8]");
    }

    @Test
    void buffersAreStateOwnedByTheModuleAndUpdatedInTraining() {
        BatchNorm1d bn = new BatchNorm1d(3);
        assertThat(bn.namedBuffers().keySet()).containsExactly("running_mean", "running_var", "num_batches_tracked");
        assertThat(bn.parameters()).hasSize(2); // buffers are not trained
        assertThat(bn.namedBuffers().get("num_batches_tracked").isInteger()).isTrue();
        Map<String, Tensor> before = bn.stateDict();
        Tensor x = Tensor.randn(new Rng(2), 8, 3);
        bn.forward(Variable.constant(x));
        bn.forward(Variable.constant(x));
        Map<String, Tensor> after = bn.stateDict();
        assertThat(after.get("num_batches_tracked").item()).isEqualTo(2.0);
        assertThat(after.get("running_mean")).isNotEqualTo(before.get("running_mean"));
        // running_mean after two steps from 0 with momentum 0.1: (1 − 0.9²) · batch mean
        assertThat(after.get("running_mean").allClose(x.mean(new int[] {0}, false).mul(0.19), 1e-15, 1e-15)).isTrue();
        assertThat(bn.runningMean()).isSameAs(bn.namedBuffers().get("running_mean").value());
        assertThat(before.get("num_batches_tracked").item()).isEqualTo(0.0); // the snapshot did not change
        bn.eval();
        bn.forward(Variable.constant(x));
        assertThat(bn.batchesTracked()).isEqualTo(2);
        Sequential s = new Sequential(new Linear(3, 3, rng), bn);
        assertThat(s.namedBuffers().keySet()).containsExactly("1.running_mean", "1.running_var", "1.num_batches_tracked");
        assertThat(s.bufferCount()).isEqualTo(7);
    }

    @Test
    void buffersRefuseWrongShapesAndFractionalCounts() {
        BatchNorm1d bn = new BatchNorm1d(3);
        Buffer count = bn.namedBuffers().get("num_batches_tracked");
        assertThatThrownBy(() -> count.set(Tensor.scalar(2.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Buffer 'num_batches_tracked': cannot set a value of value 2.5 at flat index 0 "
                        + "(expected whole numbers: an int64 buffer)");
        assertThatThrownBy(() -> bn.namedBuffers().get("running_var").set(Tensor.ones(4)))
                .hasMessage("Buffer 'running_var': cannot set a value of shape [4] (expected [3])");
        assertThatThrownBy(() -> new Module() {
            {
                registerParameter("w", Tensor.zeros(1));
                registerBuffer("w", Tensor.zeros(1));
            }

            @Override
            public Variable forward(Variable x) {
                return x;
            }
        }).hasMessageContaining("name 'w' is already used");
    }
}
