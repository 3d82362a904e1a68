package org.nabla.layer;

import java.util.Arrays;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.module.Buffer;
import org.nabla.module.Module;
import org.nabla.tensor.Tensor;

/**
 * Batch normalization over axis 1 (features / channels) of an input (N, C, …):
 * <pre>
 *   μ_c  = (1/m) Σ x_{n,c,…},   σ²_c = (1/m) Σ (x_{n,c,…} − μ_c)²      (m = N·Π spatial; biased variance)
 *   x̂    = (x − μ_c) / √(σ²_c + ε),    y = γ_c x̂ + β_c.
 * </pre>
 * In training the batch statistics are used and the running statistics are updated with PyTorch's
 * momentum convention (m = 0.1 by default), using the <em>unbiased</em> batch variance:
 * <pre>
 *   running_mean ← (1 − m)·running_mean + m·μ_c,    running_var ← (1 − m)·running_var + m·σ²_c·m/(m − 1).
 * </pre>
 * In evaluation y = γ (x − running_mean)/√(running_var + ε) + β. The running statistics and the
 * number of training batches seen are {@link Buffer}s named as in PyTorch — {@code running_mean},
 * {@code running_var}, {@code num_batches_tracked} (int64, shape []) — so the state dict is
 * {@code weight, bias, running_mean, running_var, num_batches_tracked} and survives saving.
 *
 * <p>The forward is written with Variable primitives (mean, sub, square, sqrt, div), so the backward
 * — including the paths through μ and σ² — comes from the autodiff engine, and agrees with the
 * closed form
 * ∂L/∂x = (γ/(m·√(σ²+ε))) (m·ĝ − Σĝ − x̂ Σ ĝ x̂), ĝ = ∂L/∂y.
 *
 * <p>Source: S. Ioffe and C. Szegedy, "Batch Normalization: Accelerating Deep Network Training by Reducing
 * Internal Covariate Shift", ICML 2015, Algorithm 1–2; torch.nn.BatchNorm1d/2d (momentum convention).
 */
public abstract class BatchNorm extends Module {
    private final int features;
    private final double eps;
    private final double momentum;
    private final Parameter weight;
    private final Parameter bias;
    private final Buffer runningMean;
    private final Buffer runningVar;
    private final Buffer batchesTracked;

    BatchNorm(int features, double eps, double momentum, boolean affine) {
        if (features <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": features must be positive, got " + features);
        }
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": eps must be finite and > 0, got " + eps);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": momentum must be in [0, 1], got " + momentum);
        }
        this.features = features;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = affine ? registerParameter("weight", Tensor.ones(features)) : null;
        this.bias = affine ? registerParameter("bias", Tensor.zeros(features)) : null;
        this.runningMean = registerBuffer("running_mean", Tensor.zeros(features));
        this.runningVar = registerBuffer("running_var", Tensor.ones(features));
        this.batchesTracked = registerBuffer(new Buffer("num_batches_tracked", Tensor.scalar(0), true));
    }

    /** The axes statistics are taken over: every axis but 1. */
    static int[] statisticAxes(int rank) {
        int[] axes = new int[rank - 1];
        axes[0] = 0;
        for (int i = 2; i < rank; i++) {
            axes[i - 1] = i;
        }
        return axes;
    }

    /** Shape (1, C, 1, …, 1) of the given rank. */
    private static int[] channelShape(int rank, int c) {
        int[] s = new int[rank];
        Arrays.fill(s, 1);
        s[1] = c;
        return s;
    }

    private static void checkInput(Variable x, String who) {
        if (x.shape().rank() < 2) {
            throw new IllegalArgumentException(who + ": expected input (N, C, …), got shape " + x.shape());
        }
    }

    private static Variable affine(Variable xhat, Variable gamma, Variable beta, String who) {
        int r = xhat.shape().rank();
        int c = xhat.shape().dim(1);
        Variable y = xhat;
        if (gamma != null) {
            if (!gamma.shape().equals(org.nabla.tensor.Shape.of(c))) {
                throw new IllegalArgumentException(who + ": expected γ of shape [" + c + "], got " + gamma.shape());
            }
            y = y.mul(gamma.reshape(channelShape(r, c)));
        }
        if (beta != null) {
            if (!beta.shape().equals(org.nabla.tensor.Shape.of(c))) {
                throw new IllegalArgumentException(who + ": expected β of shape [" + c + "], got " + beta.shape());
            }
            y = y.add(beta.reshape(channelShape(r, c)));
        }
        return y;
    }

    /**
     * The functional form in training: normalizes x (N, C, …) with its own batch statistics
     * (biased variance) and applies γ, β (either may be null).
     */
    public static Variable batchNorm(Variable x, Variable gamma, Variable beta, double eps) {
        checkInput(x, "batchNorm");
        int[] axes = statisticAxes(x.shape().rank());
        int m = x.shape().size() / x.shape().dim(1);
        if (m < 2) {
            throw new IllegalArgumentException("batchNorm: expected more than 1 value per channel when training, got input"
                    + " shape " + x.shape());
        }
        Variable mu = x.mean(axes, true);
        Variable centered = x.sub(mu);
        Variable var = centered.square().mean(axes, true);
        Variable xhat = centered.div(var.add(eps).sqrt());
        return affine(xhat, gamma, beta, "batchNorm");
    }

    /**
     * The functional form in evaluation: normalizes x (N, C, …) with given statistics mean, var (shape C)
     * and applies γ, β (either may be null).
     */
    public static Variable batchNormInference(Variable x, Tensor mean, Tensor var, Variable gamma, Variable beta,
                                              double eps) {
        checkInput(x, "batchNormInference");
        int r = x.shape().rank();
        int c = x.shape().dim(1);
        if (mean.size() != c || var.size() != c) {
            throw new IllegalArgumentException("batchNormInference: expected running statistics of shape [" + c
                    + "], got " + mean.shape() + " and " + var.shape());
        }
        Tensor scale = var.add(eps).sqrt().reshape(channelShape(r, c));
        Variable xhat = x.sub(Variable.constant(mean.reshape(channelShape(r, c)))).div(Variable.constant(scale));
        return affine(xhat, gamma, beta, "batchNormInference");
    }

    /** Checks the rank of the input for this layer. */
    abstract void checkRank(Variable x);

    @Override
    public Variable forward(Variable x) {
        checkRank(x);
        if (x.shape().dim(1) != features) {
            throw new IllegalArgumentException(describe() + ": expected input with " + features
                    + " features on axis 1, got shape " + x.shape());
        }
        Variable gamma = weight == null ? null : weight.variable();
        Variable beta = bias == null ? null : bias.variable();
        if (!isTraining()) {
            return batchNormInference(x, runningMean.value(), runningVar.value(), gamma, beta, eps);
        }
        Variable y = batchNorm(x, gamma, beta, eps);
        int[] axes = statisticAxes(x.shape().rank());
        Tensor batchMean = x.value().mean(axes, false);
        Tensor batchVar = x.value().var(axes, true, false);
        runningMean.set(runningMean.value().mul(1 - momentum).add(batchMean.mul(momentum)));
        runningVar.set(runningVar.value().mul(1 - momentum).add(batchVar.mul(momentum)));
        batchesTracked.set(Tensor.scalar(batchesTracked.value().item() + 1));
        return y;
    }

    /** The running mean (shape C), updated in each training forward pass (buffer {@code running_mean}). */
    public Tensor runningMean() {
        return runningMean.value();
    }

    /** The running (unbiased) variance (shape C), updated in each training forward pass (buffer {@code running_var}). */
    public Tensor runningVar() {
        return runningVar.value();
    }

    /** Replaces the running statistics (e.g. when loading a saved model). */
    public void setRunningStatistics(Tensor mean, Tensor var) {
        if (mean.size() != features || var.size() != features || mean.rank() != 1 || var.rank() != 1) {
            throw new IllegalArgumentException(describe() + ": expected running statistics of shape [" + features
                    + "], got " + mean.shape() + " and " + var.shape());
        }
        runningMean.set(mean);
        runningVar.set(var);
    }

    /** Number of training batches seen (buffer {@code num_batches_tracked}, int64 in PyTorch). */
    public long batchesTracked() {
        return (long) batchesTracked.value().item();
    }

    /** The scale γ (named {@code weight}), or null without affine. */
    public Parameter weight() {
        return weight;
    }

    /** The shift β (named {@code bias}), or null without affine. */
    public Parameter bias() {
        return bias;
    }

    /** Number of features C. */
    public int features() {
        return features;
    }

    /** ε. */
    public double eps() {
        return eps;
    }

    /** The momentum m of the running statistics. */
    public double momentum() {
        return momentum;
    }

    @Override
    protected String describe() {
        return getClass().getSimpleName() + "(" + features + ", eps=" + eps + ", momentum=" + momentum + ", affine="
                + (weight != null) + ")";
    }
}
