package io.custody.awslocal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * A write-ahead log in one file. Each record is framed as
 * {@code [u32 BE payload length][u32 BE CRC32C of payload][payload]}.
 *
 * <p>Durability: {@link #append} writes the whole frame at the end of the file and calls
 * {@link FileChannel#force(boolean) force(false)} (fdatasync: the data and the file length)
 * before it returns. A newly created file is also made durable in its directory.
 *
 * <p>Recovery: a crash can leave a torn last record (short, or zero-filled by the file system).
 * Replay stops there, truncates the file to the last whole record and continues; that record was
 * never acknowledged. A damaged record that is followed by more data is not a torn write but
 * corruption, and replay refuses to start rather than silently drop acknowledged writes.
 */
public final class FileJournal implements Journal {

    private static final System.Logger LOG = System.getLogger(FileJournal.class.getName());
    private static final int HEADER_BYTES = 8;
    /** Larger than any record the emulators write (64 KiB secrets, small keys); guards replay. */
    private static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    private final Path file;
    private final FileChannel channel;
    private boolean replayed;

    private FileJournal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (or creates) the journal file; call {@link #replay} before the first append. */
    public static FileJournal open(Path file) throws IOException {
        boolean created = !Files.exists(file);
        FileChannel channel = FileChannel.open(file,
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (created) {
            channel.force(true);
            DataDir.fsyncDirectory(file.toAbsolutePath().getParent());
        }
        return new FileJournal(file, channel);
    }

    @Override
    public synchronized void replay(Consumer<byte[]> consumer) throws IOException {
        long size = channel.size();
        long position = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        while (position < size) {
            header.clear();
            readFully(header, position);
            header.flip();
            int length = header.remaining() == HEADER_BYTES ? header.getInt() : -1;
            int crc = header.remaining() == 4 ? header.getInt() : 0;
            byte[] payload = validPayload(position, size, length, crc);
            if (payload == null) {
                recoverTail(position, size);
                break;
            }
            consumer.accept(payload);
            position += HEADER_BYTES + length;
        }
        channel.position(channel.size());
        replayed = true;
    }

    @Override
    public synchronized void append(byte[] record) throws IOException {
        if (!replayed) {
            throw new IllegalStateException("replay the journal before appending to it");
        }
        if (record.length == 0 || record.length > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("journal record size out of range: " + record.length);
        }
        ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + record.length);
        frame.putInt(record.length).putInt(crc(record)).put(record).flip();
        long start = channel.size();
        try {
            while (frame.hasRemaining()) {
                channel.write(frame, start + frame.position());
            }
            channel.force(false);
        } catch (IOException e) {
            // Do not leave a partial frame for the next append to land behind (that would read as
            // mid-file corruption on replay). The caller reports the write as failed.
            try {
                channel.truncate(start);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    /** Returns the payload of the record at {@code position}, or null if the record is not whole and intact. */
    private byte[] validPayload(long position, long size, int length, int expectedCrc) throws IOException {
        if (length <= 0 || length > MAX_RECORD_BYTES || position + HEADER_BYTES + length > size) {
            return null;
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        readFully(payload, position + HEADER_BYTES);
        byte[] bytes = payload.array();
        return crc(bytes) == expectedCrc ? bytes : null;
    }

    private void recoverTail(long position, long size) throws IOException {
        if (!isTornTail(position, size)) {
            throw new IOException("journal " + file + " is corrupt at offset " + position
                    + " (a damaged record is followed by more records); refusing to start");
        }
        LOG.log(System.Logger.Level.WARNING, "journal {0}: dropping a torn record at offset {1} ({2} bytes)",
                file, position, size - position);
        channel.truncate(position);
        channel.force(true);
    }

    /**
     * A torn tail is a record whose frame runs past the end of the file, or a tail of zero bytes,
     * or a bad last record that ends exactly at the end of the file.
     */
    private boolean isTornTail(long position, long size) throws IOException {
        ByteBuffer rest = ByteBuffer.allocate((int) Math.min(size - position, MAX_RECORD_BYTES + HEADER_BYTES + 1L));
        readFully(rest, position);
        rest.flip();
        if (rest.remaining() < HEADER_BYTES) {
            return true;
        }
        int length = rest.getInt(0);
        if (length > 0 && length <= MAX_RECORD_BYTES && position + HEADER_BYTES + length >= size) {
            return true;
        }
        while (rest.hasRemaining()) {
            if (rest.get() != 0) {
                return false;
            }
        }
        return size - position <= MAX_RECORD_BYTES + HEADER_BYTES;
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                return;
            }
            at += n;
        }
    }

    private static int crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
