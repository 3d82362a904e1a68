/**
 * Activation functions, one class per definition (ReLU, LeakyReLU, PReLU, ELU, SELU, GELU, SiLU,
 * Mish, Sigmoid, Tanh, Softplus, Hardtanh, LogSigmoid, Softmax, LogSoftmax, …); each is a module,
 * with its formula, its derivative and the stable form computed in its Javadoc.
 *
 * <p>May import {@code tensor}, {@code autodiff} and {@code module}. Decisions of docs/design.md: 4
 * (fused primitives where stability needs them: log-softmax), 10 (module below activation).
 */
package org.nabla.activation;
