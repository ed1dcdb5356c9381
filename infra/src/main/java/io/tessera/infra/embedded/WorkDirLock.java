package io.tessera.infra.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on the working directory: two stacks on the same data would corrupt it. The operating system
 * releases the lock when the JVM dies, so a crashed run never blocks the next one.
 */
final class WorkDirLock implements AutoCloseable {

    static final String FILE_NAME = ".tessera-stack.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private WorkDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static WorkDirLock acquire(Path workDir) {
        Path file = workDir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(workDir, null);
            }
            return new WorkDirLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel, e);
            throw inUse(workDir, e);
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new StackStartException(null, "Cannot lock the working directory " + workDir + " (" + file
                    + "): " + e.getMessage() + ". Check that it exists and is writable.", e);
        } catch (StackStartException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static StackStartException inUse(Path workDir, Throwable cause) {
        return new StackStartException(null, "The working directory " + workDir + " is in use by another embedded"
                + " Tessera stack (in this or another process). Stop that one first, or use another working"
                + " directory.", cause);
    }

    private static void closeQuietly(FileChannel channel, Exception failure) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
