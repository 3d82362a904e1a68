package org.nabla.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nabla.autodiff.NoGrad;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.layer.Embedding;
import org.nabla.layer.Linear;
import org.nabla.layer.PositionalEncoding;
import org.nabla.layer.TransformerEncoder;
import org.nabla.layer.TransformerEncoderLayer;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.Adam;
import org.nabla.optim.WarmupCosineLR;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * A tiny Transformer encoder learns a sequence-to-sequence map on digit strings: to reverse
 * ({@link Task#REVERSE}) or to sort ({@link Task#SORT}) a sequence of L digits, predicting every output
 * position at once:
 * <pre>
 *   h⁰ = E[x] + PE,   h = TransformerEncoder(h⁰)   (pre-norm layers, final LayerNorm),
 *   logits_i = W h_i + b ∈ ℝ¹⁰,   ℓ = −(1/L) Σ_i log softmax(logits_i)_{y_i},
 * </pre>
 * with y = reverse(x) or sort(x). Reversal is pure routing by position (each output position attends to
 * one input position, which the sinusoidal encodings make easy to find). Sorting needs counting: the
 * i-th smallest digit (from 0) is the least v with #{j : x_j ≤ v} &gt; i, and an attention head that
 * spreads its weight evenly over the sequence can compute the histogram of digits this needs. A sequence
 * counts as correct only when all L outputs are. Fresh random sequences are drawn for every batch, so
 * the model cannot memorize: test accuracy is measured on other, seeded sequences.
 *
 * The embeddings E ~ N(0, 1) are already on the scale of the encodings PE ∈ [−1, 1], so they are not
 * multiplied by √d as in the paper (§3.4), where they start small.
 *
 * <p>The recipe: d = 32, 4 heads, d_ff = 64, 2 layers (17,802 parameters); Adam with peak learning
 * rate η₀ = 3·10⁻³, batches of 64, and the learning rate {@link WarmupCosineLR warmed up} linearly over the
 * first tenth of the steps, then annealed to 0 along a half cosine. The schedule matters more than
 * the size: at a constant 3·10⁻³, sorting reaches 99% within a few hundred steps but then keeps
 * jumping in and out of it (one of three other seeds fell to 0.67 of sequences at step 1,500 and ended
 * at 0.98 after 3,000), whereas with the schedule four other seeds all ended at 0.9995–1.000 after
 * 1,500 steps (2,000 held-out sequences each).
 *
 * <p>Measured (sequences / digits exactly right, of 1,000 held-out sequences; training time on a shared
 * 2-core machine with other builds running, so slower than on an idle one):
 * <ul>
 *   <li>{@code --quick}: reversal, L = 6, 150 steps: 0.975 / 0.995, 3.3 s.</li>
 *   <li>no arguments: reversal, L = 8, 600 steps: 1.000 / 1.000, 12 s.</li>
 *   <li>{@code --full sort}: sorting, L = 8, 1,500 steps: 0.999 / 0.9999, 32 s.</li>
 * </ul>
 *
 * <p>Source: A. Vaswani et al., "Attention Is All You Need", NeurIPS 2017; sequence reversal and sorting are classic sequence-to-sequence probes
 * (Sutskever, Vinyals and Le 2014; Vinyals, Fortunato and Jaitly, "Pointer Networks", 2015). Warm-up
 * followed by a decaying learning rate is the Transformer's own recipe (§5.3); the cosine is from
 * Loshchilov and Hutter, "SGDR", ICLR 2017.
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.TinyTransformerSort -Dargs="--quick"}
 * (reversal, L = 6, 150 steps), or without {@code --quick} (reversal, L = 8, 600 steps). Add {@code sort}
 * after a first argument, e.g. {@code -Dargs="--full sort"}, to sort instead (L = 8, 1,500 steps).
 */
public final class TinyTransformerSort {
    /** The map to learn. */
    public enum Task {
        /** y_i = x_{L−1−i}. */
        REVERSE,
        /** y = x sorted ascending. */
        SORT
    }

    /** What a run measured on held-out sequences. */
    public record Result(double sequenceAccuracy, double tokenAccuracy, int steps) {
    }

    static final int DIGITS = 10;

    static int[] target(Task task, int[] x) {
        int[] y = x.clone();
        if (task == Task.SORT) {
            java.util.Arrays.sort(y);
        } else {
            for (int i = 0; i < y.length; i++) {
                y[i] = x[x.length - 1 - i];
            }
        }
        return y;
    }

    /**
     * Trains on fresh random batches and evaluates on 1,000 held-out sequences.
     *
     * @param task   reverse or sort
     * @param length sequence length L
     * @param steps  number of Adam steps, each on a batch of 64 fresh sequences; the first tenth warm up
     */
    public static Result run(Task task, int length, int steps) {
        int d = 32;
        int batch = 64;
        Rng rng = new Rng(31);
        Embedding embedding = new Embedding(DIGITS, d, rng);
        PositionalEncoding positions = new PositionalEncoding(d, length);
        TransformerEncoderLayer.Builder layer = TransformerEncoderLayer.builder(d, 4).feedForward(64).dropout(0)
                .batchFirst(true).normFirst(true).rng(rng);
        TransformerEncoder encoder = new TransformerEncoder(List.of(layer.build(), layer.build()), new org.nabla.layer.LayerNorm(d));
        Linear head = new Linear(d, DIGITS, rng);
        List<Parameter> params = new ArrayList<>(embedding.parameters());
        params.addAll(encoder.parameters());
        params.addAll(head.parameters());
        System.out.println(encoder);
        System.out.printf(Locale.ROOT, "task %s, L = %d, %d parameters in all%n", task, length,
                params.stream().mapToInt(Parameter::size).sum());
        Adam adam = Adam.builder(params).learningRate(3e-3).build();
        WarmupCosineLR schedule = new WarmupCosineLR(adam, Math.max(1, steps / 10), steps, 0.0);
        CrossEntropy ce = new CrossEntropy();
        Rng data = new Rng(1);
        long start = System.nanoTime();
        for (int step = 1; step <= steps; step++) {
            double[] in = new double[batch * length];
            int[] labels = new int[batch * length];
            fill(task, length, data, in, labels);
            Variable logits = forward(embedding, positions, encoder, head, Tensor.of(new int[] {batch, length}, in), d)
                    .reshape(batch * length, DIGITS);
            Variable loss = ce.forward(logits, labels);
            adam.step(loss.backward());
            if (step == 1 || step % 100 == 0 || step == steps) {
                System.out.printf(Locale.ROOT, "step %5d  loss %.4f  learning rate %.2e  (%.1f s)%n", step, loss.item(),
                        schedule.learningRates().get(0), (System.nanoTime() - start) / 1e9);
            }
            schedule.step();
        }
        int tests = 1000;
        double[] in = new double[tests * length];
        int[] labels = new int[tests * length];
        fill(task, length, new Rng(999), in, labels);
        int seqOk = 0;
        int tokOk = 0;
        int[] predicted;
        encoder.eval();
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor logits = forward(embedding, positions, encoder, head, Tensor.of(new int[] {tests, length}, in), d).value();
            double[] a = logits.argmax(2).toArray();
            predicted = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                predicted[i] = (int) a[i];
            }
        }
        for (int s = 0; s < tests; s++) {
            boolean all = true;
            for (int i = 0; i < length; i++) {
                boolean ok = predicted[s * length + i] == labels[s * length + i];
                tokOk += ok ? 1 : 0;
                all &= ok;
            }
            seqOk += all ? 1 : 0;
        }
        StringBuilder example = new StringBuilder();
        for (int s = 0; s < 3; s++) {
            example.append(String.format(Locale.ROOT, "  %s → %s (target %s)%n", digits(in, s, length), digits(predicted, s, length),
                    digits(labels, s, length)));
        }
        System.out.print(example);
        Result r = new Result((double) seqOk / tests, (double) tokOk / (tests * length), steps);
        System.out.printf(Locale.ROOT, "held-out sequence accuracy %.4f, token accuracy %.4f after %d steps (%.1f s)%n",
                r.sequenceAccuracy(), r.tokenAccuracy(), steps, (System.nanoTime() - start) / 1e9);
        return r;
    }

    private static Variable forward(Embedding embedding, PositionalEncoding positions, TransformerEncoder encoder, Linear head,
                                    Tensor tokens, int d) {
        Variable h = positions.forward(embedding.lookup(tokens));
        return head.forward(encoder.forward(h));
    }

    private static void fill(Task task, int length, Rng rng, double[] in, int[] labels) {
        int n = in.length / length;
        for (int s = 0; s < n; s++) {
            int[] x = new int[length];
            for (int i = 0; i < length; i++) {
                x[i] = rng.nextInt(DIGITS);
                in[s * length + i] = x[i];
            }
            System.arraycopy(target(task, x), 0, labels, s * length, length);
        }
    }

    private static String digits(double[] a, int s, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((int) a[s * length + i]);
        }
        return sb.toString();
    }

    private static String digits(int[] a, int s, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(a[s * length + i]);
        }
        return sb.toString();
    }

    public static void main(String[] args) {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        Task task = args.length > 1 && args[1].equalsIgnoreCase("sort") ? Task.SORT : Task.REVERSE;
        if (quick) {
            run(task, 6, 150);
        } else {
            run(task, 8, task == Task.SORT ? 1500 : 600);
        }
    }
}
