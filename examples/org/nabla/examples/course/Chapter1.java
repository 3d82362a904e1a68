package org.nabla.examples.course;

import java.io.PrintStream;
import java.util.Locale;
import org.nabla.data.Digits;
import org.nabla.data.TensorDataset;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.SVD;

/**
 * Course chapter 1, vectors, matrices and tensors: broadcasting, the matrix product, and the SVD
 * with the Eckart–Young theorem on a digit image. Every method body is quoted verbatim in
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

    /** Runs the chapter, printing what it quotes. */
    public static void run(PrintStream out) {
        broadcasting(out);
        matrixProduct(out);
        lowRank(out);
        out.println("exercise 1.1: " + exercise1());
        out.println("exercise 1.2: " + exercise2());
        out.println("exercise 1.3: " + exercise3());
    }

    public static void main(String[] args) {
        run(System.out);
    }
}
