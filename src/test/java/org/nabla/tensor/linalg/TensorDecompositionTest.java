package org.nabla.tensor.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nabla.io.Npz;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Unfolding, folding, n-mode and Khatri–Rao products against their elementwise definitions and against
 * NumPy (src/test/resources/linalg/make_tensor_decompositions.py); HOSVD/HOOI exact on a tensor of
 * multilinear rank (r₁, r₂, r₃); CP-ALS recovering a rank-R tensor; both against the NumPy runs.
 */
class TensorDecompositionTest {
    private static Map<String, Tensor> ref;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        Path file = Paths.get(TensorDecompositionTest.class.getResource("/linalg/tensor_decompositions.npz").toURI());
        ref = Npz.read(file);
    }


    private static double max(Tensor a) {
        double m = 0;
        for (double v : a.toArray()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double diff(Tensor a, Tensor b) {
        assertThat(a.dims()).isEqualTo(b.dims());
        return max(a.sub(b));
    }

    @Test
    void unfoldingFollowsTheDefinitionElementwise() {
        Tensor x = Tensor.randn(new Rng(1), 3, 4, 2, 5);
        int[] d = x.dims();
        for (int n = 0; n < 4; n++) {
            Tensor m = Multilinear.unfold(x, n);
            for (int i0 = 0; i0 < d[0]; i0++) {
                for (int i1 = 0; i1 < d[1]; i1++) {
                    for (int i2 = 0; i2 < d[2]; i2++) {
                        for (int i3 = 0; i3 < d[3]; i3++) {
                            int[] i = {i0, i1, i2, i3};
                            int j = 0;
                            int stride = 1;
                            for (int k = 0; k < 4; k++) {
                                if (k != n) {
                                    j += i[k] * stride; // j = Σ_{k≠n} i_k J_k, J_k = ∏_{m<k, m≠n} I_m
                                    stride *= d[k];
                                }
                            }
                            assertThat(m.get(i[n], j)).isEqualTo(x.get(i));
                        }
                    }
                }
            }
            assertThat(Multilinear.fold(m, n, d)).isEqualTo(x);
        }
    }

    @Test
    void unfoldingsAndProductsAgreeWithNumpy() {
        Tensor x = ref.get("x");
        for (int n = 0; n < 3; n++) {
            assertThat(Multilinear.unfold(x, n)).isEqualTo(ref.get("unfold" + n));
            assertThat(diff(Multilinear.modeProduct(x, ref.get("u" + n), n), ref.get("mode" + n))).isLessThan(1e-14);
        }
        assertThat(diff(Multilinear.khatriRao(ref.get("kr.a"), ref.get("kr.b")), ref.get("kr"))).isLessThan(1e-15);
    }

    @Test
    void modeProductFollowsTheDefinitionElementwise() {
        Rng rng = new Rng(2);
        Tensor x = Tensor.randn(rng, 3, 4, 2);
        Tensor u = Tensor.randn(rng, 5, 4);
        Tensor y = Multilinear.modeProduct(x, u, 1);
        assertThat(y.dims()).containsExactly(3, 5, 2);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 5; j++) {
                for (int k = 0; k < 2; k++) {
                    double s = 0;
                    for (int l = 0; l < 4; l++) {
                        s += x.get(i, l, k) * u.get(j, l);
                    }
                    assertThat(y.get(i, j, k)).isCloseTo(s, within(1e-14));
                }
            }
        }
    }

    @Test
    void modeProductsComposeAndCommute() {
        Rng rng = new Rng(3);
        Tensor x = Tensor.randn(rng, 3, 4, 2);
        Tensor a = Tensor.randn(rng, 5, 4);
        Tensor b = Tensor.randn(rng, 2, 5);
        Tensor c = Tensor.randn(rng, 6, 3);
        // (𝒳 ×ₙ A) ×ₙ B = 𝒳 ×ₙ (BA)   and   (𝒳 ×ₘ A) ×ₙ B = (𝒳 ×ₙ B) ×ₘ A  for m ≠ n (Kolda & Bader §2.5)
        assertThat(diff(Multilinear.modeProduct(Multilinear.modeProduct(x, a, 1), b, 1),
                Multilinear.modeProduct(x, b.matmul(a), 1))).isLessThan(1e-13);
        assertThat(diff(Multilinear.modeProduct(Multilinear.modeProduct(x, a, 1), c, 0),
                Multilinear.modeProduct(Multilinear.modeProduct(x, c, 0), a, 1))).isLessThan(1e-13);
    }

    @Test
    void khatriRaoIsTheColumnwiseKroneckerAndHasTheGramIdentity() {
        Rng rng = new Rng(4);
        Tensor a = Tensor.randn(rng, 3, 2);
        Tensor b = Tensor.randn(rng, 4, 2);
        Tensor kr = Multilinear.khatriRao(a, b);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 2; k++) {
                    assertThat(kr.get(i * 4 + j, k)).isEqualTo(a.get(i, k) * b.get(j, k));
                }
            }
        }
        // (A ⊙ B)ᵀ(A ⊙ B) = AᵀA ∗ BᵀB (§2.6)
        assertThat(diff(kr.t().matmul(kr), a.t().matmul(a).mul(b.t().matmul(b)))).isLessThan(1e-13);
        assertThatThrownBy(() -> Multilinear.khatriRao(a, Tensor.ones(4, 3)))
                .hasMessageContaining("khatriRao").hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> Multilinear.unfold(a, 2)).hasMessageContaining("mode 2");
        assertThatThrownBy(() -> Multilinear.fold(Tensor.ones(3, 5), 0, 3, 2, 2)).hasMessageContaining("3×4");
    }

    /** 𝒢 ×₁ A ×₂ B ×₃ C with a random core of the given dims and random (not orthonormal) factors. */
    private static Tensor multilinearRank(Rng rng, int[] dims, int[] ranks) {
        List<Tensor> f = new ArrayList<>();
        for (int n = 0; n < dims.length; n++) {
            f.add(Tensor.randn(rng, dims[n], ranks[n]));
        }
        return Multilinear.modeProducts(Tensor.randn(rng, ranks), f);
    }

    @Test
    void hosvdAndHooiAreExactAtTheMultilinearRank() {
        int[] ranks = {2, 3, 2};
        Tensor x = multilinearRank(new Rng(5), new int[] {6, 5, 4}, ranks);
        for (TuckerDecomposition t : List.of(TuckerDecomposition.hosvd(x, ranks),
                TuckerDecomposition.hooi(x, ranks, 10, 1e-14))) {
            assertThat(t.relativeError()).isLessThan(1e-12);
            assertThat(diff(t.reconstruct(), x) / max(x)).isLessThan(1e-12);
            assertThat(t.core().dims()).containsExactly(2, 3, 2);
            for (Tensor a : t.factors()) {
                assertThat(diff(a.t().matmul(a), Tensor.eye(a.dim(1)))).isLessThan(1e-13);
            }
            assertThat(t.fit()).isCloseTo(1, within(1e-12));
            assertThat(t.explainedVariance()).isCloseTo(1, within(1e-12));
        }
        // one rank lower in mode 2 is no longer exact
        assertThat(TuckerDecomposition.hosvd(x, 2, 2, 2).relativeError()).isGreaterThan(1e-3);
    }

    @Test
    void tuckerAgreesWithNumpy() {
        Tensor x = ref.get("tucker.x");
        int[] ranks = {2, 3, 2};
        TuckerDecomposition h = TuckerDecomposition.hosvd(x, ranks);
        assertThat(h.relativeError()).isCloseTo(ref.get("tucker.hosvd_error").toDouble(), within(1e-13));
        // the full HOSVD core's slices have the n-mode singular values as norms: ‖𝒢_{iₙ=i}‖ = σᵢ(X₍ₙ₎)
        // (De Lathauwer, De Moor & Vandewalle 2000, Theorem 2)
        TuckerDecomposition full = TuckerDecomposition.hosvd(x, 6, 5, 4);
        assertThat(full.relativeError()).isLessThan(1e-14);
        for (int n = 0; n < 3; n++) {
            int[] others = n == 0 ? new int[] {1, 2} : n == 1 ? new int[] {0, 2} : new int[] {0, 1};
            Tensor slices = full.core().square().sum(others, false).sqrt();
            assertThat(diff(slices, ref.get("tucker.sv" + n))).isLessThan(1e-12);
        }
        TuckerDecomposition o = TuckerDecomposition.hooi(x, ranks, 20, 0);
        assertThat(o.iterations()).isEqualTo(20);
        assertThat(o.relativeError()).isCloseTo(ref.get("tucker.hooi_error").toDouble(), within(1e-12));
        assertThat(o.core().norm()).isCloseTo(ref.get("tucker.hooi_core_norm").toDouble(), within(1e-11));
        assertThat(o.relativeError()).isLessThanOrEqualTo(h.relativeError());
        // ‖𝒳 − 𝒳̂‖² = ‖𝒳‖² − ‖𝒢‖² for orthonormal factors (Kolda & Bader §4.2)
        double nx = x.norm();
        assertThat(o.explainedVariance()).isCloseTo(o.core().norm() * o.core().norm() / (nx * nx), within(1e-12));
    }

    @Test
    void cpAlsRecoversARandomRankRTensor() {
        Rng rng = new Rng(6);
        int rank = 3;
        List<Tensor> truth = new ArrayList<>();
        for (int d : new int[] {6, 5, 4}) {
            truth.add(Tensor.randn(rng, d, rank));
        }
        Tensor x = Multilinear.cpTensor(Tensor.of(3, 2, 1.5), truth);
        CPDecomposition cp = CPDecomposition.als(x, rank, new Rng(7), 2000, 1e-15);
        assertThat(cp.relativeError()).isLessThan(1e-8);
        assertThat(diff(cp.reconstruct(), x) / max(x)).isLessThan(1e-8);
        // the components themselves: each true column, normalized, is ± a recovered column
        for (int n = 0; n < 3; n++) {
            Tensor a = cp.factors().get(n);
            for (int r = 0; r < rank; r++) {
                Tensor t = truth.get(n).select(1, r);
                t = t.div(t.norm());
                double best = 0;
                for (int s = 0; s < rank; s++) {
                    best = Math.max(best, Math.abs(t.dot(a.select(1, s))));
                }
                assertThat(best).isCloseTo(1, within(1e-8));
            }
        }
        double[] l = cp.lambda().toArray();
        assertThat(l[0]).isGreaterThanOrEqualTo(l[1]);
        assertThat(l[1]).isGreaterThanOrEqualTo(l[2]);
    }

    @Test
    void cpAlsAgreesWithNumpyFromTheSameStart() {
        Tensor x = ref.get("cp.x");
        List<Tensor> start = List.of(ref.get("cp.start0"), ref.get("cp.start1"), ref.get("cp.start2"));
        CPDecomposition cp = CPDecomposition.als(x, start, 30, 0);
        assertThat(cp.iterations()).isEqualTo(30);
        assertThat(cp.relativeError()).isCloseTo(ref.get("cp.error").toDouble(), within(1e-12));
        assertThat(diff(cp.lambda(), ref.get("cp.lambda"))).isLessThan(1e-10);
        for (int n = 0; n < 3; n++) {
            assertThat(diff(cp.factors().get(n), ref.get("cp.factor" + n))).isLessThan(1e-10);
        }
        assertThat(cp.fit()).isEqualTo(1 - cp.relativeError());
        assertThatThrownBy(() -> CPDecomposition.als(x, List.of(Tensor.ones(5, 2), Tensor.ones(3, 2), Tensor.ones(3, 2)), 1, 0))
                .hasMessageContaining("start factor 1").hasMessageContaining("4×2");
    }
}
