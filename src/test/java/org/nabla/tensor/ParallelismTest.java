package org.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelismTest {
    @Test
    void threadsPropertyIsParsed() {
        assertThat(Parallelism.parseThreads(null, 8)).isEqualTo(8);
        assertThat(Parallelism.parseThreads(" ", 8)).isEqualTo(8);
        assertThat(Parallelism.parseThreads("1", 8)).isEqualTo(1);
        assertThat(Parallelism.parseThreads(" 3 ", 8)).isEqualTo(3);
        assertThat(Parallelism.parseThreads("0", 8)).isEqualTo(8);
        assertThat(Parallelism.parseThreads("many", 2)).isEqualTo(2);
        assertThat(Parallelism.parseThreads(null, 0)).isEqualTo(1);
        assertThat(Parallelism.threads()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void forEachRunsEveryIndexExactlyOnce() {
        int before = Parallelism.threads();
        try {
            for (int threads : new int[] {1, 2, 4}) {
                Parallelism.setThreads(threads);
                for (boolean parallel : new boolean[] {false, true}) {
                    AtomicIntegerArray hits = new AtomicIntegerArray(37);
                    Parallelism.forEach(37, parallel, hits::incrementAndGet);
                    for (int i = 0; i < 37; i++) {
                        assertThat(hits.get(i)).isEqualTo(1);
                    }
                }
            }
            Parallelism.forEach(0, true, i -> {
                throw new AssertionError("no index to run");
            });
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void anExceptionInAnyPieceReachesTheCaller() {
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(3);
            for (int bad : new int[] {0, 17, 36}) {
                assertThatThrownBy(() -> Parallelism.forEach(37, true, i -> {
                    if (i == bad) {
                        throw new IllegalStateException("piece " + i);
                    }
                })).isInstanceOf(IllegalStateException.class).hasMessage("piece " + bad);
            }
            AtomicIntegerArray hits = new AtomicIntegerArray(5); // the helpers still work afterwards
            Parallelism.forEach(5, true, hits::incrementAndGet);
            assertThat(hits.toString()).isEqualTo("[1, 1, 1, 1, 1]");
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void serialMeansTheCallersThread() {
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(1);
            Thread me = Thread.currentThread();
            Parallelism.forEach(5, true, i -> assertThat(Thread.currentThread()).isSameAs(me));
        } finally {
            Parallelism.setThreads(before);
        }
    }
}
