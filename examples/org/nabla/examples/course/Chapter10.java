package org.nabla.examples.course;

import java.io.PrintStream;
import org.nabla.activation.Softmax;
import org.nabla.autodiff.Variable;
import org.nabla.layer.MultiHeadAttention;
import org.nabla.layer.ScaledDotProductAttention;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Course chapter 10, attention: softmax(QKᵀ/√d)V by hand and by the library, the causal mask, and
 * permutation equivariance of self-attention. Every method body is quoted verbatim in
 * {@code docs/course/10-attention.md}.
 */
public final class Chapter10 {
    private Chapter10() {
    }

    /** §10.1 Attention(Q, K, V) = softmax(QKᵀ/√d) V, by its formula and by the library. */
    public static void byFormula(PrintStream out) {
        Rng rng = new Rng(10);
        Tensor q = Tensor.randn(rng, 4, 8);                              // L = 4 queries, d = 8
        Tensor k = Tensor.randn(rng, 6, 8);                              // S = 6 keys
        Tensor v = Tensor.randn(rng, 6, 2);                              // S = 6 values in ℝ²
        Tensor scores = q.matmul(k.t()).div(Math.sqrt(8));               // (4, 6)
        Tensor weights = Softmax.softmax(Variable.constant(scores), 1).value();
        Tensor byHand = weights.matmul(v);                               // (4, 2)
        Variable attention = ScaledDotProductAttention.attention(Variable.constant(q), Variable.constant(k),
                Variable.constant(v), false, null);
        out.println("rows of the attention weights sum to " + weights.sum(1));
        out.println("formula equals the library: " + byHand.allClose(attention.value()));
    }

    /** §10.2 The causal mask: position i attends only to positions j ≤ i. */
    public static void causal(PrintStream out) {
        Tensor x = Tensor.randn(new Rng(11), 5, 4);
        Tensor y = ScaledDotProductAttention.attention(Variable.constant(x), Variable.constant(x),
                Variable.constant(x), true, null).value();
        out.println("output 0 is value 0: " + y.select(0, 0).allClose(x.select(0, 0)));
        // changing the last position cannot change the earlier outputs
        Tensor changed = Tensor.concat(0, x.slice(0, 0, 4), Tensor.ones(1, 4));
        Tensor y2 = ScaledDotProductAttention.attention(Variable.constant(changed), Variable.constant(changed),
                Variable.constant(changed), true, null).value();
        out.println("outputs 0..3 unchanged: " + y2.slice(0, 0, 4).allClose(y.slice(0, 0, 4)));
    }

    /** §10.3 Self-attention without positions is permutation equivariant: f(Px) = P f(x). */
    public static void permutationEquivariance(PrintStream out) {
        MultiHeadAttention mha = new MultiHeadAttention(8, 2, true, new Rng(12));   // batch first
        Tensor x = Tensor.randn(new Rng(13), 1, 5, 8);                   // (N, L, E), batch first
        int[] permutation = {3, 0, 4, 1, 2};
        Tensor permuted = x.indexSelect(1, permutation);
        Tensor y = mha.forward(x);
        out.println("MHA(Px) = P MHA(x): " + mha.forward(permuted).allClose(y.indexSelect(1, permutation), 1e-10, 1e-12));
    }

    /** Exercise 10.1: when all keys are equal, every query attends uniformly: the output is the mean of the values. */
    public static boolean exercise1() {
        Tensor q = Tensor.randn(new Rng(1), 3, 4);
        Tensor k = Tensor.ones(5, 4);
        Tensor v = Tensor.randn(new Rng(2), 5, 3);
        Tensor y = ScaledDotProductAttention.attention(Variable.constant(q), Variable.constant(k), Variable.constant(v),
                false, null).value();
        return y.allClose(v.mean(0, true).broadcastTo(3, 3));
    }

    /** Exercise 10.2: the number of parameters of MultiHeadAttention(8, 2): 4 projections of 8 × 8 plus biases. */
    public static long exercise2() {
        return new MultiHeadAttention(8, 2, new Rng(0)).parameterCount();
    }

    /** Runs the chapter, printing what it quotes. */
    public static void run(PrintStream out) {
        byFormula(out);
        causal(out);
        permutationEquivariance(out);
        out.println("exercise 10.1: " + exercise1());
        out.println("exercise 10.2: " + exercise2());
    }

    public static void main(String[] args) {
        run(System.out);
    }
}
