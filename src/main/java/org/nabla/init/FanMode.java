package org.nabla.init;

/**
 * Which fan a variance-preserving initializer divides by (He et al. 2015, §2.2):
 * {@link #FAN_IN} preserves the variance of the activations in the forward pass,
 * {@link #FAN_OUT} the variance of the gradients in the backward pass.
 */
public enum FanMode {
    /** Var(W) ∝ 1/fan_in: forward signal variance preserved. */
    FAN_IN,
    /** Var(W) ∝ 1/fan_out: backward gradient variance preserved. */
    FAN_OUT
}
