package org.nabla.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.Linalg;

/** NNGP posterior and NTK gradient-descent predictions: interpolation, variances, a direct solve, and Θ = K. */
class InfiniteWidthPredictionTest {
    private static final Tensor X_TRAIN = Tensor.of(new double[][] {{-1.5}, {-0.6}, {0.2}, {0.9}, {1.7}});
    private static final Tensor Y = Tensor.of(-0.8, 0.3, 0.9, 0.1, -0.7);
    private static final Tensor X_TEST = Tensor.of(new double[][] {{-1.5}, {-1.0}, {0.0}, {0.5}, {0.9}, {2.5}});

    @Test
    void noiselessPredictionsInterpolateTheTrainingPoints() {
        InfiniteWidthPrediction.Both p = InfiniteWidthPrediction.of(ScalarActivation.RELU, 0.1, 2.0, 3, X_TRAIN, Y, X_TEST, 0.0);
        for (InfiniteWidthPrediction.Prediction q : new InfiniteWidthPrediction.Prediction[] {p.nngp(), p.ntk()}) {
            assertThat(q.mean().get(0)).isCloseTo(-0.8, within(1e-10)); // x = −1.5 is a training input
            assertThat(q.mean().get(4)).isCloseTo(0.1, within(1e-10)); // x = 0.9 too
            double[] v = q.variance();
            assertThat(v[0]).isCloseTo(0.0, within(1e-10));
            assertThat(v[4]).isCloseTo(0.0, within(1e-10));
            for (int i = 0; i < v.length; i++) {
                assertThat(q.covariance().get(i, i)).as("variance at test point " + i).isGreaterThan(-1e-10);
            }
            assertThat(v[1]).as("between training points the prediction is uncertain").isGreaterThan(1e-6);
        }
    }

    /** The posterior mean and covariance against an explicit inverse of K_XX + σ²I (LU), with noise. */
    @Test
    void posteriorAgreesWithADirectSolve() {
        Rng rng = new Rng(2);
        Tensor x = Tensor.randn(rng, 7, 3);
        InfiniteWidthKernels.Kernels k = InfiniteWidthKernels.of(ScalarActivation.TANH, 0.2, 1.5, x, 3);
        Tensor kk = k.lastNngp();
        Tensor kTrain = kk.slice(0, 0, 5).slice(1, 0, 5);
        Tensor kTestTrain = kk.slice(0, 5, 7).slice(1, 0, 5);
        Tensor kTest = kk.slice(0, 5, 7).slice(1, 5, 7);
        Tensor y = Tensor.randn(rng, 5, 2);
        InfiniteWidthPrediction.Prediction p = InfiniteWidthPrediction.nngpPosterior(kTrain, kTestTrain, kTest, y, 0.05);
        Tensor inv = Linalg.inverse(kTrain.add(Tensor.eye(5).mul(0.05)));
        assertThat(p.mean().allClose(kTestTrain.matmul(inv).matmul(y), 1e-12, 1e-12)).isTrue();
        Tensor cov = kTest.sub(kTestTrain.matmul(inv).matmul(kTestTrain.transpose()));
        assertThat(p.covariance().allClose(cov, 1e-12, 1e-12)).isTrue();
        // the covariance is positive semi-definite
        for (double e : Linalg.eigvalsh(p.covariance()).toArray()) {
            assertThat(e).isGreaterThan(-1e-12);
        }
    }

    /** With Θ = K the gradient-descent ensemble is the noiseless NNGP posterior, mean and covariance. */
    @Test
    void ntkEnsembleWithThetaEqualToKIsTheNngpPosterior() {
        InfiniteWidthKernels.Kernels k = InfiniteWidthKernels.of(ScalarActivation.SWISH, 0.3, 1.7, Tensor.concat(0, X_TRAIN, X_TEST), 2);
        Tensor kk = k.lastNngp();
        Tensor kTrain = kk.slice(0, 0, 5).slice(1, 0, 5);
        Tensor kTestTrain = kk.slice(0, 5, 11).slice(1, 0, 5);
        Tensor kTest = kk.slice(0, 5, 11).slice(1, 5, 11);
        InfiniteWidthPrediction.Prediction ntk = InfiniteWidthPrediction.ntkEnsemble(kTrain, kTestTrain, kTrain, kTestTrain, kTest, Y);
        InfiniteWidthPrediction.Prediction nngp = InfiniteWidthPrediction.nngpPosterior(kTrain, kTestTrain, kTest, Y, 0.0);
        assertThat(ntk.mean().allClose(nngp.mean(), 1e-10, 1e-10)).isTrue();
        assertThat(ntk.covariance().allClose(nngp.covariance(), 1e-9, 1e-9)).isTrue();
    }

    /** One network's trained output: f₀ plus the kernel correction; exact on the training inputs for any f₀. */
    @Test
    void trainedFunctionFitsTheTargetsFromAnyInitialFunction() {
        InfiniteWidthKernels.Kernels k = InfiniteWidthKernels.of(ScalarActivation.RELU, 0.1, 2.0, X_TRAIN, 3);
        Tensor f0 = Tensor.of(0.3, -0.2, 0.5, 0.0, 1.1);
        Tensor f = InfiniteWidthPrediction.ntkTrained(k.lastNtk(), k.lastNtk(), Y, f0, f0);
        assertThat(f.allClose(Y, 1e-12, 1e-12)).isTrue();
    }
}
