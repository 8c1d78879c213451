package io.mlstages.registry;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The exclusive lock of one model: an in-JVM lock first, then an operating-system lock on the model's
 * {@code .lock} file. Both are needed: a file lock is held by the whole JVM (a second thread's attempt fails
 * instead of waiting), and on Linux closing any channel to the file drops every lock the JVM holds on it, so at
 * most one channel per file may be open in a JVM at a time. The operating system releases the file lock when a
 * process dies, so a killed writer never leaves the model locked.
 */
final class ModelLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private ModelLock(final ReentrantLock local, final FileChannel channel, final FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    static ModelLock acquire(final Path lockFile, final String model) {
        Path key;
        try {
            if (!Files.exists(lockFile)) {
                try {
                    Files.createFile(lockFile);
                } catch (java.nio.file.FileAlreadyExistsException ignored) {
                    // another writer created it first: the same file serves both
                }
            }
            key = lockFile.toRealPath();
        } catch (IOException e) {
            throw new RegistryException("Cannot lock model " + model + " (" + lockFile + "): " + e.getMessage(), e);
        }
        ReentrantLock local = LOCAL.computeIfAbsent(key, k -> new ReentrantLock());
        local.lock();
        if (local.getHoldCount() > 1) {
            local.unlock();
            throw new IllegalStateException("The lock of model " + model + " is not reentrant");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            return new ModelLock(local, channel, lock);
        } catch (IOException | RuntimeException e) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // the lock error below is what matters
            }
            local.unlock();
            throw new RegistryException("Cannot lock model " + model + " (" + lockFile + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock in any case
        } finally {
            local.unlock();
        }
    }
}
