package io.mlstages.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prediction log: request threads hand finished lines to a bounded queue without waiting; one writer thread
 * appends them to {@value #CURRENT} and rotates it by size. When the queue is full a line is dropped and counted,
 * rather than a request waiting on the disk.
 */
final class PredictionLog implements AutoCloseable {
    /** The file being written. */
    static final String CURRENT = "predictions.jsonl";
    /** Rotated files: {@code predictions-<UTC timestamp>-<sequence>.jsonl}, sortable by name. */
    static final Pattern ROTATED = Pattern.compile("predictions-(\\d{8}T\\d{6}Z)-(\\d{6})\\.jsonl");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final byte[] STOP = new byte[0];
    /** Lines written between flushes at most; the writer also flushes whenever the queue runs dry. */
    private static final int BATCH = 1024;

    private final Path dir;
    private final long maxBytes;
    private final int keep;
    private final BlockingQueue<byte[]> queue;
    private final Thread writer;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private OutputStream out;
    private long size;
    private int sequence;

    PredictionLog(final Path dir, final long maxBytes, final int keep, final int queueSize) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.keep = keep;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        try {
            Files.createDirectories(dir);
            Path current = dir.resolve(CURRENT);
            size = Files.exists(current) ? Files.size(current) : 0;
            sequence = nextSequence();
            out = open();
        } catch (IOException e) {
            throw new ServeException(dir + ": cannot open the prediction log: " + e.getMessage(), e);
        }
        writer = new Thread(this::run, "mlstages-prediction-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues a line (ending with a newline) without blocking; false when the queue was full and it was dropped. */
    boolean offer(final byte[] line) {
        if (queue.offer(line)) {
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    long bytesWritten() {
        return written.get();
    }

    long dropped() {
        return dropped.get();
    }

    int queued() {
        return queue.size();
    }

    /** The last write error, if the log has failed (the server keeps serving, the lines are counted as dropped). */
    IOException failure() {
        return failure.get();
    }

    private void run() {
        List<byte[]> batch = new ArrayList<>(BATCH);
        try {
            while (true) {
                byte[] first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                boolean stop = false;
                for (byte[] line : batch) {
                    if (line == STOP) {
                        stop = true;
                    } else {
                        write(line);
                    }
                }
                batch.clear();
                flush();
                if (stop) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(final byte[] line) {
        if (failure.get() != null) {
            dropped.incrementAndGet();
            return;
        }
        try {
            if (size > 0 && size + line.length > maxBytes) {
                rotate();
            }
            out.write(line);
            size += line.length;
            written.addAndGet(line.length);
        } catch (IOException e) {
            failure.compareAndSet(null, e);
            dropped.incrementAndGet();
        }
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            failure.compareAndSet(null, e);
        }
    }

    /** Closes the current file, renames it to its rotated name, opens a fresh one and prunes old rotated files. */
    private void rotate() throws IOException {
        out.close();
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(STAMP);
        Path target = dir.resolve(String.format("predictions-%s-%06d.jsonl", stamp, sequence++ % 1_000_000));
        Files.move(dir.resolve(CURRENT), target, StandardCopyOption.ATOMIC_MOVE);
        size = 0;
        out = open();
        prune();
    }

    private OutputStream open() throws IOException {
        return new java.io.BufferedOutputStream(Files.newOutputStream(dir.resolve(CURRENT), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE), 64 * 1024);
    }

    private void prune() throws IOException {
        List<Path> rotated = rotated(dir);
        for (int i = 0; i < rotated.size() - keep; i++) {
            Files.deleteIfExists(rotated.get(i));
        }
    }

    /** The rotated files of a log folder, oldest first (by the sequence number, then the timestamp). */
    static List<Path> rotated(final Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "predictions-*.jsonl")) {
            for (Path file : files) {
                if (ROTATED.matcher(file.getFileName().toString()).matches()) {
                    out.add(file);
                }
            }
        }
        out.sort((a, b) -> key(a).compareTo(key(b)));
        return out;
    }

    /** Timestamp then sequence: the sequence alone restarts at 0 when a server restarts on an emptied folder. */
    private static String key(final Path file) {
        Matcher m = ROTATED.matcher(file.getFileName().toString());
        m.matches();
        return m.group(1) + "-" + m.group(2);
    }

    /** Continues the sequence after the highest rotated file present, so that a restart never reuses a name. */
    private int nextSequence() throws IOException {
        int next = 0;
        for (Path file : rotated(dir)) {
            Matcher m = ROTATED.matcher(file.getFileName().toString());
            m.matches();
            next = Math.max(next, Integer.parseInt(m.group(2)) + 1);
        }
        return next;
    }

    /** Writes what is queued, then closes the file. */
    @Override
    public void close() {
        try {
            queue.put(STOP);
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            out.close();
        } catch (IOException e) {
            failure.compareAndSet(null, e);
        }
    }
}
