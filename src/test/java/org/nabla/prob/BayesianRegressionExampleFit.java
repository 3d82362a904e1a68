package org.nabla.prob;

import org.nabla.autodiff.Variable;
import org.nabla.optim.Adam;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/** The seeded training loop shared by the BNN tests: full-batch Adam on the negative ELBO. */
final class BayesianRegressionExampleFit {
    private BayesianRegressionExampleFit() {
    }

    static BayesianRegression fit(Tensor x, Tensor y, int steps, long seed) {
        BayesianRegression model = new BayesianRegression(1, 32, 1.0, 0.1, new Rng(seed));
        Adam adam = Adam.builder(model.parameters()).learningRate(1e-2).build();
        Variable xv = Variable.constant(x);
        Variable yv = Variable.constant(y);
        for (int step = 0; step < steps; step++) {
            adam.step(model.negativeElbo(xv, yv, x.dim(0)).backward());
        }
        return model;
    }
}
