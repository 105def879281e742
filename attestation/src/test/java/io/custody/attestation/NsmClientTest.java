package io.custody.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** NsmClient checks what comes back instead of trusting it. */
class NsmClientTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void getRandom_sendsBareGetRandomText_andReturnsRandomField() throws Exception {
        AtomicReference<byte[]> sent = new AtomicReference<>();
        NsmClient client = new NsmClient(request -> {
            sent.set(request);
            return HEX.parseHex("a169" + hex("GetRandom") + "a166" + hex("random") + "43010203");
        });

        assertArrayEquals(new byte[] {1, 2, 3}, client.getRandom());
        assertArrayEquals(HEX.parseHex("69" + hex("GetRandom")), sent.get());
    }

    @Test
    void call_failsWithInvalidResponse_whenResponseIsForAnotherRequest() {
        NsmClient client = new NsmClient(request -> HEX.parseHex("67" + hex("LockPCR")));
        assertCode(NsmErrorCode.INVALID_RESPONSE, client::getRandom);
    }

    @Test
    void call_failsWithInvalidResponse_whenResponseIsGarbage() {
        assertCode(NsmErrorCode.INVALID_RESPONSE, new NsmClient(request -> new byte[] {(byte) 0xff})::describeNsm);
        assertCode(NsmErrorCode.INVALID_RESPONSE, new NsmClient(request -> null)::describeNsm);
    }

    @Test
    void getRandom_failsWithInvalidResponse_whenNsmReturnsNoBytes() {
        NsmClient client = new NsmClient(request -> HEX.parseHex("a169" + hex("GetRandom") + "a166" + hex("random") + "40"));
        assertCode(NsmErrorCode.INVALID_RESPONSE, client::getRandom);
    }

    @Test
    void call_surfacesNsmErrorCode() {
        NsmClient client = new NsmClient(request -> HEX.parseHex("a165" + hex("Error") + "6d" + hex("ReadOnlyIndex")));
        assertCode(NsmErrorCode.READ_ONLY_INDEX, () -> client.extendPcr(0, new byte[] {1}));
    }

    private static void assertCode(NsmErrorCode code, Executable call) {
        NsmException e = assertThrows(NsmException.class, call);
        assertEquals(code, e.code());
    }

    private static String hex(String ascii) {
        return HEX.formatHex(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
