/**
 * Numerical linear algebra on tensors: LU with partial pivoting, QR (Householder), Cholesky, the SVD,
 * the symmetric eigendecomposition, and what they give — solve, least squares, determinant, inverse,
 * norms and condition numbers (Golub &amp; Van Loan, Matrix Computations, 4th ed.).
 *
 * <p>May import {@code org.nabla.tensor} only. Decisions of docs/design.md: 1, 7.
 */
package org.nabla.tensor.linalg;
