package org.nabla.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The peak memory use of a stretch of a program (between {@link #start()} and {@link #stop()}), in MiB,
 * measured in two ways:
 * <ul>
 *   <li><b>Java heap</b>. {@code start} runs a full GC and records the heap then in use (the live
 *   data: data set, model). Between start and stop, every collection reports, through the standard
 *   GC notifications of {@code java.lang.management}, the heap in use just before it (the heap is
 *   fullest then: it only grows between collections) and just after it (about the live data).
 *   The <i>heap peak</i> is the largest of the before-collection figures and of the heap in use at
 *   {@code stop}; the <i>live peak</i> is the largest after-collection figure. The heap peak
 *   includes garbage not yet collected, so it depends on how large the collector lets the young
 *   generation grow (with G1, on the maximum heap size); the live peak does not.</li>
 *   <li><b>Resident set size</b> of the process (Linux): {@code start} resets the kernel's
 *   high-water mark ({@code echo 5 > /proc/self/clear_refs}), {@code stop} reads it ({@code VmHWM}
 *   of {@code /proc/self/status}). This is the same measurement as the PyTorch peer's, and includes
 *   what is not heap (the JVM, its compiled code, thread stacks) and heap that was touched before
 *   and not given back. NaN where {@code /proc} is not available.</li>
 * </ul>
 */
final class PeakMemory implements NotificationListener {
    private static final double MIB = 1024.0 * 1024.0;

    private final Set<String> heapPools = new HashSet<>();
    /** Per collector, the number of collections it had done at {@link #start()}: notifications of those are ignored. */
    private final Map<String, Long> countAtStart = new HashMap<>();
    private long heapBefore;
    private long heapPeak;
    private long livePeak;
    private double rssBefore;
    private int collections;

    /** Collects garbage, records the live heap and resets the peaks; call just before the stretch to measure. */
    synchronized void start() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        System.gc();
        heapBefore = heapUsed();
        heapPeak = heapBefore;
        livePeak = heapBefore;
        collections = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            countAtStart.put(gc.getName(), gc.getCollectionCount());
        }
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // no /proc: the RSS figures are NaN
        }
        rssBefore = procStatusMiB("VmRSS");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(this, null, null);
        }
    }

    /**
     * Ends the measurement and returns it as {@code key=value} pairs (MiB):
     * {@code heap_before heap_peak heap_live_peak gcs rss_before rss_peak}.
     */
    String stop() throws InterruptedException {
        long end = heapUsed();
        Thread.sleep(200); // notifications are delivered asynchronously, shortly after each collection
        double rssPeak = Math.max(rssBefore, procStatusMiB("VmHWM")); // the two are read at different moments
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(this);
            } catch (javax.management.ListenerNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        synchronized (this) {
            heapPeak = Math.max(heapPeak, end);
            return String.format(Locale.ROOT, "heap_before=%.1f heap_peak=%.1f heap_live_peak=%.1f gcs=%d rss_before=%.1f rss_peak=%.1f",
                    heapBefore / MIB, heapPeak / MIB, livePeak / MIB, collections, rssBefore, rssPeak);
        }
    }

    @Override
    public synchronized void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        var gc = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        var info = gc.getGcInfo();
        if (info.getId() <= countAtStart.getOrDefault(gc.getGcName(), 0L)) {
            return; // a collection from before start(), e.g. start's own, reported late
        }
        heapPeak = Math.max(heapPeak, heapSum(info.getMemoryUsageBeforeGc()));
        livePeak = Math.max(livePeak, heapSum(info.getMemoryUsageAfterGc()));
        collections++;
    }

    private long heapSum(Map<String, MemoryUsage> pools) {
        long sum = 0;
        for (Map.Entry<String, MemoryUsage> e : pools.entrySet()) {
            if (heapPools.contains(e.getKey())) {
                sum += e.getValue().getUsed();
            }
        }
        return sum;
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A line of /proc/self/status such as {@code VmHWM:  123456 kB}, in MiB; NaN when unavailable. */
    private static double procStatusMiB(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            // no /proc
        }
        return Double.NaN;
    }
}
