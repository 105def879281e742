package io.custody.enclave.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.enclave.client.EnclaveClient;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server survives hostile input, and the client multiplexes, times out and reconnects. */
class FrameServerTest {
    private FrameServer server;
    private EnclaveClient client;

    /** ATTEST echoes the nonce reversed; SIGN fails as the enclave would; HEALTH sleeps when asked. */
    private static byte[] handle(Operation operation, byte[] payload) throws EnclaveException, WireFormatException {
        return switch (operation) {
            case ATTEST -> {
                byte[] nonce = Messages.AttestRequest.decode(payload).nonce();
                byte[] reversed = new byte[nonce.length];
                for (int i = 0; i < nonce.length; i++) {
                    reversed[i] = nonce[nonce.length - 1 - i];
                }
                yield new Messages.AttestResponse(reversed).encode();
            }
            case SIGN -> throw new EnclaveException(ErrorCode.POLICY_DENIED, "denied by rule", "rule-7");
            case SEAL_POLICY -> throw new IllegalStateException("secret material 0xdeadbeef");
            case HEALTH -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                yield new Messages.HealthResponse("UP", "test", new byte[48]).encode();
            }
            default -> throw new EnclaveException(ErrorCode.INVALID_REQUEST, "not in this test");
        };
    }

    @BeforeEach
    void start() throws IOException {
        server = FrameServer.start(new InetSocketAddress("127.0.0.1", 0), FrameServerTest::handle, 64 * 1024, 4, 1000,
                Duration.ofMillis(500));
        client = new EnclaveClient(new InetSocketAddress("127.0.0.1", server.port()), 2, Duration.ofSeconds(5),
                Duration.ofSeconds(2), 64 * 1024);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private byte[] attest(byte... nonce) throws EnclaveException {
        return client.attest(new Messages.AttestRequest(nonce)).document();
    }

    @Test
    void manyConcurrentRequests_eachGetTheirOwnAnswer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                byte[] nonce = {(byte) i, (byte) (i >> 8), 42};
                results.add(pool.submit(() -> {
                    byte[] answer = attest(nonce);
                    return answer[0] == 42 && answer[1] == nonce[1] && answer[2] == nonce[0];
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void enclaveErrors_reachTheCaller_withCodeAndDetail() {
        var request = new Messages.SignRequest(java.util.UUID.randomUUID(), java.util.UUID.randomUUID(),
                new DataKeyRef(1, "k", new byte[1]), new AwsCredentials("a", "b", null), new byte[20], new byte[1],
                new SignPayload.PersonalMessage(new byte[1]), null);
        EnclaveException e = assertThrows(EnclaveException.class, () -> client.sign(request));
        assertEquals(ErrorCode.POLICY_DENIED, e.code());
        assertEquals("rule-7", e.detail().orElseThrow());
    }

    @Test
    void unexpectedHandlerFailure_isInternal_withoutItsMessage() {
        var request = new Messages.SealPolicyRequest(java.util.UUID.randomUUID(), new DataKeyRef(1, "k", new byte[1]),
                new AwsCredentials("a", "b", null), 1, new byte[2]);
        EnclaveException e = assertThrows(EnclaveException.class, () -> client.sealPolicy(request));
        assertEquals(ErrorCode.INTERNAL, e.code());
        assertTrue(!e.getMessage().contains("deadbeef"));
    }

    @Test
    void slowAnswer_timesOut_andTheClientStaysUsable() throws Exception {
        EnclaveException e = assertThrows(EnclaveException.class,
                () -> client.call(Operation.HEALTH, new byte[0], Duration.ofMillis(50)));
        assertEquals(ErrorCode.TIMEOUT, e.code());
        assertArrayEquals(new byte[] {2, 1}, attest((byte) 1, (byte) 2));
    }

    @Test
    void serverDown_isUnavailable_andTheClientReconnectsWhenItIsBack() throws Exception {
        int port = server.port();
        attest((byte) 1);
        server.close();
        EnclaveException e = assertThrows(EnclaveException.class, () -> attest((byte) 1));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());

        server = FrameServer.start(new InetSocketAddress("127.0.0.1", port), FrameServerTest::handle, 64 * 1024, 4, 100,
                Duration.ofMillis(500));
        byte[] answer = null;
        for (int attempt = 0; attempt < 4 && answer == null; attempt++) {
            try {
                answer = attest((byte) 5, (byte) 6);
            } catch (EnclaveException retry) {
                assertEquals(ErrorCode.UNAVAILABLE, retry.code()); // a pooled connection that died with the old server
            }
        }
        assertArrayEquals(new byte[] {6, 5}, answer);
    }

    // --- Hostile peers, speaking raw bytes ---------------------------------------------------

    private Socket raw() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(3000);
        return socket;
    }

    private static Frame readReply(Socket socket) throws Exception {
        return Frame.readFrom(socket.getInputStream(), 1 << 20);
    }

    @Test
    void oversizeFrame_getsAnErrorFrame_andTheConnectionIsClosed() throws Exception {
        try (Socket socket = raw()) {
            new DataOutputStream(socket.getOutputStream()).writeInt(10_000_000);
            Frame reply = readReply(socket);
            assertEquals(ErrorCode.FRAME_TOO_LARGE, reply.toException().code());
            assertNull(readReply(socket));
        }
        assertArrayEquals(new byte[] {1}, attest((byte) 1));
    }

    @Test
    void unknownVersion_getsAnErrorFrame_andTheConnectionGoesOn() throws Exception {
        try (Socket socket = raw()) {
            var out = socket.getOutputStream();
            new Frame(9, Frame.Kind.REQUEST, 77, Operation.HEALTH.code(), new byte[0]).writeTo(out);
            Frame reply = readReply(socket);
            assertEquals(77, reply.requestId());
            assertEquals(ErrorCode.UNSUPPORTED_VERSION, reply.toException().code());

            Frame.request(78, Operation.ATTEST, new Messages.AttestRequest(new byte[] {3}).encode()).writeTo(out);
            Frame ok = readReply(socket);
            assertEquals(Frame.Kind.RESPONSE, ok.kind());
            assertEquals(78, ok.requestId());
        }
    }

    @Test
    void unknownOperation_andMalformedPayload_getErrorFrames() throws Exception {
        try (Socket socket = raw()) {
            var out = socket.getOutputStream();
            new Frame(Frame.VERSION, Frame.Kind.REQUEST, 1, 999, new byte[0]).writeTo(out);
            assertEquals(ErrorCode.UNKNOWN_OPERATION, readReply(socket).toException().code());
            Frame.request(2, Operation.ATTEST, new byte[] {0, 0, 0, 9}).writeTo(out);
            assertEquals(ErrorCode.INVALID_REQUEST, readReply(socket).toException().code());
        }
    }

    @Test
    void truncatedOrStalledFrames_closeOnlyTheirConnection() throws Exception {
        try (Socket truncated = raw()) {
            truncated.getOutputStream().write(new byte[] {0, 0, 0, 40, 1, 1, 0});
            truncated.shutdownOutput();
            assertNull(readReply(truncated));
        }
        try (Socket stalled = raw()) {
            stalled.getOutputStream().write(new byte[] {0, 0, 0, 40, 1});
            stalled.getOutputStream().flush();
            InputStream in = stalled.getInputStream();
            assertEquals(-1, in.read(), "the server drops a connection that stalls inside a frame");
        }
        assertArrayEquals(new byte[] {1}, attest((byte) 1));
    }

    @Test
    void randomGarbage_neverBreaksTheServer() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[1 + random.nextInt(64)];
            random.nextBytes(garbage);
            try (Socket socket = raw()) {
                socket.getOutputStream().write(garbage);
                socket.shutdownOutput();
                while (true) {
                    try {
                        if (readReply(socket) == null) {
                            break;
                        }
                    } catch (Exception e) {
                        break;
                    }
                }
            }
        }
        assertArrayEquals(new byte[] {9}, attest((byte) 9));
    }
}
