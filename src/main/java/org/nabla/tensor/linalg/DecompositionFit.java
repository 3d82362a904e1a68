package org.nabla.tensor.linalg;

/**
 * How well a decomposition 𝒳̂ fits the tensor 𝒳 it approximates, from its relative error
 * ‖𝒳 − 𝒳̂‖_F / ‖𝒳‖_F: the fit 1 − ‖𝒳 − 𝒳̂‖/‖𝒳‖ (as the Tensor Toolbox of Kolda &amp; Bader reports it) and
 * the explained variance 1 − ‖𝒳 − 𝒳̂‖²/‖𝒳‖², the fraction of ‖𝒳‖² the model accounts for.
 */
public interface DecompositionFit {
    /** ‖𝒳 − 𝒳̂‖_F / ‖𝒳‖_F. */
    double relativeError();

    /** 1 − ‖𝒳 − 𝒳̂‖/‖𝒳‖. */
    default double fit() {
        return 1 - relativeError();
    }

    /** 1 − ‖𝒳 − 𝒳̂‖²/‖𝒳‖². */
    default double explainedVariance() {
        double e = relativeError();
        return 1 - e * e;
    }
}
