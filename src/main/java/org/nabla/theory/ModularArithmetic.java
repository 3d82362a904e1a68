package org.nabla.theory;

import java.util.Arrays;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Modular arithmetic tasks, the data of the grokking experiments (Power et al., "Grokking:
 * generalization beyond overfitting on small algorithmic datasets", arXiv 2201.02177, 2022; Mallinar
 * et al., arXiv 2407.20199, 2024, §2): all p² pairs (a, b) ∈ {0, …, p−1}², pair index k = a·p + b,
 * <pre>
 *   input  x = [onehot_p(a), onehot_p(b)] ∈ ℝ²ᵖ  (coordinates 0 … p−1 encode a, p … 2p−1 encode b)
 *   label  ℓ = a ∘ b mod p,  ∘ ∈ {+, −, ·};   target onehot_p(ℓ) ∈ ℝᵖ
 * </pre>
 * A split takes a fixed fraction of the pairs for training and the rest for testing.
 */
public final class ModularArithmetic {
    /** The operation a ∘ b mod p. */
    public enum Operation {
        /** (a + b) mod p. */
        ADD,
        /** (a − b) mod p. */
        SUBTRACT,
        /** (a · b) mod p. */
        MULTIPLY;

        /** a ∘ b mod p, in 0 … p − 1. */
        public int apply(int a, int b, int p) {
            return switch (this) {
                case ADD -> Math.floorMod(a + b, p);
                case SUBTRACT -> Math.floorMod(a - b, p);
                case MULTIPLY -> (int) Math.floorMod((long) a * b, (long) p);
            };
        }
    }

    private final int p;
    private final Operation op;

    private ModularArithmetic(int p, Operation op) {
        this.p = p;
        this.op = op;
    }

    /** The task a ∘ b mod p, p ≥ 2. */
    public static ModularArithmetic of(Operation op, int p) {
        if (p < 2 || op == null) {
            throw new IllegalArgumentException("ModularArithmetic: need an operation and a modulus p ≥ 2, got " + op
                    + " and p = " + p);
        }
        return new ModularArithmetic(p, op);
    }

    /** The modulus p. */
    public int modulus() {
        return p;
    }

    /** The operation. */
    public Operation operation() {
        return op;
    }

    /** The label of pair index k = a·p + b. */
    public int label(int pair) {
        checkPair(pair);
        return op.apply(pair / p, pair % p, p);
    }

    /** The inputs of the given pairs, (m, 2p) one-hot rows. */
    public Tensor inputs(int... pairs) {
        double[] x = new double[pairs.length * 2 * p];
        for (int r = 0; r < pairs.length; r++) {
            checkPair(pairs[r]);
            x[r * 2 * p + pairs[r] / p] = 1;
            x[r * 2 * p + p + pairs[r] % p] = 1;
        }
        return Tensor.of(new int[] {pairs.length, 2 * p}, x);
    }

    /** The one-hot targets of the given pairs, (m, p). */
    public Tensor targets(int... pairs) {
        double[] y = new double[pairs.length * p];
        for (int r = 0; r < pairs.length; r++) {
            y[r * p + label(pairs[r])] = 1;
        }
        return Tensor.of(new int[] {pairs.length, p}, y);
    }

    /** The pairs not in {@code train}, in increasing order. */
    public int[] complement(int... train) {
        boolean[] in = new boolean[p * p];
        int distinct = 0;
        for (int k : train) {
            checkPair(k);
            distinct += in[k] ? 0 : 1;
            in[k] = true;
        }
        int[] rest = new int[p * p - distinct];
        int r = 0;
        for (int k = 0; k < p * p; k++) {
            if (!in[k]) {
                rest[r++] = k;
            }
        }
        return rest;
    }

    /** ⌊fraction · p²⌋ distinct pairs drawn by a seeded shuffle, sorted. */
    public int[] randomTrainPairs(double fraction, Rng rng) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("ModularArithmetic.randomTrainPairs: the fraction must lie in (0, 1), got "
                    + fraction);
        }
        int n = p * p;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) { // Fisher–Yates
            int j = (int) Math.floor(rng.nextDouble() * (i + 1));
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] train = Arrays.copyOf(perm, (int) Math.floor(fraction * n));
        Arrays.sort(train);
        return train;
    }

    /** The training and test splits for the given training pairs. */
    public FeatureMachine.Split[] split(int... train) {
        int[] test = complement(train);
        return new FeatureMachine.Split[] {new FeatureMachine.Split(inputs(train), targets(train)),
            new FeatureMachine.Split(inputs(test), targets(test))};
    }

    private void checkPair(int k) {
        if (k < 0 || k >= p * p) {
            throw new IllegalArgumentException("ModularArithmetic: pair index " + k + " is outside 0 … " + (p * p - 1)
                    + " for p = " + p);
        }
    }
}
