package org.nabla.bench;

import java.util.Arrays;
import java.util.Locale;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.layer.LSTM;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * One forward and backward pass of a single-layer LSTM ({@link LSTM}: gates i, f, g, o as in
 * PyTorch) over a sequence of {@value #STEPS} steps: input x of shape (N, T, D) = ({@value #BATCH},
 * {@value #STEPS}, {@value #INPUT}) of N(0, 1) draws, hidden size {@value #HIDDEN}, zero initial
 * state, loss = the sum of all hidden states h₁ … h_T (so that every step receives a gradient), and
 * backpropagation through time to the gradients of the four parameters (W_ih 512 × 32, W_hh 512 × 128,
 * b_ih, b_hh). No optimizer step. The peer is {@code src/bench/python/lstm.py}: {@code torch.nn.LSTM}
 * with the same shapes, float64, one thread.
 *
 * <p>The sizes are those of a small sequence model (a character-level or sensor model): per step, two
 * products (32 × 32)(32 × 512) and (32 × 128)(128 × 512) and a dozen elementwise operations on
 * 32 × 128 tensors, i.e. about 5.2 MFLOP forward per step and some twenty graph nodes.
 *
 * <p>Prints {@code nabla_lstm_ms=…}: the median of {@code runs} timed passes (default 15) after
 * {@code warmup} untimed ones (default 30, so that the JIT has compiled the hot loops). Arguments:
 * {@code [warmup] [runs]}.
 */
public final class LstmTiming {
    /** Batch size N. */
    public static final int BATCH = 32;
    /** Sequence length T. */
    public static final int STEPS = 100;
    /** Input size D. */
    public static final int INPUT = 32;
    /** Hidden size H. */
    public static final int HIDDEN = 128;

    private LstmTiming() {
    }

    /** Forward over the sequence, backward to the parameters; returns a sum over the gradients (a checksum). */
    static double forwardBackward(LSTM lstm, Tensor x) {
        Gradients g = lstm.forward(Variable.constant(x)).sum().backward();
        double s = 0;
        for (Parameter p : lstm.parameters()) {
            s += g.of(p).dataView()[0];
        }
        return s;
    }

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Rng rng = new Rng(1);
        LSTM lstm = new LSTM(INPUT, HIDDEN, rng);
        Tensor x = Tensor.randn(rng, BATCH, STEPS, INPUT);
        double sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += forwardBackward(lstm, x);
        }
        double[] ms = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            sink += forwardBackward(lstm, x);
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "nabla_lstm_ms=%.3f (min %.3f, max %.3f; LSTM N=%d T=%d D=%d H=%d, forward + backward,"
                + " median of %d after %d warm-up; checksum %.6g)%n", ms[runs / 2], ms[0], ms[runs - 1], BATCH, STEPS, INPUT,
                HIDDEN, runs, warmup, sink);
    }
}
