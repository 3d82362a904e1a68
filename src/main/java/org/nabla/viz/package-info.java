/**
 * Pictures: the computation graph (DOT and self-contained SVG, laid out by the layered method of
 * Sugiyama et al.), module summary tables, and plots.
 *
 * <p>Sits on top: may import every package up to {@code train}. Decision of docs/design.md: 4 (the
 * graph picture walks the one traversal of the graph, {@link org.nabla.autodiff.GraphOrder}).
 */
package org.nabla.viz;
