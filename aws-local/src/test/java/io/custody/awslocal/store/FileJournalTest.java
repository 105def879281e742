package io.custody.awslocal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileJournalTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("test.journal");
    }

    private List<String> replay() throws IOException {
        List<String> records = new ArrayList<>();
        try (FileJournal journal = FileJournal.open(file())) {
            journal.replay(bytes -> records.add(new String(bytes, StandardCharsets.UTF_8)));
        }
        return records;
    }

    private void write(String... records) throws IOException {
        try (FileJournal journal = FileJournal.open(file())) {
            journal.replay(bytes -> { });
            for (String record : records) {
                journal.append(record.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void replay_returnsEveryAppendedRecordInOrder_acrossReopens() throws IOException {
        write("one", "two");
        write("three");
        assertEquals(List.of("one", "two", "three"), replay());
    }

    @Test
    void replay_dropsATruncatedLastRecord_andLaterAppendsFollowTheLastGoodOne() throws IOException {
        write("one", "two");
        long goodSize = Files.size(file());
        write("three-is-torn");
        try (var channel = java.nio.channels.FileChannel.open(file(), StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(file()) - 3);
        }
        assertEquals(List.of("one", "two"), replay());
        assertEquals(goodSize, Files.size(file()), "the torn bytes are cut off");
        write("four");
        assertEquals(List.of("one", "two", "four"), replay());
    }

    @Test
    void replay_dropsAPartialHeader_andAZeroFilledTail() throws IOException {
        write("one");
        Files.write(file(), new byte[] {0, 0}, StandardOpenOption.APPEND);
        assertEquals(List.of("one"), replay());
        Files.write(file(), new byte[64], StandardOpenOption.APPEND);
        assertEquals(List.of("one"), replay());
    }

    @Test
    void replay_dropsALastRecordWithABadChecksum() throws IOException {
        write("one", "two");
        flipLastByte();
        assertEquals(List.of("one"), replay());
    }

    @Test
    void replay_refusesToStart_whenARecordInTheMiddleIsCorrupt() throws IOException {
        write("one", "two", "three");
        byte[] bytes = Files.readAllBytes(file());
        bytes[8] ^= 0x40; // first payload byte of "one"
        Files.write(file(), bytes);
        IOException error = assertThrows(IOException.class, this::replay);
        assertEquals(true, error.getMessage().contains("corrupt at offset 0"));
    }

    @Test
    void append_beforeReplay_isRefused() throws IOException {
        try (FileJournal journal = FileJournal.open(file())) {
            assertThrows(IllegalStateException.class, () -> journal.append(new byte[] {1}));
        }
    }

    private void flipLastByte() throws IOException {
        byte[] bytes = Files.readAllBytes(file());
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(file(), bytes);
    }
}
