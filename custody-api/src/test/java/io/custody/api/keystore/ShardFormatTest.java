package io.custody.api.keystore;

import static io.custody.api.keystore.TestShards.body;
import static io.custody.api.keystore.TestShards.withChecksum;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardFormatTest {

    // Offsets of the v1 header (see ShardFormat).
    private static final int VERSION = 4;
    private static final int DEK_VERSION = 37;
    private static final int CURVE = 41;
    private static final int COUNT = 43;
    private static final int FIRST_ENTRY = 47;

    @Test
    void encodeThenDecode_returnsTheSameShard() throws Exception {
        Shard shard = new Shard(UUID.randomUUID(), UUID.randomUUID(), 7, KeyCurve.SECP256K1,
                List.of(new ShardEntry(UUID.randomUUID(), new byte[] {1}),
                        new ShardEntry(UUID.randomUUID(), new byte[61]),
                        new ShardEntry(UUID.randomUUID(), new byte[1024])));
        byte[] encoded = ShardFormat.encode(shard);

        assertEquals(shard, ShardFormat.decode(encoded));
        assertEquals(ShardFormat.MIN_BYTES + 3 * 18 + 1 + 61 + 1024, encoded.length);
        assertArrayEquals("CKSH".getBytes(), Arrays.copyOf(encoded, 4));
    }

    @Test
    void maxEntries_fitsAbout800SecpKeys() {
        assertEquals(828, ShardFormat.maxEntries(61));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 61, 100, 1024})
    void maxEntries_fillsAShardToAtMost65536Bytes_andOneMoreEntryDoesNotFit(int keyLength) throws Exception {
        int max = ShardFormat.maxEntries(keyLength);
        Shard full = new Shard(UUID.randomUUID(), UUID.randomUUID(), 1, KeyCurve.SECP256K1,
                TestShards.entries(max, keyLength));
        byte[] encoded = ShardFormat.encode(full);
        assertTrue(encoded.length <= 65_536, encoded.length + " bytes");
        assertTrue(encoded.length + 18 + keyLength > 65_536, "another entry would have fit");
        assertEquals(full, ShardFormat.decode(encoded));

        var e = assertThrows(IllegalArgumentException.class, () -> new Shard(UUID.randomUUID(), UUID.randomUUID(), 1,
                KeyCurve.SECP256K1, TestShards.entries(max + 1, keyLength)));
        assertTrue(e.getMessage().contains("65536-byte limit"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 1025})
    void maxEntries_refusesAKeyLengthNoShardCanHold(int keyLength) {
        assertThrows(IllegalArgumentException.class, () -> ShardFormat.maxEntries(keyLength));
    }

    @Test
    void decode_refusesEveryTruncation() {
        byte[] encoded = ShardFormat.encode(TestShards.shard(3));
        for (int length = 0; length < encoded.length; length++) {
            byte[] truncated = Arrays.copyOf(encoded, length);
            assertThrows(ShardFormatException.class, () -> ShardFormat.decode(truncated), "length " + length);
        }
    }

    @Test
    void decode_refusesAFlippedBitInAnyByte() {
        byte[] encoded = ShardFormat.encode(TestShards.shard(3));
        for (int i = 0; i < encoded.length; i++) {
            for (int bit : new int[] {0x01, 0x80}) {
                byte[] damaged = encoded.clone();
                damaged[i] ^= (byte) bit;
                assertThrows(ShardFormatException.class, () -> ShardFormat.decode(damaged), "byte " + i);
            }
        }
    }

    @Test
    void decode_refusesAChangedWrappedKey_asAChecksumMismatch() {
        byte[] damaged = ShardFormat.encode(TestShards.shard(2));
        damaged[FIRST_ENTRY + 18 + 5] ^= 1;
        assertFormatError("checksum", damaged);
    }

    @Test
    void decode_refusesBytesAfterTheChecksum() {
        byte[] encoded = ShardFormat.encode(TestShards.shard(2));
        assertThrows(ShardFormatException.class, () -> ShardFormat.decode(Arrays.copyOf(encoded, encoded.length + 1)));
    }

    @Test
    void decode_refusesTrailingBytesAfterTheLastEntry_evenWithAValidChecksum() {
        byte[] body = body(ShardFormat.encode(TestShards.shard(2)));
        assertFormatError("trailing", withChecksum(Arrays.copyOf(body, body.length + 3)));
    }

    @Test
    void decode_refusesAnotherMagic() {
        byte[] body = body(ShardFormat.encode(TestShards.shard(1)));
        body[0] = 'X';
        assertFormatError("magic", withChecksum(body));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 255})
    void decode_refusesAnotherFormatVersion(int version) {
        byte[] body = body(ShardFormat.encode(TestShards.shard(1)));
        body[VERSION] = (byte) version;
        assertFormatError("version " + version, withChecksum(body));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 0xFFFF})
    void decode_refusesAnUnknownCurveCode(int code) {
        byte[] body = body(ShardFormat.encode(TestShards.shard(1)));
        ByteBuffer.wrap(body).putShort(CURVE, (short) code);
        assertFormatError("curve", withChecksum(body));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void decode_refusesADekVersionOutOfRange(int dekVersion) {
        byte[] body = body(ShardFormat.encode(TestShards.shard(1)));
        ByteBuffer.wrap(body).putInt(DEK_VERSION, dekVersion);
        assertFormatError("DEK version", withChecksum(body));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 1000, -1})
    void decode_refusesAnEntryCountThatDisagreesWithTheEntries(int count) {
        byte[] body = body(ShardFormat.encode(TestShards.shard(2)));
        ByteBuffer.wrap(body).putInt(COUNT, count);
        assertThrows(ShardFormatException.class, () -> ShardFormat.decode(withChecksum(body)));
    }

    @Test
    void decode_refusesAnEntryCountLargerThanTheBytesCouldHold_beforeAllocating() {
        byte[] body = body(ShardFormat.encode(TestShards.shard(1)));
        ByteBuffer.wrap(body).putInt(COUNT, 0x7FFF_FFFF);
        assertFormatError("entry count", withChecksum(body));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1025, 0xFFFF})
    void decode_refusesAWrappedKeyLengthOutOfBounds(int length) {
        byte[] body = body(ShardFormat.encode(TestShards.shard(1)));
        ByteBuffer.wrap(body).putShort(FIRST_ENTRY + 16, (short) length);
        assertFormatError("entry 0", withChecksum(body));
    }

    @Test
    void decode_refusesAnAccountInTwoSlots() {
        byte[] body = body(ShardFormat.encode(TestShards.shard(2)));
        System.arraycopy(body, FIRST_ENTRY, body, FIRST_ENTRY + 18 + 61, 16);
        assertFormatError("repeats an account", withChecksum(body));
    }

    @Test
    void decode_refusesMoreThan65536Bytes() {
        assertFormatError("too large", new byte[65_537]);
    }

    @Test
    void shard_refusesNoEntries_anAccountTwice_andADekVersionBelowOne() {
        UUID tenant = UUID.randomUUID();
        List<ShardEntry> one = TestShards.entries(1);
        List<ShardEntry> twice = new ArrayList<>(one);
        twice.add(new ShardEntry(one.getFirst().accountId(), new byte[61]));
        assertThrows(IllegalArgumentException.class, () -> new Shard(tenant, UUID.randomUUID(), 1, KeyCurve.SECP256K1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Shard(tenant, UUID.randomUUID(), 1, KeyCurve.SECP256K1, twice));
        assertThrows(IllegalArgumentException.class, () -> new Shard(tenant, UUID.randomUUID(), 0, KeyCurve.SECP256K1, one));
    }

    @Test
    void shardEntry_keepsItsOwnCopy_andPrintsNoKeyBytes() {
        byte[] key = new byte[61];
        Arrays.fill(key, (byte) 0xAB);
        ShardEntry entry = new ShardEntry(UUID.randomUUID(), key);
        key[0] = 0;
        entry.wrappedKey()[1] = 0;
        assertEquals((byte) 0xAB, entry.wrappedKey()[0]);
        assertEquals((byte) 0xAB, entry.wrappedKey()[1]);
        assertFalse(entry.toString().toLowerCase().contains("abab"), entry.toString());
        assertTrue(entry.toString().contains("61 bytes"));
        assertThrows(IllegalArgumentException.class, () -> new ShardEntry(UUID.randomUUID(), new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new ShardEntry(UUID.randomUUID(), new byte[1025]));
    }

    private static void assertFormatError(String expected, byte[] bytes) {
        var e = assertThrows(ShardFormatException.class, () -> ShardFormat.decode(bytes));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        assertFalse(e.getMessage().contains(HexFormat.of().formatHex(bytes, bytes.length - 8, bytes.length)));
    }
}
