package io.custody.awslocal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The emulator's data directory: one journal file per service, guarded by a lock file so two
 * emulator processes never append to the same journals.
 */
public final class DataDir implements AutoCloseable {

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDir(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Creates the directory if needed and takes its lock; fails if another emulator holds it. */
    public static DataDir open(Path root) throws IOException {
        Files.createDirectories(root);
        FileChannel channel = FileChannel.open(root.resolve(".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("data directory " + root + " is in use by another emulator");
        }
        return new DataDir(root, channel, lock);
    }

    /** Opens the journal of one service, e.g. {@code kms} gives {@code kms.journal}. */
    public FileJournal journal(String service) throws IOException {
        return FileJournal.open(root.resolve(service + ".journal"));
    }

    public Path root() {
        return root;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }

    /** Makes a file creation or rename in {@code dir} durable. Best effort where unsupported. */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms (Windows) cannot open a directory; Linux, where this matters, can.
            if (System.getProperty("os.name", "").toLowerCase().contains("linux")) {
                throw e instanceof IOException io ? io : new IOException(e);
            }
        }
    }
}
