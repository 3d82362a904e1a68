/**
 * Theory tools: the average gradient outer product and the Neural Feature Ansatz, Recursive Feature
 * Machines, criticality of initialization (kernel recursion, susceptibilities), the neural tangent
 * kernel, Hessian spectra and loss-landscape slices, finite-width theory, and the kernel methods: kernels as
 * values, kernel ridge regression and the soft-margin support vector machine by SMO (docs/kernel-methods.md).
 *
 * <p>Sits on top: may import every package below {@code train} and {@code train}, and {@code viz} for
 * pictures. Decisions of docs/design.md: 6, 7.
 */
package org.nabla.theory;
