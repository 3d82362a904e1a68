package org.nabla.reference;

import java.util.Map;
import org.nabla.autodiff.Variable;
import org.nabla.layer.GRUCell;
import org.nabla.layer.LSTMCell;
import org.nabla.layer.MultiHeadAttention;
import org.nabla.layer.RNNCell;
import org.nabla.layer.ScaledDotProductAttention;

/** Recurrent cells and attention (org.nabla.layer), replayed against ops.json. */
public final class SequenceReferenceOps implements ReferenceOps {
    @Override
    public void register(Map<String, Entry> ops) {
        ops.put("lstm_cell", new Entry((c, in) -> {
            var hc = LSTMCell.cell(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5), in.get(6));
            return Variable.concat(1, hc.get(0), hc.get(1));
        }, REDUCTION));
        ops.put("gru_cell", new Entry((c, in) -> GRUCell.cell(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4),
                in.get(5)), REDUCTION));
        ops.put("rnn_cell", new Entry((c, in) -> {
            String nl = c.string("nonlinearity", "tanh");
            if (!nl.equals("tanh") && !nl.equals("relu")) {
                throw new IllegalArgumentException("rnn_cell: unknown nonlinearity " + nl);
            }
            return RNNCell.cell(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5), nl.equals("relu"));
        }, REDUCTION));
        ops.put("sdpa", new Entry((c, in) -> {
            String mask = c.string("mask", null);
            if (mask != null && !mask.equals("causal")) {
                throw new IllegalArgumentException("sdpa: unknown mask " + mask);
            }
            return ScaledDotProductAttention.attention(in.get(0), in.get(1), in.get(2), "causal".equals(mask), null);
        }, REDUCTION));
        ops.put("multi_head_attention", new Entry((c, in) -> {
            Variable x = in.get(0);
            return MultiHeadAttention.multiHeadAttention(x, x, x, c.integer("num_heads", 1), in.get(1), in.get(2),
                    in.get(3), in.get(4), false, null);
        }, REDUCTION));
    }
}
