package org.nabla.tensor;

/**
 * A seeded, splittable pseudo-random number generator: the one source of randomness in Nabla.
 *
 * <p>The generator is SplitMix64 (Steele, Lea &amp; Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014): the state advances by the odd constant γ = 0x9E3779B97F4A7C15 and each
 * output is a bijective mix of the state. {@link #split()} derives an independent child generator,
 * so that code running on several threads can be given one stream each and stay reproducible:
 * the same seed gives the same bits whatever the number of threads.
 *
 * <p>Normal draws use the Box–Muller transform (two uniforms → two independent N(0, 1) draws;
 * the second is kept for the next call). An {@code Rng} is not thread-safe: give each thread its own
 * {@link #split()}.
 */
public final class Rng {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private long state;
    private final long gamma;
    private double spareGaussian;
    private boolean hasSpare;

    /** A generator whose whole sequence is determined by {@code seed}. */
    public Rng(long seed) {
        this(seed, GOLDEN_GAMMA);
    }

    private Rng(long seed, long gamma) {
        this.state = seed;
        this.gamma = gamma;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        z = (z ^ (z >>> 33)) | 1L;
        int n = Long.bitCount(z ^ (z >>> 1));
        return (n < 24) ? z ^ 0xAAAAAAAAAAAAAAAAL : z;
    }

    /** The next 64 uniformly distributed bits. */
    public long nextLong() {
        state += gamma;
        return mix64(state);
    }

    /** A new, statistically independent generator; this one advances by two draws. */
    public Rng split() {
        long s = nextLong();
        long g = mixGamma(nextLong());
        return new Rng(s, g);
    }

    /** A uniform draw from [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A uniform draw from [low, high). */
    public double uniform(double low, double high) {
        if (!(low <= high) || Double.isInfinite(low) || Double.isInfinite(high)) {
            throw new IllegalArgumentException("uniform: expected finite low ≤ high, got low = " + low + ", high = " + high);
        }
        return low + (high - low) * nextDouble();
    }

    /** A uniform integer in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("nextInt: bound must be positive, got " + bound);
        }
        long r = nextLong() >>> 33; // 31 bits
        long m = r * bound;
        long l = m & 0x7FFFFFFFL;
        if (l < bound) {
            long t = (0x80000000L - bound) % bound;
            while (l < t) {
                r = nextLong() >>> 33;
                m = r * bound;
                l = m & 0x7FFFFFFFL;
            }
        }
        return (int) (m >>> 31);
    }

    /** A standard normal draw N(0, 1) (Box–Muller). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u1;
        do {
            u1 = nextDouble();
        } while (u1 == 0.0);
        double u2 = nextDouble();
        double r = Math.sqrt(-2.0 * Math.log(u1));
        double theta = 2.0 * Math.PI * u2;
        spareGaussian = r * Math.sin(theta);
        hasSpare = true;
        return r * Math.cos(theta);
    }

    /** A normal draw N(mean, std²). */
    public double normal(double mean, double std) {
        if (!(std >= 0) || !Double.isFinite(std) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("normal: expected a finite mean and a finite std ≥ 0, got mean = " + mean
                    + ", std = " + std);
        }
        return mean + std * nextGaussian();
    }

    /** A Bernoulli draw: 1 with probability p, else 0. */
    public double bernoulli(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("bernoulli: expected 0 ≤ p ≤ 1, got " + p);
        }
        return nextDouble() < p ? 1.0 : 0.0;
    }

    /** A uniformly random permutation of 0, 1, …, n−1 (Fisher–Yates). */
    public int[] permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation: n must be ≥ 0, got " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
