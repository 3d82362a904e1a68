package org.nabla.autodiff;

import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.Linalg;

/**
 * Differentiable linear algebra on square (or, for singular values, rectangular) matrices: the
 * decompositions of {@link Linalg} as primitives with their reverse-mode rules, from Giles, "An
 * extended collection of matrix derivative results for forward and reverse mode algorithmic
 * differentiation" (2008), and Murray, "Differentiation of the Cholesky decomposition" (2016).
 *
 * <table>
 *   <caption>Forward maps and vector-Jacobian products</caption>
 *   <tr><th>y</th><th>Ā (from ȳ)</th></tr>
 *   <tr><td>det A</td><td>ȳ · det(A) · A⁻ᵀ</td></tr>
 *   <tr><td>A⁻¹ = Y</td><td>−Yᵀ Ȳ Yᵀ</td></tr>
 *   <tr><td>X = A⁻¹B</td><td>B̄ = A⁻ᵀ X̄,  Ā = −B̄ Xᵀ</td></tr>
 *   <tr><td>L = chol(A)</td><td>Ā = L⁻ᵀ Φ(Lᵀ L̄) L⁻¹, Φ(P) = ½(tril P + (tril₋₁ P)ᵀ)</td></tr>
 *   <tr><td>σ = svdvals(A)</td><td>U diag(σ̄) Vᵀ (distinct singular values)</td></tr>
 *   <tr><td>λ = eigvalsh(A)</td><td>V diag(λ̄) Vᵀ (distinct eigenvalues)</td></tr>
 *   <tr><td>‖A‖_F</td><td>ȳ A / ‖A‖_F (composite: √Σ a²)</td></tr>
 * </table>
 * The rules for det, inverse, solve and Cholesky are written with variable operations and so can
 * be differentiated again; those of svdvals and eigvalsh treat the singular/eigen vectors as
 * constants (first derivatives only). The Cholesky rule assumes, like PyTorch, a symmetric
 * perturbation of A.
 */
public final class MatrixCalculus {
    private MatrixCalculus() {
    }

    private static void square(Variable a, String op) {
        Shape s = a.shape();
        if (s.rank() != 2 || s.dim(0) != s.dim(1)) {
            throw new IllegalArgumentException(op + ": expected a square matrix, got shape " + s);
        }
    }

    /** det A of a square matrix. */
    public static Variable det(Variable a) {
        square(a, "det");
        return new Operation("det") {
            @Override
            protected Tensor forward(Tensor[] x) {
                return Linalg.det(x[0]);
            }

            @Override
            protected Variable jvp(Variable[] t) {
                // ẏ = det(A) tr(A⁻¹ Ȧ) = y Σ (A⁻ᵀ ⊙ Ȧ)
                return inverse(input(0)).transpose().mul(t[0]).sum().mul(output());
            }

            @Override
            protected Variable[] backward(Variable g) {
                return new Variable[] {inverse(input(0)).transpose().mul(output().mul(g))};
            }
        }.apply(a);
    }

    /** A⁻¹ of a square, non-singular matrix. */
    public static Variable inverse(Variable a) {
        square(a, "inverse");
        return new Operation("inverse") {
            @Override
            protected Tensor forward(Tensor[] x) {
                return Linalg.inverse(x[0]);
            }

            @Override
            protected Variable jvp(Variable[] t) {
                // Ẏ = −Y Ȧ Y
                return output().matmul(t[0]).matmul(output()).neg();
            }

            @Override
            protected Variable[] backward(Variable g) {
                Variable yt = output().transpose();
                return new Variable[] {yt.matmul(g).matmul(yt).neg()};
            }
        }.apply(a);
    }

    /** X = A⁻¹B for a square non-singular A and B of shape (n) or (n, k). */
    public static Variable solve(Variable a, Variable b) {
        square(a, "solve");
        if (b.shape().rank() < 1 || b.shape().rank() > 2 || b.shape().dim(0) != a.shape().dim(0)) {
            throw new IllegalArgumentException("solve: A has shape " + a.shape() + " but B has shape " + b.shape()
                    + " (expected (" + a.shape().dim(0) + ") or (" + a.shape().dim(0) + ", k))");
        }
        return new Operation("solve") {
            @Override
            protected Tensor forward(Tensor[] x) {
                return Linalg.solve(x[0], x[1]);
            }

            @Override
            protected Variable jvp(Variable[] t) {
                // Ẋ = A⁻¹(Ḃ − Ȧ X)
                Variable rhs = sumOfTangents(t[1], t[0] == null ? null : t[0].matmul(output()).neg());
                return solve(input(0), rhs);
            }

            @Override
            protected Variable[] backward(Variable g) {
                Variable gb = solve(input(0).transpose(), g);
                Variable x = output();
                Variable ga = null;
                if (needsGrad(0)) {
                    ga = x.shape().rank() == 1
                            ? gb.reshape(-1, 1).matmul(x.reshape(1, -1)).neg()
                            : gb.matmul(x.transpose()).neg();
                }
                return new Variable[] {ga, needsGrad(1) ? gb : null};
            }
        }.apply(a, b);
    }

    /** The lower-triangular Cholesky factor L of a symmetric positive definite A = L Lᵀ. */
    public static Variable cholesky(Variable a) {
        square(a, "cholesky");
        return new Operation("cholesky") {
            @Override
            protected Tensor forward(Tensor[] x) {
                return Linalg.cholesky(x[0]);
            }

            @Override
            protected Variable jvp(Variable[] t) {
                // L̇ = L Φ(L⁻¹ Ȧ L⁻ᵀ), Φ(P) = tril₋₁ P + ½ diag P (Murray 2016, eq. 9; for a symmetric Ȧ)
                int n = output().shape().dim(0);
                Variable l = output();
                Variable linv = inverse(l);
                Variable p = linv.matmul(t[0]).matmul(linv.transpose());
                Variable phi = p.mul(Variable.constant(lowerMask(n, 0).add(lowerMask(n, -1)).mul(0.5)));
                return l.matmul(phi);
            }

            @Override
            protected Variable[] backward(Variable g) {
                int n = output().shape().dim(0);
                Variable l = output();
                Variable p = l.transpose().matmul(g).mul(Variable.constant(lowerMask(n, 0)));
                Variable phi = p.add(p.mul(Variable.constant(lowerMask(n, -1))).transpose()).mul(0.5);
                Variable linv = inverse(l);
                return new Variable[] {linv.transpose().matmul(phi).matmul(linv)};
            }
        }.apply(a);
    }

    /** 1 on and below diagonal k (k = 0: the diagonal; k = −1: strictly below). */
    static Tensor lowerMask(int n, int k) {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i + k && j < n; j++) {
                m[i * n + j] = 1.0;
            }
        }
        return Tensor.of(Shape.of(n, n), m);
    }

    /** The singular values σ₁ ≥ … ≥ σ_min(m,n) of a matrix. */
    public static Variable svdvals(Variable a) {
        if (a.shape().rank() != 2) {
            throw new IllegalArgumentException("svdvals: expected a matrix, got shape " + a.shape());
        }
        return new Operation("svdvals") {
            private Linalg.SvdResult svd;

            @Override
            protected Tensor forward(Tensor[] x) {
                svd = Linalg.svd(x[0]);
                return svd.s();
            }

            @Override
            protected Variable jvp(Variable[] t) {
                // σ̇ᵢ = uᵢᵀ Ȧ vᵢ (distinct singular values)
                Variable u = Variable.constant(svd.u());
                Variable v = Variable.constant(svd.v());
                return u.mul(t[0].matmul(v)).sum(new int[] {0}, false);
            }

            @Override
            protected Variable[] backward(Variable g) {
                Variable u = Variable.constant(svd.u());
                Variable vt = Variable.constant(svd.v().transpose());
                return new Variable[] {u.mul(g.reshape(1, -1)).matmul(vt)};
            }
        }.apply(a);
    }

    /** The eigenvalues, ascending, of a symmetric matrix. */
    public static Variable eigvalsh(Variable a) {
        square(a, "eigvalsh");
        return new Operation("eigvalsh") {
            private Linalg.EighResult eig;

            @Override
            protected Tensor forward(Tensor[] x) {
                eig = Linalg.eigh(x[0]);
                return eig.eigenvalues();
            }

            @Override
            protected Variable jvp(Variable[] t) {
                // λ̇ᵢ = vᵢᵀ Ȧ vᵢ (distinct eigenvalues)
                Variable v = Variable.constant(eig.eigenvectors());
                return v.mul(t[0].matmul(v)).sum(new int[] {0}, false);
            }

            @Override
            protected Variable[] backward(Variable g) {
                Variable v = Variable.constant(eig.eigenvectors());
                return new Variable[] {v.mul(g.reshape(1, -1)).matmul(v.transpose())};
            }
        }.apply(a);
    }

    /** The Frobenius norm ‖A‖_F = √(Σᵢⱼ aᵢⱼ²), written from primitives. */
    public static Variable frobeniusNorm(Variable a) {
        return a.square().sum().sqrt();
    }
}
