/**
 * Reverse-mode automatic differentiation over an explicit graph, and forward mode beside it:
 * {@link org.nabla.autodiff.Variable} (a value and the operation that produced it),
 * {@link org.nabla.autodiff.Operation} (a primitive: a forward map, its vector-Jacobian product and its
 * Jacobian-vector product), the primitives, {@link org.nabla.autodiff.ForwardMode} (tangents carried
 * with the values), the reverse sweep over the one graph
 * traversal ({@link org.nabla.autodiff.GraphOrder}), {@link org.nabla.autodiff.Gradients},
 * {@link org.nabla.autodiff.Autodiff} (gradients, Jacobians by rows or columns, Jacobian-vector and Hessian-vector products),
 * {@link org.nabla.autodiff.GradCheck} (central differences), NoGrad and anomaly detection, and
 * {@link org.nabla.autodiff.Parameter}, the one mutable holder a model has.
 *
 * <p>May import {@code org.nabla.tensor} and {@code org.nabla.tensor.linalg}. Decisions of
 * docs/design.md: 2 (reverse mode, gradients as values), 3 (backward rules written with variables, so
 * derivatives of any order follow), 4 (a small set of primitives; the sweep knows none of them), 5
 * (Parameter), 9 (a graph node costs well under a microsecond).
 */
package org.nabla.autodiff;
