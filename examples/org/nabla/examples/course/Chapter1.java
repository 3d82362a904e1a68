package org.nabla.examples.course;

import java.io.PrintStream;
import java.util.Locale;
import org.nabla.compress.LowRankLinear;
import org.nabla.compress.MarchenkoPastur;
import org.nabla.compress.RandomMatrixPruning;
import org.nabla.data.Digits;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.SVD;
import org.nabla.tensor.linalg.TuckerDecomposition;

/**
 * Course chapter 1, vectors, matrices and tensors: broadcasting, the matrix product, the SVD
 * with the Eckart–Young theorem on a digit image, and compression (Tucker, the Marchenko–Pastur edge). Every method body is quoted verbatim in
 * {@code docs/course/01-tensors.md}; {@code main} prints exactly the numbers the chapter quotes.
 */
public final class Chapter1 {
    private Chapter1() {
    }

    /** §1.1 Broadcasting. */
    public static void broadcasting(PrintStream out) {
        Tensor a = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});   // shape (2, 3)
        Tensor row = Tensor.of(10, 20, 30);                              // shape (3)
        Tensor column = Tensor.of(new double[][] {{100}, {200}});        // shape (2, 1)
        out.println("a + row    = " + a.add(row));
        out.println("a + column = " + a.add(column));
        out.println("row + column has shape " + row.add(column).shape());
    }

    /** §1.2 The matrix product. */
    public static void matrixProduct(PrintStream out) {
        Tensor a = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});   // (2, 3)
        Tensor b = Tensor.of(new double[][] {{1, 0}, {0, 1}, {1, 1}});  // (3, 2)
        Tensor ab = a.matmul(b);                                         // (2, 2)
        out.println("a @ b = " + ab);
        double c01 = 0;
        for (int k = 0; k < 3; k++) {
            c01 += a.get(0, k) * b.get(k, 1);                            // (ab)₀₁ = Σₖ a₀ₖ bₖ₁
        }
        out.println("(a @ b)[0, 1] by the sum: " + c01);
        try {
            a.matmul(a);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
        }
    }

    /** §1.3 Low-rank approximation of a digit; returns the relative errors for k = 1…8. */
    public static double[] lowRank(PrintStream out) {
        TensorDataset digits = Digits.load();
        Tensor image = Digits.image(digits, 0);                          // an 8 × 8 matrix
        out.println("label of digit 0: " + (int) digits.target(0).item());
        SVD svd = SVD.of(image);
        Tensor u = svd.u();
        Tensor s = svd.s();
        Tensor v = svd.v();
        out.println("singular values: " + s);
        double norm = image.norm();                                      // Frobenius norm ‖A‖_F
        double[] relativeErrors = new double[8];
        for (int k = 1; k <= 8; k++) {
            // A_k = Σ_{i<k} σᵢ uᵢ vᵢᵀ = U[:, :k] diag(σ[:k]) V[:, :k]ᵀ
            Tensor uk = u.slice(1, 0, k).mul(s.slice(0, 0, k));          // scale column i by σᵢ
            Tensor ak = uk.matmul(v.slice(1, 0, k).t());
            double error = image.sub(ak).norm() / norm;
            double tail = s.slice(0, k, 8).square().sum().item();        // Σ_{i≥k} σᵢ²
            double eckartYoung = Math.sqrt(tail) / norm;
            relativeErrors[k - 1] = error;
            out.printf(Locale.ROOT, "k = %d   ‖A − A_k‖_F/‖A‖_F = %.6f   Eckart–Young: %.6f%n", k, error, eckartYoung);
        }
        return relativeErrors;
    }

    /** §1.4 Compression: Tucker of a stack of digits, and the Marchenko–Pastur edge of noise plus a signal. */
    public static int compression(PrintStream out) {
        Tensor stack = Digits.load().features().slice(0, 0, 200).reshape(200, 8, 8);  // digit × row × column
        for (int r : new int[] {2, 4, 6}) {
            TuckerDecomposition t = TuckerDecomposition.hooi(stack, new int[] {r * r, r, r}, 20, 1e-10);
            int stored = t.core().size() + t.factors().stream().mapToInt(Tensor::size).sum();
            out.printf(Locale.ROOT, "Tucker (%d, %d, %d): %d numbers instead of %d, explained variance %.4f%n",
                    r * r, r, r, stored, stack.size(), t.explainedVariance());
        }
        Rng rng = new Rng(1);
        Tensor noise = Tensor.randn(rng, 400, 200).mul(0.5);                 // entries N(0, 0.25)
        Tensor signal = Tensor.randn(rng, 400, 2).matmul(Tensor.randn(rng, 2, 200)).mul(0.1);  // rank 2
        RandomMatrixPruning fit = RandomMatrixPruning.of(noise.add(signal));
        double[] ev = fit.eigenvalues().toArray();                           // of WᵀW/N, ascending
        out.printf(Locale.ROOT, "fitted sigma^2 = %.4f, edge %.4f, top eigenvalues %.4f %.4f %.4f, kept %d%n",
                fit.law().variance(), fit.edge(), ev[ev.length - 1], ev[ev.length - 2], ev[ev.length - 3],
                fit.kept());
        return fit.kept();
    }

    /** Exercise 1.1: the shape of (4, 1, 3) + (2, 1). */
    public static String exercise1() {
        return Tensor.zeros(4, 1, 3).add(Tensor.zeros(2, 1)).shape().toString();
    }

    /** Exercise 1.2: the smallest rank k whose approximation of digit 0 is within 10% (relative Frobenius error). */
    public static int exercise2() {
        Tensor s = SVD.of(Digits.image(Digits.load(), 0)).s();
        double total = s.square().sum().item();
        int k = 0;
        while (Math.sqrt(s.slice(0, k, 8).square().sum().item() / total) >= 0.10) {
            k++;
        }
        return k;
    }

    /** Exercise 1.3: the numerical rank of digit 0 (singular values above the default tolerance). */
    public static int exercise3() {
        return SVD.of(Digits.image(Digits.load(), 0)).rank();
    }

    /** Exercise 1.4: the parameters of a 784 → 256 Linear layer factorized at rank 23. */
    public static int exercise4() {
        return LowRankLinear.of(new Linear(784, 256, new Rng(0)), 23).parameterCount();
    }

    /** Exercise 1.5: the Marchenko–Pastur upper edge for γ = 1/2 and σ² = 1. */
    public static double exercise5() {
        return new MarchenkoPastur(0.5, 1.0).upperEdge();
    }

    /** Exercise 1.6: the smallest r for which Tucker (r², r, r) of the 200-digit stack explains 90 % of it. */
    public static int exercise6() {
        Tensor stack = Digits.load().features().slice(0, 0, 200).reshape(200, 8, 8);
        int r = 1;
        while (TuckerDecomposition.hosvd(stack, r * r, r, r).explainedVariance() < 0.90) {
            r++;
        }
        return r;
    }

    /** Runs the chapter, printing what it quotes. */
    public static void run(PrintStream out) {
        broadcasting(out);
        matrixProduct(out);
        lowRank(out);
        compression(out);
        out.println("exercise 1.1: " + exercise1());
        out.println("exercise 1.2: " + exercise2());
        out.println("exercise 1.3: " + exercise3());
        out.println("exercise 1.4: " + exercise4());
        out.printf(Locale.ROOT, "exercise 1.5: %.4f%n", exercise5());
        out.println("exercise 1.6: " + exercise6());
    }

    public static void main(String[] args) {
        run(System.out);
    }
}
