package org.nabla.tensor;

import java.util.Arrays;

/**
 * The matrix-multiplication kernel C = A B, Cᵢⱼ = Σₚ Aᵢₚ Bₚⱼ (p = 0, 1, …, k−1).
 *
 * <h2>The order of summation is the textbook one</h2>
 * Every element is summed in the order p = 0, 1, …, k−1 starting from +0.0:
 * Cᵢⱼ = (…((0 + Aᵢ₀B₀ⱼ) + Aᵢ₁B₁ⱼ) + …) + Aᵢ,ₖ₋₁Bₖ₋₁,ⱼ, each product and each sum rounded once
 * (Java never fuses them) — or, in the accumulate mode that adds A B to C, starting from Cᵢⱼ. Every path below — the plain loops for small matrices, the blocked kernel,
 * one thread or many — performs exactly these operations, so the result is bitwise the same as the
 * naive triple loop, whatever the sizes, the strides of the operands and {@link Parallelism#threads()}.
 *
 * <h2>How the blocked kernel is fast</h2>
 * For large products (Goto &amp; van de Geijn, "Anatomy of high-performance matrix multiplication",
 * ACM TOMS 34(3), 2008):
 * <ol>
 *   <li>C is cut into tiles of {@value #MC} rows × {@value #NC} columns (lower, down to
 *       {@value #MIN_PARALLEL_HEIGHT} rows, then narrower, down to {@value #MIN_PARALLEL_WIDTH} columns,
 *       when there would be fewer tiles than threads); tiles are
 *       independent and are run on the {@link Parallelism} pool. Tiles narrower than {@value #WIDE}
 *       columns are computed {@value #PAD}-column aligned, with zero columns of B, so that their rows
 *       run in the JIT's vector loop.</li>
 *   <li>Within a tile, p runs over panels of {@value #KC}: the panel of B (KC × NC) is packed into
 *       one small array per row (it then lives in the L2 cache), the matching block of A (MC × KC)
 *       into a contiguous array. Packing also absorbs any strides, so a transposed view costs no
 *       copy of its own.</li>
 *   <li>The micro-kernel is a rank-4 update of two rows of the tile: for four consecutive p,
 *       c[j] = (((c[j] + a₀b₀[j]) + a₁b₁[j]) + a₂b₂[j]) + a₃b₃[j] over each row. The loop runs over
 *       arrays indexed from 0 — the two rows of C in one array, at 0 and at {@value #NC}, with the loop
 *       bound capped at {@value #NC} so that C2 can see they never overlap — the form HotSpot's C2
 *       compiler turns into AVX vector instructions; the rows of C and the four rows of B (8 KiB) stay
 *       in the L1 cache, every row of C is loaded and stored once per four products rather than once
 *       per product, and every row of B once per two rows of C. (Two rows at a time made a 1024 × 1024
 *       product 5–10 % faster than one row at a time; in isolation the kernel ran 1.3–1.5 times as
 *       fast, the two chains of additions being independent.)</li>
 * </ol>
 * (A register-blocked micro-kernel with scalar accumulators, as in BLAS written in C, measured 3–6
 * times slower here: C2 in Java 17 does not vectorize scalar accumulators, and the x86-64 register file
 * holds only 16 of them. Math.fma did not help either, and would break the bitwise equality with the
 * textbook sum. See docs/benchmarks.md.)
 */
final class MatMul {
    /** Depth of a packed panel (the p extent). */
    static final int KC = 128;
    /** Width of a packed panel of B and of a tile of C (the j extent). */
    static final int NC = 256;
    /** Height of a tile of C (the i extent). */
    static final int MC = 64;
    /**
     * Rows of C updated together while four rows of B stay in the L1 cache. Must be even: the rows go
     * through the micro-kernel in pairs, and a lone last row is always the first of its pair array.
     */
    static final int MR = 8;
    /** Lowest tile made to share a product among threads. */
    static final int MIN_PARALLEL_HEIGHT = 16;
    /** Narrowest tile made to share a product among threads. */
    static final int MIN_PARALLEL_WIDTH = 64;
    /** Tiles narrower than this are padded to a multiple of {@link #PAD} columns. */
    static final int WIDE = 128;
    /** Column padding of narrow tiles (the length of the JIT's unrolled vector loop body, or more). */
    static final int PAD = 32;
    /** Products with fewer multiply-adds m·k·n than this use the plain loops. */
    static final long BLOCKED_MIN_WORK = 8L * 8 * 8;
    /** Products with fewer multiply-adds than this (about 2·10⁶) never use the thread pool. */
    static final long PARALLEL_MIN_WORK = 1L << 21;

    private MatMul() {
    }

    /** Per-thread packing buffers (reused: they are small and allocation would dominate small tiles). */
    private static final class Scratch {
        final double[][] bPanel = new double[KC][NC];
        /** The tile of C, two rows to an array: row r at cPairs[r / 2][(r % 2)·NC …]. */
        final double[][] cPairs = new double[(MC + 1) / 2][2 * NC];
        final double[] aBlock = new double[MC * KC];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** C[cOff …] = A[aOff …] (m×k, row-major) · B[bOff …] (k×n, row-major); C is overwritten. */
    static void multiply(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        multiply(a, aOff, k, 1, b, bOff, n, 1, c, cOff, m, k, n);
    }

    /**
     * One product C[cOff …] (m×n, row-major, overwritten) = A B with A(i, p) = a[aOff + i·ars + p·acs]
     * and B(p, j) = b[bOff + p·brs + j·bcs].
     */
    static void multiply(double[] a, int aOff, int ars, int acs, double[] b, int bOff, int brs, int bcs,
                         double[] c, int cOff, int m, int k, int n) {
        multiply(a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, m, k, n, false);
    }

    /**
     * As {@link #multiply(double[], int, int, int, double[], int, int, int, double[], int, int, int, int)},
     * but when {@code accumulate} is true C is added to rather than overwritten: every sum starts from the
     * value already in C instead of +0.0, Cᵢⱼ = (…((Cᵢⱼ + Aᵢ₀B₀ⱼ) + Aᵢ₁B₁ⱼ) + …) + Aᵢ,ₖ₋₁Bₖ₋₁,ⱼ. A run of
     * such calls, C = A₀B₀ then C += A₁B₁, …, therefore performs exactly the sums of the single product
     * [A₀ A₁ …]·[B₀; B₁; …] of the concatenated matrices, in its textbook order.
     */
    static void multiply(double[] a, int aOff, int ars, int acs, double[] b, int bOff, int brs, int bcs,
                         double[] c, int cOff, int m, int k, int n, boolean accumulate) {
        if (isSmall(m, k, n)) { // the common case of tiny products: no arrays, no lambdas
            if (m > 0 && n > 0) {
                plain(a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, m, k, n, accumulate);
            }
            return;
        }
        multiply(a, new int[] {aOff}, ars, acs, b, new int[] {bOff}, brs, bcs, c, cOff, m, k, n, accumulate);
    }

    private static boolean isSmall(int m, int k, int n) {
        return (long) m * k * n < BLOCKED_MIN_WORK || n < 8;
    }

    /**
     * A batch of products: for t = 0 … T−1 (T = aOffsets.length = bOffsets.length),
     * C[cOff + t·m·n …] (m×n, row-major, overwritten) = A_t B_t with
     * A_t(i, p) = a[aOffsets[t] + i·aRowStride + p·aColStride] and
     * B_t(p, j) = b[bOffsets[t] + p·bRowStride + j·bColStride]. Any strides are allowed (a transposed
     * or broadcast view is read in place).
     */
    static void multiply(double[] a, int[] aOffsets, int aRowStride, int aColStride,
                         double[] b, int[] bOffsets, int bRowStride, int bColStride,
                         double[] c, int cOff, int m, int k, int n) {
        multiply(a, aOffsets, aRowStride, aColStride, b, bOffsets, bRowStride, bColStride, c, cOff, m, k, n, false);
    }

    private static void multiply(double[] a, int[] aOffsets, int aRowStride, int aColStride,
                                 double[] b, int[] bOffsets, int bRowStride, int bColStride,
                                 double[] c, int cOff, int m, int k, int n, boolean accumulate) {
        int batch = aOffsets.length;
        if (m == 0 || n == 0 || batch == 0) {
            return;
        }
        long work = (long) m * k * n;
        if (isSmall(m, k, n)) {
            boolean parallel = work * batch >= PARALLEL_MIN_WORK;
            Parallelism.forEach(batch, parallel, t -> plain(a, aOffsets[t], aRowStride, aColStride,
                    b, bOffsets[t], bRowStride, bColStride, c, cOff + t * m * n, m, k, n, accumulate));
            return;
        }
        boolean parallel = work * batch >= PARALLEL_MIN_WORK;
        // With fewer tiles than threads (a product with a mini-batch of 64 rows is a single tile), smaller
        // tiles give every thread work: first fewer rows (each tile then packs the same panel of B again),
        // then fewer columns (shorter rows run the micro-kernel less efficiently). The sums, and so the
        // result, do not depend on the tiling.
        int mc = MC;
        int nc = NC;
        if (parallel) {
            int threads = Parallelism.threads();
            while (mc > MIN_PARALLEL_HEIGHT && (long) batch * ceilDiv(m, mc) * ceilDiv(n, nc) < threads) {
                mc /= 2;
            }
            while (nc > MIN_PARALLEL_WIDTH && (long) batch * ceilDiv(m, mc) * ceilDiv(n, nc) < threads) {
                nc /= 2;
            }
        }
        int tileRows = mc;
        int tileCols = nc;
        int rowTiles = ceilDiv(m, tileRows);
        int colTiles = ceilDiv(n, tileCols);
        int tilesPerProduct = rowTiles * colTiles;
        Parallelism.forEach(batch * tilesPerProduct, parallel, task -> {
            int t = task / tilesPerProduct;
            int tile = task % tilesPerProduct;
            int i0 = (tile / colTiles) * tileRows;
            int j0 = (tile % colTiles) * tileCols;
            tile(a, aOffsets[t], aRowStride, aColStride, b, bOffsets[t], bRowStride, bColStride,
                    c, cOff + t * m * n, n, k, i0, Math.min(tileRows, m - i0), j0, Math.min(tileCols, n - j0),
                    accumulate, SCRATCH.get());
        });
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /**
     * The plain loops, for small products. i-p-j order (the inner loop runs along a row of B and C)
     * when B's rows are contiguous and not tiny, else i-j-p (a dot product along p, e.g. for a
     * matrix-vector product); the same sums in the same order.
     */
    static void plain(double[] a, int aOff, int ars, int acs, double[] b, int bOff, int brs, int bcs,
                      double[] c, int cOff, int m, int k, int n, boolean accumulate) {
        if (k == 0) {
            if (!accumulate) {
                java.util.Arrays.fill(c, cOff, cOff + m * n, 0.0);
            }
            return;
        }
        if (bcs == 1 && n >= 4) {
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * n;
                int ai = aOff + i * ars;
                double a0 = a[ai];
                int b0 = bOff;
                if (accumulate) {
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += a0 * b[b0 + j];
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        c[ci + j] = 0.0 + a0 * b[b0 + j];
                    }
                }
                for (int p = 1; p < k; p++) {
                    double aip = a[ai + p * acs];
                    int bp = bOff + p * brs;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[bp + j];
                    }
                }
            }
        } else {
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * n;
                int ai = aOff + i * ars;
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * bcs;
                    double acc = accumulate ? c[ci + j] : 0.0;
                    for (int p = 0; p < k; p++) {
                        acc += a[ai + p * acs] * b[bj + p * brs];
                    }
                    c[ci + j] = acc;
                }
            }
        }
    }

    /** One tile of C: rows i0 … i0+mc−1, columns j0 … j0+nc−1, summed over all k in panels of KC. */
    private static void tile(double[] a, int aOff, int ars, int acs, double[] b, int bOff, int brs, int bcs,
                             double[] c, int cOff, int ldc, int k, int i0, int mc, int j0, int nc, boolean accumulate,
                             Scratch s) {
        double[][] cPairs = s.cPairs;
        double[][] bRows = s.bPanel;
        double[] aBlk = s.aBlock;
        if (accumulate) { // the sums continue from C's values
            for (int r = 0; r < mc; r++) {
                System.arraycopy(c, cOff + (i0 + r) * ldc + j0, cPairs[r >> 1], (r & 1) * NC, nc);
            }
        }
        // Narrow tiles are computed PAD columns wide: the extra columns of B are zeros and the extra columns
        // of C are never copied out, but every row update then runs in the JIT's unrolled vector loop (a
        // row shorter than the unrolled loop body would run element by element).
        int width = nc >= WIDE ? nc : (nc + PAD - 1) / PAD * PAD;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            packB(b, bOff + pc * brs + j0 * bcs, brs, bcs, kc, nc, bRows);
            if (width > nc) {
                for (int p = 0; p < kc; p++) {
                    java.util.Arrays.fill(bRows[p], nc, width, 0.0);
                }
            }
            packA(a, aOff + i0 * ars + pc * acs, ars, acs, mc, kc, aBlk);
            // rows in groups of MR (an even number): the group's rows of C (MR × 2 KiB) and four rows of B
            // (8 KiB) stay in L1; the rows go through the micro-kernel two at a time, sharing the loads of B
            for (int r0 = 0; r0 < mc; r0 += MR) {
                int r1 = Math.min(mc, r0 + MR);
                int p = 0;
                if (pc == 0 && !accumulate) { // the first products start the sums from +0.0 (no zeroing pass)
                    if (kc >= 4) {
                        for (int r = r0; r < r1; r += 2) {
                            int ar = r * kc;
                            if (r + 1 < r1) {
                                rank4FirstPair(cPairs[r >> 1], bRows[0], bRows[1], bRows[2], bRows[3], aBlk[ar],
                                        aBlk[ar + 1], aBlk[ar + 2], aBlk[ar + 3], aBlk[ar + kc], aBlk[ar + kc + 1],
                                        aBlk[ar + kc + 2], aBlk[ar + kc + 3], width);
                            } else {
                                rank4First(cPairs[r >> 1], bRows[0], bRows[1], bRows[2], bRows[3], aBlk[ar],
                                        aBlk[ar + 1], aBlk[ar + 2], aBlk[ar + 3], width);
                            }
                        }
                        p = 4;
                    } else {
                        for (int r = r0; r < r1; r += 2) {
                            int ar = r * kc;
                            if (r + 1 < r1) {
                                rank1FirstPair(cPairs[r >> 1], bRows[0], aBlk[ar], aBlk[ar + kc], width);
                            } else {
                                rank1First(cPairs[r >> 1], bRows[0], aBlk[ar], width);
                            }
                        }
                        p = 1;
                    }
                }
                for (; p + 4 <= kc; p += 4) {
                    double[] b0 = bRows[p];
                    double[] b1 = bRows[p + 1];
                    double[] b2 = bRows[p + 2];
                    double[] b3 = bRows[p + 3];
                    for (int r = r0; r < r1; r += 2) {
                        int ar = r * kc + p;
                        if (r + 1 < r1) {
                            rank4Pair(cPairs[r >> 1], b0, b1, b2, b3, aBlk[ar], aBlk[ar + 1], aBlk[ar + 2], aBlk[ar + 3],
                                    aBlk[ar + kc], aBlk[ar + kc + 1], aBlk[ar + kc + 2], aBlk[ar + kc + 3], width);
                        } else {
                            rank4(cPairs[r >> 1], b0, b1, b2, b3, aBlk[ar], aBlk[ar + 1], aBlk[ar + 2], aBlk[ar + 3], width);
                        }
                    }
                }
                for (; p < kc; p++) {
                    double[] b0 = bRows[p];
                    for (int r = r0; r < r1; r += 2) {
                        int ar = r * kc + p;
                        if (r + 1 < r1) {
                            rank1Pair(cPairs[r >> 1], b0, aBlk[ar], aBlk[ar + kc], width);
                        } else {
                            rank1(cPairs[r >> 1], b0, aBlk[ar], width);
                        }
                    }
                }
            }
        }
        for (int r = 0; r < mc; r++) {
            System.arraycopy(cPairs[r >> 1], (r & 1) * NC, c, cOff + (i0 + r) * ldc + j0, nc);
        }
    }

    /** bRows[p][j] = B(p, j) for p &lt; kc, j &lt; nc, where B(p, j) = b[off + p·rs + j·cs]. */
    private static void packB(double[] b, int off, int rs, int cs, int kc, int nc, double[][] bRows) {
        if (cs == 1) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, off + p * rs, bRows[p], 0, nc);
            }
        } else if (rs == 1) { // e.g. a transposed view: read along p, which is contiguous
            // four columns at a time: four sequential reads, four adjacent writes into each packed row
            int j = 0;
            for (; j + 4 <= nc; j += 4) {
                int q0 = off + j * cs;
                int q1 = q0 + cs;
                int q2 = q1 + cs;
                int q3 = q2 + cs;
                for (int p = 0; p < kc; p++) {
                    double[] row = bRows[p];
                    row[j] = b[q0 + p];
                    row[j + 1] = b[q1 + p];
                    row[j + 2] = b[q2 + p];
                    row[j + 3] = b[q3 + p];
                }
            }
            for (; j < nc; j++) {
                int q = off + j * cs;
                for (int p = 0; p < kc; p++) {
                    bRows[p][j] = b[q + p];
                }
            }

        } else {
            for (int p = 0; p < kc; p++) {
                double[] row = bRows[p];
                int q = off + p * rs;
                for (int j = 0; j < nc; j++) {
                    row[j] = b[q + j * cs];
                }
            }
        }
    }

    /** aBlk[r·kc + p] = A(r, p) for r &lt; mc, p &lt; kc, where A(r, p) = a[off + r·rs + p·cs]. */
    private static void packA(double[] a, int off, int rs, int cs, int mc, int kc, double[] aBlk) {
        if (cs == 1) {
            for (int r = 0; r < mc; r++) {
                System.arraycopy(a, off + r * rs, aBlk, r * kc, kc);
            }
        } else {
            int r = 0;
            if (rs == 1) { // e.g. a transposed view: four rows at a time read four adjacent elements
                for (; r + 4 <= mc; r += 4) {
                    int q = off + r;
                    int o = r * kc;
                    for (int p = 0; p < kc; p++, q += cs) {
                        aBlk[o + p] = a[q];
                        aBlk[o + kc + p] = a[q + 1];
                        aBlk[o + 2 * kc + p] = a[q + 2];
                        aBlk[o + 3 * kc + p] = a[q + 3];
                    }
                }
            }
            for (; r < mc; r++) {
                int q = off + r * rs;
                int o = r * kc;
                for (int p = 0; p < kc; p++) {
                    aBlk[o + p] = a[q + p * cs];
                }
            }
        }
    }

    /**
     * The micro-kernel on two rows of C held in one array, c[j] and c[NC + j] (NC a compile-time
     * constant, so that C2 can tell the two rows apart and vectorize): {@link #rank4} on each row, the
     * four rows of B loaded once for both. The same operations in the same order as two calls of
     * {@code rank4}; sharing the loads and running two independent chains of additions makes it about
     * 1.3–1.5 times as fast.
     */
    private static void rank4Pair(double[] c, double[] b0, double[] b1, double[] b2, double[] b3,
                                  double a0, double a1, double a2, double a3,
                                  double e0, double e1, double e2, double e3, int n) {
        int m = Math.min(n, NC); // tells C2 that the two rows never overlap
        for (int j = 0; j < m; j++) {
            double x0 = b0[j];
            double x1 = b1[j];
            double x2 = b2[j];
            double x3 = b3[j];
            c[j] = (((c[j] + a0 * x0) + a1 * x1) + a2 * x2) + a3 * x3;
            c[NC + j] = (((c[NC + j] + e0 * x0) + e1 * x1) + e2 * x2) + e3 * x3;
        }
    }

    /** {@link #rank4Pair} on two zero rows: the sums start from +0.0. */
    private static void rank4FirstPair(double[] c, double[] b0, double[] b1, double[] b2, double[] b3,
                                       double a0, double a1, double a2, double a3,
                                       double e0, double e1, double e2, double e3, int n) {
        int m = Math.min(n, NC); // tells C2 that the two rows never overlap
        for (int j = 0; j < m; j++) {
            double x0 = b0[j];
            double x1 = b1[j];
            double x2 = b2[j];
            double x3 = b3[j];
            c[j] = (((0.0 + a0 * x0) + a1 * x1) + a2 * x2) + a3 * x3;
            c[NC + j] = (((0.0 + e0 * x0) + e1 * x1) + e2 * x2) + e3 * x3;
        }
    }

    /** {@link #rank1} on the two rows c[j] and c[NC + j]. */
    private static void rank1Pair(double[] c, double[] b0, double a0, double e0, int n) {
        int m = Math.min(n, NC);
        for (int j = 0; j < m; j++) {
            double x0 = b0[j];
            c[j] += a0 * x0;
            c[NC + j] += e0 * x0;
        }
    }

    /** {@link #rank1First} on the two rows c[j] and c[NC + j]. */
    private static void rank1FirstPair(double[] c, double[] b0, double a0, double e0, int n) {
        int m = Math.min(n, NC);
        for (int j = 0; j < m; j++) {
            double x0 = b0[j];
            c[j] = 0.0 + a0 * x0;
            c[NC + j] = 0.0 + e0 * x0;
        }
    }

    /**
     * The micro-kernel: c[j] ← (((c[j] + a₀b₀[j]) + a₁b₁[j]) + a₂b₂[j]) + a₃b₃[j] for j &lt; n.
     * Every array is indexed from 0 so that C2 vectorizes the loop.
     */
    private static void rank4(double[] c, double[] b0, double[] b1, double[] b2, double[] b3,
                              double a0, double a1, double a2, double a3, int n) {
        for (int j = 0; j < n; j++) {
            c[j] = (((c[j] + a0 * b0[j]) + a1 * b1[j]) + a2 * b2[j]) + a3 * b3[j];
        }
    }

    /** c[j] ← (((0 + a₀b₀[j]) + a₁b₁[j]) + a₂b₂[j]) + a₃b₃[j] for j &lt; n: {@link #rank4} on a zero row. */
    private static void rank4First(double[] c, double[] b0, double[] b1, double[] b2, double[] b3,
                                   double a0, double a1, double a2, double a3, int n) {
        for (int j = 0; j < n; j++) {
            c[j] = (((0.0 + a0 * b0[j]) + a1 * b1[j]) + a2 * b2[j]) + a3 * b3[j];
        }
    }

    /** c[j] ← 0 + a₀b₀[j] for j &lt; n: {@link #rank1} on a zero row. */
    private static void rank1First(double[] c, double[] b0, double a0, int n) {
        for (int j = 0; j < n; j++) {
            c[j] = 0.0 + a0 * b0[j];
        }
    }

    /** c[j] ← c[j] + a₀b₀[j] for j &lt; n (the last kc mod 4 steps). */
    private static void rank1(double[] c, double[] b0, double a0, int n) {
        for (int j = 0; j < n; j++) {
            c[j] += a0 * b0[j];
        }
    }

    /**
     * c[…] (m × n, row-major) = this · o, or c += this · o when {@code accumulate} (every sum then
     * starts from c's value, as {@link MatMul} documents); both matrices, shapes already checked.
     */
    static void multiplyInto(Tensor tensor, Tensor o, double[] c, boolean accumulate) {
        MatMul.multiply(tensor.data, tensor.offset, tensor.strides[0], tensor.strides[1], o.data, o.offset, o.strides[0], o.strides[1],
                c, 0, tensor.dim(0), tensor.dim(1), o.dim(1), accumulate);
    }

    static Tensor matmul(Tensor tensor, Tensor o) {
        Shape result = Shape.matmul(tensor.shape, o.shape); // the shape rules and their messages
        if (tensor.rank() == 2 && o.rank() == 2) { // the common case, without the batch machinery
            int m = tensor.dim(0);
            int k = tensor.dim(1);
            int n = o.dim(1);
            double[] out = new double[m * n];
            MatMul.multiply(tensor.data, tensor.offset, tensor.strides[0], tensor.strides[1], o.data, o.offset,
                    o.strides[0], o.strides[1], out, 0, m, k, n);
            return Tensor.wrap(result, out);
        }
        Tensor a = tensor.rank() == 1 ? tensor.unsqueeze(0) : tensor;
        Tensor b = o.rank() == 1 ? o.unsqueeze(1) : o;
        int m = a.dim(-2);
        int k = a.dim(-1);
        int n = b.dim(-1);
        int[] ad = a.shape.dimsUnsafe();
        int[] bd = b.shape.dimsUnsafe();
        Shape aBatch = Shape.of(Arrays.copyOf(ad, ad.length - 2));
        Shape bBatch = Shape.of(Arrays.copyOf(bd, bd.length - 2));
        Shape batch = Shape.broadcast(aBatch, bBatch, "matmul (batch axes)");
        int[] outDims = Arrays.copyOf(batch.dimsUnsafe(), batch.rank() + 2);
        outDims[batch.rank()] = m;
        outDims[batch.rank() + 1] = n;
        int nb = batch.size();
        double[] out = new double[nb * m * n];
        // read both operands in place through their strides (transposed, sliced and broadcast views
        // cost no copy); broadcast batch axes get stride 0
        int[] aOffsets = batchOffsets(a, batch);
        int[] bOffsets = batchOffsets(b, batch);
        MatMul.multiply(a.data, aOffsets, a.strides[a.rank() - 2], a.strides[a.rank() - 1],
                b.data, bOffsets, b.strides[b.rank() - 2], b.strides[b.rank() - 1], out, 0, m, k, n);
        Tensor r = Tensor.wrap(Shape.of(outDims), out);
        return tensor.rank() == 1 || o.rank() == 1 ? r.reshape(result.dimsUnsafe()) : r;
    }

    /**
     * The storage offset of each matrix of {@code t} (rank ≥ 2) when its leading axes are broadcast to
     * {@code batch}, in row-major order of the batch index.
     */
    static int[] batchOffsets(Tensor t, Shape batch) {
        int nb = batch.size();
        int[] offs = new int[nb];
        int br = batch.rank();
        int[] bd = batch.dimsUnsafe();
        int[] st = new int[br]; // stride of each batch axis in t (0 where t has size 1 or lacks the axis)
        int shift = br - (t.rank() - 2);
        for (int i = 0; i < t.rank() - 2; i++) {
            st[i + shift] = t.shape.dimsUnsafe()[i] == 1 ? 0 : t.strides[i];
        }
        int[] idx = new int[br];
        int p = t.offset;
        for (int q = 0; q < nb; q++) {
            offs[q] = p;
            for (int ax = br - 1; ax >= 0; ax--) {
                p += st[ax];
                if (++idx[ax] < bd[ax]) {
                    break;
                }
                p -= st[ax] * bd[ax];
                idx[ax] = 0;
            }
        }
        return offs;
    }

    static double dot(Tensor tensor, Tensor o) {
        if (tensor.rank() != 1 || o.rank() != 1 || tensor.dim(0) != o.dim(0)) {
            throw new IllegalArgumentException("dot: expected two 1-d tensors of equal length, got " + tensor.shape + " and "
                    + o.shape);
        }
        double[] a = tensor.dataView();
        double[] b = o.dataView();
        double acc = 0.0;
        for (int i = 0; i < a.length; i++) {
            acc += a[i] * b[i];
        }
        return acc;
    }

    static Tensor outer(Tensor tensor, Tensor o) {
        if (tensor.rank() != 1 || o.rank() != 1) {
            throw new IllegalArgumentException("outer: expected two 1-d tensors, got " + tensor.shape + " and " + o.shape);
        }
        return tensor.reshape(tensor.dim(0), 1).mul(o.reshape(1, o.dim(0)));
    }
}
