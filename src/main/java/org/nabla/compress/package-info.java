/**
 * Compression of trained modules by linear algebra: low-rank factorization of a Linear layer
 * (Eckart–Young), and random-matrix pruning of its singular values against the Marchenko–Pastur law
 * (Berlyand, Sandier, Shmalo &amp; Zhang, J. Mach. Learn. 3(4), 2024). The tensor decompositions it
 * builds on (HOSVD, Tucker by HOOI, CP by ALS) are in {@code org.nabla.tensor.linalg}.
 *
 * <p>Sits on top beside {@code theory}: may import every package below {@code train}, {@code train},
 * and {@code viz} for pictures. Decisions of docs/design.md: 1, 6, 7.
 */
package org.nabla.compress;
