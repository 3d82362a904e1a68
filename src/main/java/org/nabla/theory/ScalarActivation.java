package org.nabla.theory;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.SpecialFunctions;
import org.nabla.tensor.Tensor;

/**
 * An activation σ as a scalar function with its first two derivatives σ′ and σ″, as the
 * effective theory of deep networks needs them (Roberts, Yaida &amp; Hanin, <i>The Principles of Deep
 * Learning Theory</i>, 2022, ch. 5), and as a {@link Variable} operation for building networks.
 *
 * <ul>
 *   <li>relu: σ(z) = max(0, z), σ′ = 𝟙[z &gt; 0], σ″ = 0 (almost everywhere)</li>
 *   <li>leaky_relu: σ(z) = z for z &gt; 0, 0.1·z otherwise</li>
 *   <li>linear: σ(z) = z</li>
 *   <li>tanh: σ′ = 1 − σ², σ″ = −2σ(1 − σ²)</li>
 *   <li>sigmoid: σ(z) = 1 / (1 + e^(−z)), σ′ = σ(1 − σ), σ″ = σ(1 − σ)(1 − 2σ)</li>
 *   <li>gelu (exact): σ(z) = z Φ(z) = z (1 + erf(z/√2)) / 2, σ′ = Φ + zφ, σ″ = φ(z)(2 − z²)</li>
 *   <li>swish (SiLU, β = 1): σ(z) = z s(z), s the logistic sigmoid; σ′ = s + z s(1 − s),
 *       σ″ = s(1 − s)(2 + z(1 − 2s))</li>
 *   <li>softplus: σ(z) = log(1 + e^z), computed as max(z, 0) + log1p(e^(−|z|)); σ′ = s, σ″ = s(1 − s)</li>
 * </ul>
 */
public enum ScalarActivation {
    /** σ(z) = max(0, z). */
    RELU("relu"),
    /** σ(z) = z for z &gt; 0, {@link #LEAKY_SLOPE}·z otherwise. */
    LEAKY_RELU("leaky_relu"),
    /** σ(z) = z. */
    LINEAR("linear"),
    /** σ(z) = tanh z. */
    TANH("tanh"),
    /** σ(z) = 1 / (1 + e^(−z)). */
    SIGMOID("sigmoid"),
    /** σ(z) = z Φ(z), the exact GELU. */
    GELU("gelu"),
    /** σ(z) = z s(z), SiLU (β = 1). */
    SWISH("swish"),
    /** σ(z) = log(1 + e^z). */
    SOFTPLUS("softplus");

    /** The negative-side slope of {@link #LEAKY_RELU}. */
    public static final double LEAKY_SLOPE = 0.1;

    private final String name;

    ScalarActivation(String name) {
        this.name = name;
    }

    /** The lower-case name used in reference files ("relu", "gelu", …). */
    public String label() {
        return name;
    }

    /**
     * The activation of the given name (case-insensitive; "silu" is accepted for swish).
     *
     * @throws IllegalArgumentException naming the unknown activation and the known ones
     */
    public static ScalarActivation forName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("silu")) {
            return SWISH;
        }
        for (ScalarActivation a : values()) {
            if (a.name.equals(n)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; known: "
                + Arrays.stream(values()).map(ScalarActivation::label).collect(Collectors.joining(", ")));
    }

    /** σ(z). */
    public double value(double z) {
        switch (this) {
            case RELU:
                return z > 0 ? z : 0.0;
            case LEAKY_RELU:
                return z > 0 ? z : LEAKY_SLOPE * z;
            case LINEAR:
                return z;
            case TANH:
                return Math.tanh(z);
            case SIGMOID:
                return Tensor.sigmoid(z);
            case GELU:
                return z * SpecialFunctions.normalCdf(z);
            case SWISH:
                return z * Tensor.sigmoid(z);
            case SOFTPLUS:
                return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
            default:
                throw new AssertionError(this);
        }
    }

    /** σ′(z). */
    public double derivative(double z) {
        switch (this) {
            case RELU:
                return z > 0 ? 1.0 : 0.0;
            case LEAKY_RELU:
                return z > 0 ? 1.0 : LEAKY_SLOPE;
            case LINEAR:
                return 1.0;
            case TANH: {
                double t = Math.tanh(z);
                return 1 - t * t;
            }
            case SIGMOID: {
                double s = Tensor.sigmoid(z);
                return s * (1 - s);
            }
            case GELU:
                return SpecialFunctions.normalCdf(z) + z * SpecialFunctions.normalPdf(z);
            case SWISH: {
                double s = Tensor.sigmoid(z);
                return s + z * s * (1 - s);
            }
            case SOFTPLUS:
                return Tensor.sigmoid(z);
            default:
                throw new AssertionError(this);
        }
    }

    /** σ″(z) (zero almost everywhere for the piecewise-linear activations). */
    public double secondDerivative(double z) {
        switch (this) {
            case RELU:
            case LEAKY_RELU:
            case LINEAR:
                return 0.0;
            case TANH: {
                double t = Math.tanh(z);
                return -2 * t * (1 - t * t);
            }
            case SIGMOID: {
                double s = Tensor.sigmoid(z);
                return s * (1 - s) * (1 - 2 * s);
            }
            case GELU:
                return SpecialFunctions.normalPdf(z) * (2 - z * z);
            case SWISH: {
                double s = Tensor.sigmoid(z);
                return s * (1 - s) * (2 + z * (1 - 2 * s));
            }
            case SOFTPLUS: {
                double s = Tensor.sigmoid(z);
                return s * (1 - s);
            }
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Whether σ(λz) = λσ(z) for λ &gt; 0 (relu, leaky_relu, linear): the scale-invariant
     * universality class of PDLT §5.2, where every K is a fixed point at criticality.
     */
    public boolean isScaleInvariant() {
        return this == RELU || this == LEAKY_RELU || this == LINEAR;
    }

    /** σ applied elementwise to a tensor. */
    public Tensor apply(Tensor z) {
        return z.map(this::value);
    }

    /** σ applied elementwise to a variable, written with differentiable primitives. */
    public Variable apply(Variable z) {
        switch (this) {
            case RELU:
                return z.relu();
            case LEAKY_RELU:
                return z.maximum(z.mul(LEAKY_SLOPE));
            case LINEAR:
                return z;
            case TANH:
                return z.tanh();
            case SIGMOID:
                return z.sigmoid();
            case GELU:
                return z.mul(z.mul(Math.sqrt(0.5)).erf().add(1.0)).mul(0.5);
            case SWISH:
                return z.mul(z.sigmoid());
            case SOFTPLUS:
                return z.relu().add(z.abs().neg().exp().log1p());
            default:
                throw new AssertionError(this);
        }
    }
}
