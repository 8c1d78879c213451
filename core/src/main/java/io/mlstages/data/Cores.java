package io.mlstages.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides whether a file gets a reading thread of its own: only when a processor would otherwise sit idle. On a
 * machine without a free core a third thread does not shorten the run, it only adds the hand-over (measured on 2
 * loaded cores: about 0.3 s more processor time per 1M-row file, and no shorter wall time). Busy means: the files
 * this process is reading now (each keeps its caller busy) and, on Linux, the threads of other processes that are
 * runnable at this instant ({@code /proc/loadavg}, less this process's own runnable threads).
 */
final class Cores {
    /** Files being read now through {@link DataReader#open(Path, ReadOptions)}, by any thread. */
    private static final AtomicInteger READING = new AtomicInteger();
    private static final Path LOAD = Path.of("/proc/loadavg");
    private static final Path OWN_THREADS = Path.of("/proc/self/task");

    private Cores() {
    }

    /** Counts a file as being read, until the returned action runs (at most once, whatever the callers do). */
    static Runnable reading() {
        READING.incrementAndGet();
        AtomicInteger once = new AtomicInteger();
        return () -> {
            if (once.compareAndSet(0, 1)) {
                READING.decrementAndGet();
            }
        };
    }

    /** The files being read now. */
    static int filesBeingRead() {
        return READING.get();
    }

    /** Whether a reading thread would have a processor to itself, besides the callers of the files being read. */
    static boolean spare() {
        int free = Runtime.getRuntime().availableProcessors() - READING.get();
        return free >= 1 && free - othersRunnable() >= 1;
    }

    /** Runnable threads of other processes right now, or 0 when the system does not tell (not Linux). */
    private static int othersRunnable() {
        try {
            String[] fields = Files.readString(LOAD).trim().split(" ");
            String tasks = fields[3]; // "running/total"
            int running = Integer.parseInt(tasks.substring(0, tasks.indexOf('/')));
            return Math.max(0, running - ownRunnable());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static int ownRunnable() throws IOException {
        int count = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(OWN_THREADS)) {
            for (Path thread : threads) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat")); // "tid (name) S ...": S is the state
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                int close = stat.lastIndexOf(')');
                if (close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'R') {
                    count++;
                }
            }
        }
        return count;
    }
}
