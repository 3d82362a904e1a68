package org.nabla.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.internal.Convolution;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/** The patch AGOP against its definition summed directly, patch by patch. */
class ConvolutionalFeatureAnsatzTest {
    private static final int N = 3;
    private static final int IN = 2;
    private static final int OUT = 4;
    private static final int K = 3;
    private static final int H = 6;
    private static final int C = 2;

    /** The patch x_p of image i at output (r, s), stride 1, padding 1, ordered (channel, row, column). */
    private static double[] patch(double[][][][] x, int i, int r, int s) {
        double[] p = new double[IN * K * K];
        for (int ch = 0; ch < IN; ch++) {
            for (int a = 0; a < K; a++) {
                for (int b = 0; b < K; b++) {
                    int rr = r + a - 1;
                    int ss = s + b - 1;
                    p[(ch * K + a) * K + b] = rr < 0 || ss < 0 || rr >= H || ss >= H ? 0 : x[i][ch][rr][ss];
                }
            }
        }
        return p;
    }

    @Test
    void patchAgopIsTheDirectSumOverImagesPositionsAndOutputs() {
        Rng rng = new Rng(21);
        Tensor x = Tensor.randn(rng, N, IN, H, H);
        Tensor w = Tensor.randn(rng, OUT, IN, K, K);
        Tensor b = Tensor.randn(rng, OUT);
        Tensor v = Tensor.randn(rng, C, OUT * H * H).div(10);
        // f_c = tanh(⟨V_c, z⟩), z = W ⋆ x + b (stride 1, padding 1: H' = H)
        Tensor agop = ConvolutionalFeatureAnsatz.patchAgop(x, w, b, 1, 1,
                z -> z.reshape(N, OUT * H * H).matmul(Variable.constant(v.transpose())).tanh());

        double[][] wf = w.reshape(OUT, IN * K * K).toArray2d();
        double[][][][] xa = new double[N][IN][H][H];
        for (int i = 0; i < N; i++) {
            for (int ch = 0; ch < IN; ch++) {
                xa[i][ch] = x.select(0, i).select(0, ch).toArray2d();
            }
        }
        double[][] va = v.toArray2d();
        Tensor conv = Convolution.conv2d(x, w, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1);
        int q = IN * K * K;
        double[][] sum = new double[q][q];
        for (int i = 0; i < N; i++) {
            // z[o, r, s] = W̄[o]·x_p + b_o, checked against the library's convolution (the patch order)
            double[][][] z = new double[OUT][H][H];
            for (int r = 0; r < H; r++) {
                for (int s = 0; s < H; s++) {
                    double[] p = patch(xa, i, r, s);
                    for (int o = 0; o < OUT; o++) {
                        double acc = b.get(o);
                        for (int e = 0; e < q; e++) {
                            acc += wf[o][e] * p[e];
                        }
                        z[o][r][s] = acc;
                        assertThat(acc).isCloseTo(conv.get(i, o, r, s) + b.get(o), within(1e-12));
                    }
                }
            }
            for (int c = 0; c < C; c++) {
                double pre = 0;
                for (int o = 0; o < OUT; o++) {
                    for (int r = 0; r < H; r++) {
                        for (int s = 0; s < H; s++) {
                            pre += va[c][(o * H + r) * H + s] * z[o][r][s];
                        }
                    }
                }
                double slope = 1 - Math.tanh(pre) * Math.tanh(pre);
                for (int r = 0; r < H; r++) {
                    for (int s = 0; s < H; s++) {
                        // ∇_{x_p} f_c = slope · Σ_o V_c[o, p] W̄[o, :]
                        double[] g = new double[q];
                        for (int o = 0; o < OUT; o++) {
                            double vo = slope * va[c][(o * H + r) * H + s];
                            for (int e = 0; e < q; e++) {
                                g[e] += vo * wf[o][e];
                            }
                        }
                        for (int e = 0; e < q; e++) {
                            for (int e2 = 0; e2 < q; e2++) {
                                sum[e][e2] += g[e] * g[e2];
                            }
                        }
                    }
                }
            }
        }
        Tensor expected = Tensor.of(sum).div(N * H * H);
        assertThat(agop.allClose(expected, 1e-11, 1e-14)).isTrue();
        assertThat(ConvolutionalFeatureAnsatz.filterCovariance(w).shape().dims()).containsExactly(q, q);
    }

    @Test
    void forALinearReadoutTheCorrelationWithTheFilterCovarianceIsOneWhenTheReadoutIsIsotropic() {
        // rest = Σ over positions and channels of z (one output): δ_{p} = 1 (all ones) for every p, so
        // patch AGOP = W̄ᵀ11ᵀW̄ (rank one), and with a single filter W̄ᵀW̄ is that same rank-one matrix
        Rng rng = new Rng(5);
        Tensor x = Tensor.randn(rng, 2, 1, 5, 5);
        Tensor w = Tensor.randn(rng, 1, 1, 3, 3);
        Tensor agop = ConvolutionalFeatureAnsatz.patchAgop(x, w, null, 1, 0, z -> z.sum(new int[] {1, 2, 3}, false));
        assertThat(ConvolutionalFeatureAnsatz.ansatzCorrelation(w, agop, 1.0)).isCloseTo(1.0, within(1e-12));
    }
}
