package org.nabla.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one bounded set of threads that Nabla's heavy kernels (matrix multiplication) run on: the
 * caller's thread and a pool of {@code threads() − 1} helpers.
 *
 * <p>The number of threads is, in order of precedence: the last value given to
 * {@link #setThreads(int)}; the system property {@code nabla.threads} (e.g.
 * {@code -Dnabla.threads=1} for a strictly serial run); the number of available processors.
 *
 * <p>The number of threads never changes a result. Work is split into independent pieces (blocks of
 * the output) and every output element is computed by one thread with a fixed order of summation —
 * or, where a sum is split (the weight gradient of a convolution, over blocks of images), as partial
 * sums over pieces fixed in advance, added in a fixed order — so results are bitwise identical for 1
 * thread and for many (docs/design.md, decision 9).
 * Small operations never use the helpers: handing work to another thread costs microseconds.
 */
public final class Parallelism {
    private static final Logger LOG = LoggerFactory.getLogger(Parallelism.class);
    /** The system property that sets the number of threads. */
    public static final String PROPERTY = "nabla.threads";

    private static volatile int threads = initialThreads();
    private static ForkJoinPool pool;

    private Parallelism() {
    }

    private static int initialThreads() {
        return parseThreads(System.getProperty(PROPERTY), Runtime.getRuntime().availableProcessors());
    }

    /**
     * The number of threads a value of {@code nabla.threads} asks for: a whole number ≥ 1; when it is
     * absent or blank, {@code available}; when it is anything else, {@code available} and a warning.
     */
    static int parseThreads(String value, int available) {
        int fallback = Math.max(1, available);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int t = Integer.parseInt(value.trim());
            if (t >= 1) {
                return t;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warn("system property {}={} is not a whole number ≥ 1; using {} threads (the number of "
                + "available processors)", PROPERTY, value, fallback);
        return fallback;
    }

    /** The number of threads heavy kernels may use (≥ 1; 1 means everything runs on the caller's thread). */
    public static int threads() {
        return threads;
    }

    /**
     * Sets the number of threads heavy kernels may use; 1 makes every kernel serial. Takes effect for
     * operations started afterwards.
     *
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("setThreads: the number of threads must be ≥ 1, got " + n);
        }
        if (n != threads && pool != null) {
            pool.shutdown(); // running tasks finish; its threads then exit
            pool = null;
        }
        threads = n;
    }

    private static synchronized ForkJoinPool pool() {
        if (pool == null) {
            pool = new ForkJoinPool(Math.max(1, threads - 1), p -> { // the caller is the other thread
                ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
                t.setName("nabla-worker-" + t.getPoolIndex());
                t.setDaemon(true);
                return t;
            }, null, false);
        }
        return pool;
    }

    /**
     * Runs {@code body.accept(t)} for every t in [0, count), each exactly once, on the caller's thread
     * and up to {@code threads() − 1} helper threads when {@code parallel} is true and more than one
     * thread is allowed, else in order on the caller's thread. The calls must be independent of one
     * another (they may run in any order).
     *
     * <p>The caller works too: every participant takes the next unclaimed index until none is left
     * (so uneven pieces balance themselves), and the caller waits only for pieces another thread has
     * actually taken — waking a sleeping thread costs tens of microseconds, and when it comes late the
     * caller has done the work itself. An exception thrown by {@code body} on any thread is rethrown
     * to the caller once every taken piece has finished.
     */
    static void forEach(int count, boolean parallel, IntConsumer body) {
        int t = threads;
        if (!parallel || t == 1 || count <= 1) {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable drain = () -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                try {
                    body.accept(i);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    finished.incrementAndGet();
                }
            }
        };
        int helpers = Math.min(t - 1, count - 1);
        ForkJoinPool p = pool();
        try {
            for (int h = 0; h < helpers; h++) {
                p.execute(drain);
            }
        } catch (RejectedExecutionException e) {
            // setThreads shut this pool down meanwhile: the caller drains what is left
        }
        drain.run();
        // Wait only for pieces a helper has already taken (a helper that starts later finds nothing
        // left and returns at once); they are short, so the caller spins rather than sleeps.
        for (int spins = 0; finished.get() < count; spins++) {
            if (spins < 1 << 16) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException) {
            throw (RuntimeException) e;
        }
        if (e instanceof Error) {
            throw (Error) e;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
    }
}
