package io.custody.enclave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.custody.enclave.internal.Hex;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Secp256k1KeysTest {

    private static final String N = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

    /** A "random" source that returns scripted 32-byte draws. */
    private static final class ScriptedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final Deque<byte[]> draws = new ArrayDeque<>();

        ScriptedRandom(String... hexDraws) {
            for (String h : hexDraws) {
                draws.add(Hex.decode(h));
            }
        }

        @Override
        public void nextBytes(byte[] bytes) {
            byte[] next = draws.removeFirst();
            System.arraycopy(next, 0, bytes, 0, bytes.length);
        }
    }

    @Test
    void generate_redrawsScalarsOutsideOneToNMinusOne() {
        String valid = "46".repeat(32);
        ScriptedRandom random = new ScriptedRandom("00".repeat(32), N, "ff".repeat(32), valid);
        try (SecretBytes key = Secp256k1Keys.generate(random)) {
            assertEquals(valid, Hex.encode(key.unsafeBytes()));
        }
    }

    @Test
    void generate_acceptsNMinusOne() {
        String nMinusOne = N.substring(0, 62) + "40";
        try (SecretBytes key = Secp256k1Keys.generate(new ScriptedRandom(nMinusOne))) {
            assertEquals(nMinusOne, Hex.encode(key.unsafeBytes()));
        }
    }

    @Test
    void generate_producesDistinctKeys() {
        SecureRandom random = new SecureRandom();
        try (SecretBytes a = Secp256k1Keys.generate(random); SecretBytes b = Secp256k1Keys.generate(random)) {
            assertNotEquals(Hex.encode(a.unsafeBytes()), Hex.encode(b.unsafeBytes()));
        }
    }

    /** EIP-155 example key 0x4646..46; its address is the well-known 0x9d8A62f6...5A4F. */
    @Test
    void publicKey_derivesUncompressedCompressedAndChecksummedAddress() {
        try (SecretBytes key = SecretBytes.takeOwnership(Hex.decode("46".repeat(32)))) {
            Secp256k1PublicKey pub = Secp256k1Keys.publicKey(key);
            byte[] uncompressed = pub.uncompressed();
            byte[] compressed = pub.compressed();
            assertEquals(65, uncompressed.length);
            assertEquals(0x04, uncompressed[0]);
            assertEquals(33, compressed.length);
            assertEquals((uncompressed[64] & 1) == 0 ? 0x02 : 0x03, compressed[0]);
            assertArrayEquals(java.util.Arrays.copyOfRange(uncompressed, 1, 33),
                    java.util.Arrays.copyOfRange(compressed, 1, 33));
            assertEquals("0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F", pub.address().toChecksumString());
        }
    }

    /** The examples listed in EIP-55. */
    @ParameterizedTest
    @ValueSource(strings = {
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
        "0x52908400098527886E0F7030069857D2E4169EE7",
        "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
        "0xde709f2102306220921060314715629080e2fb77",
        "0x27b1fdb04752bbc536007a920d24acb045561c26"})
    void address_formatsWithEip55Checksum(String checksummed) {
        EthAddress parsed = EthAddress.parse(checksummed.toLowerCase());
        assertEquals(checksummed, parsed.toChecksumString());
        assertEquals(parsed, EthAddress.parse(checksummed));
    }

    @Test
    void address_withWrongMixedCaseChecksum_isRefused() {
        assertThrows(InvalidPayloadException.class,
                () -> EthAddress.parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
    }

    @Test
    void address_ofWrongLength_isRefused() {
        for (String bad : List.of("0x", "0x1234", "0x" + "00".repeat(21), "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")) {
            assertThrows(InvalidPayloadException.class, () -> EthAddress.parse(bad));
        }
    }
}
