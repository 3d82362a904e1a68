/**
 * The module: a parameterized map x ↦ f(x; θ) with its parameters, its sub-modules and their dotted
 * names, and its training and evaluation modes — the building block that activations and layers
 * both are.
 *
 * <p>May import {@code org.nabla.tensor} and {@code org.nabla.autodiff}; {@code org.nabla.activation}
 * and {@code org.nabla.layer} import it. Import {@link org.nabla.module.Module} by name: its simple
 * name is also that of {@code java.lang.Module}. Decisions of docs/design.md: 5, 10, 11.
 */
package org.nabla.module;
