/**
 * Theory tools: the average gradient outer product and the Neural Feature Ansatz, Recursive Feature
 * Machines, criticality of initialization (kernel recursion, susceptibilities), the neural tangent
 * kernel, Hessian spectra and loss-landscape slices, and finite-width theory.
 *
 * <p>Sits on top: may import every package below {@code train} and {@code train}, and {@code viz} for
 * pictures. Decisions of docs/design.md: 6, 7.
 */
package org.nabla.theory;
