package dev.proximity.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive OS lock on the data directory, held for the life of the process. A second copy of the app
 * on the same directory fails here with a clear message before it can touch the database files. The lock
 * dies with the process, so a crashed run never leaves a lock that blocks the next start.
 */
final class DataDirectoryLock implements AutoCloseable {

    private static final String LOCK_FILE = "proximity.lock";

    /**
     * Directories locked by this JVM, checked before the lock file is opened: the OS lock belongs to the
     * process, and closing any descriptor of the file (even one a refused second attempt opened) drops it.
     */
    private static final Set<Path> HELD_BY_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path dataDir) {
        Path lockFile = dataDir.resolve(LOCK_FILE);
        Path key;
        try {
            Files.createDirectories(dataDir);
            key = dataDir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock the data directory " + dataDir.toAbsolutePath(), e);
        }
        if (!HELD_BY_THIS_JVM.add(key)) {
            throw new DataDirectoryInUseException(dataDir, Long.toString(ProcessHandle.current().pid()));
        }
        boolean locked = false;
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = new String(Files.readAllBytes(lockFile), StandardCharsets.UTF_8).trim();
                channel.close();
                throw new DataDirectoryInUseException(dataDir, holder);
            }
            channel.truncate(0);
            channel.write(StandardCharsets.UTF_8.encode(Long.toString(ProcessHandle.current().pid())));
            channel.force(true);
            locked = true;
            return new DataDirectoryLock(key, channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock the data directory " + dataDir.toAbsolutePath(), e);
        } finally {
            if (!locked) {
                HELD_BY_THIS_JVM.remove(key);
            }
        }
    }

    @Override
    public void close() {
        if (!channel.isOpen()) {
            return; // closed before; the directory may already belong to a newer lock of this JVM
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the OS releases the lock with the process anyway
        } finally {
            HELD_BY_THIS_JVM.remove(key);
        }
    }
}
