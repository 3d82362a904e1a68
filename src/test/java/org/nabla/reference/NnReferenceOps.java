package org.nabla.reference;

import java.util.Map;
import org.nabla.activation.ELU;
import org.nabla.activation.GELU;
import org.nabla.activation.Hardtanh;
import org.nabla.activation.LeakyReLU;
import org.nabla.activation.LogSigmoid;
import org.nabla.activation.LogSoftmax;
import org.nabla.activation.Mish;
import org.nabla.activation.PReLU;
import org.nabla.activation.SELU;
import org.nabla.activation.SiLU;
import org.nabla.activation.Softmax;
import org.nabla.activation.Softplus;
import org.nabla.autodiff.Variable;
import org.nabla.loss.BinaryCrossEntropy;
import org.nabla.loss.BinaryCrossEntropyWithLogits;
import org.nabla.loss.CrossEntropy;
import org.nabla.loss.FocalLoss;
import org.nabla.loss.Huber;
import org.nabla.loss.KLDivergence;
import org.nabla.loss.L1Loss;
import org.nabla.loss.MeanSquaredError;
import org.nabla.loss.MultiMarginHinge;
import org.nabla.loss.NegativeLogLikelihood;
import org.nabla.loss.Reduction;

/** The activations (org.nabla.activation) and losses (org.nabla.loss), replayed against ops.json. */
public final class NnReferenceOps implements ReferenceOps {

    /** PyTorch's reduction attribute ("mean" when absent). */
    static Reduction reduction(ReferenceCase c) {
        String r = c.string("reduction", "mean");
        switch (r) {
            case "mean":
                return Reduction.MEAN;
            case "sum":
                return Reduction.SUM;
            case "none":
                return Reduction.NONE;
            case "batchmean":
                return Reduction.BATCH_MEAN;
            default:
                throw new IllegalArgumentException("unknown reduction '" + r + "' in case " + c.name);
        }
    }

    /** The i-th int input as a constant (0/1 targets are not differentiated). */
    static Variable intTarget(ReferenceCase c, int i) {
        return Variable.constant(c.intInputs.get(i));
    }

    @Override
    public void register(Map<String, Entry> ops) {
        ops.put("gelu", new Entry((c, in) -> GELU.gelu(in.get(0)), ELEMENTWISE));
        ops.put("gelu_tanh", new Entry((c, in) -> GELU.geluTanh(in.get(0)), ELEMENTWISE));
        ops.put("silu", new Entry((c, in) -> SiLU.silu(in.get(0)), ELEMENTWISE));
        ops.put("softplus", new Entry((c, in) -> Softplus.softplus(in.get(0), c.number("beta", 1.0),
                c.number("threshold", 20.0)), ELEMENTWISE));
        ops.put("elu", new Entry((c, in) -> ELU.elu(in.get(0), c.number("alpha", 1.0)), ELEMENTWISE));
        ops.put("leaky_relu_0.01", new Entry((c, in) -> LeakyReLU.leakyRelu(in.get(0), 0.01), ELEMENTWISE));
        ops.put("selu", new Entry((c, in) -> SELU.selu(in.get(0)), ELEMENTWISE));
        ops.put("mish", new Entry((c, in) -> Mish.mish(in.get(0)), ELEMENTWISE));
        ops.put("hardtanh", new Entry((c, in) -> Hardtanh.hardtanh(in.get(0), c.number("min_val", -1.0),
                c.number("max_val", 1.0)), ELEMENTWISE));
        ops.put("logsigmoid", new Entry((c, in) -> LogSigmoid.logSigmoid(in.get(0)), ELEMENTWISE));
        ops.put("prelu", new Entry((c, in) -> PReLU.prelu(in.get(0), in.get(1)), ELEMENTWISE));
        ops.put("softmax", new Entry((c, in) -> Softmax.softmax(in.get(0), c.integer("dim", -1)), REDUCTION));
        ops.put("log_softmax", new Entry((c, in) -> LogSoftmax.logSoftmax(in.get(0), c.integer("dim", -1)),
                REDUCTION));
        ops.put("cross_entropy", new Entry((c, in) -> new CrossEntropy(reduction(c),
                c.number("label_smoothing", 0.0), null).forward(in.get(0), c.labels(0)), REDUCTION));
        ops.put("nll_loss", new Entry((c, in) -> new NegativeLogLikelihood(reduction(c))
                .forward(in.get(0), c.labels(0)), REDUCTION));
        ops.put("mse_loss", new Entry((c, in) -> new MeanSquaredError(reduction(c)).forward(in.get(0), in.get(1)),
                REDUCTION));
        ops.put("l1_loss", new Entry((c, in) -> new L1Loss(reduction(c)).forward(in.get(0), in.get(1)), REDUCTION));
        ops.put("huber_loss", new Entry((c, in) -> new Huber(c.number("delta", 1.0), reduction(c))
                .forward(in.get(0), in.get(1)), REDUCTION));
        ops.put("binary_cross_entropy", new Entry((c, in) -> new BinaryCrossEntropy(reduction(c))
                .forward(in.get(0), intTarget(c, 0)), REDUCTION));
        ops.put("binary_cross_entropy_with_logits", new Entry((c, in) -> new BinaryCrossEntropyWithLogits(
                reduction(c)).forward(in.get(0), intTarget(c, 0)), REDUCTION));
        ops.put("sigmoid_focal_loss", new Entry((c, in) -> new FocalLoss(c.number("alpha", 0.25),
                c.number("gamma", 2.0), reduction(c)).forward(in.get(0), intTarget(c, 0)), REDUCTION));
        ops.put("kl_div", new Entry((c, in) -> new KLDivergence(
                c.attrs.containsKey("reduction") ? reduction(c) : Reduction.BATCH_MEAN).forward(in.get(0), in.get(1)),
                REDUCTION));
        ops.put("multi_margin_loss", new Entry((c, in) -> new MultiMarginHinge(c.integer("p", 1),
                c.number("margin", 1.0), null, reduction(c)).forward(in.get(0), c.labels(0)), REDUCTION));
    }
}
