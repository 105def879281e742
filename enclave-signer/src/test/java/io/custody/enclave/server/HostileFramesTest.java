package io.custody.enclave.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.enclave.client.EnclaveClient;
import io.custody.enclave.protocol.ErrorCode;
import io.custody.enclave.protocol.Frame;
import io.custody.enclave.protocol.Messages;
import io.custody.enclave.protocol.Operation;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Truncated, oversize, unknown-version and garbage frames sent to the real server with the real
 * handler get an error frame or a closed connection; the signer goes on serving. (No KMS is
 * needed: none of these reach it.)
 */
class HostileFramesTest {

    private static SignerServer server;

    @BeforeAll
    static void start() throws IOException {
        server = SignerServer.start(SignerFixture.options(Optional.empty(), ServerOptions.DEFAULT_DEK_CACHE_TTL, 10, 2),
                io.custody.attestation.simulated.SimulatedNsm.builder().pcr(0, SignerFixture.randomPcr0()).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void signerStillServes() throws Exception {
        try (EnclaveClient client = SignerFixture.client(server)) {
            assertEquals("UP", client.health().status());
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(15_000);
        return socket;
    }

    private static byte[] frame(int version, int kind, long id, int operation, byte[] payload) {
        return ByteBuffer.allocate(4 + Frame.HEADER_SIZE + payload.length).putInt(Frame.HEADER_SIZE + payload.length)
                .put((byte) version).put((byte) kind).putLong(id).putShort((short) operation).put(payload).array();
    }

    private static ErrorCode errorCode(Frame frame) throws Exception {
        assertEquals(Frame.Kind.ERROR, frame.kind());
        return frame.toException().code();
    }

    private static void assertClosed(InputStream in) throws IOException {
        try {
            assertEquals(-1, in.read(), "the connection is closed");
        } catch (java.net.SocketException | SocketTimeoutException e) {
            assertTrue(e instanceof java.net.SocketException, "closed, not hanging");
        }
    }

    @Test
    void oversizeFrame_getsFrameTooLarge_andTheConnectionCloses() throws Exception {
        try (Socket socket = connect()) {
            new DataOutputStream(socket.getOutputStream()).writeInt(Integer.MAX_VALUE);
            InputStream in = socket.getInputStream();
            assertEquals(ErrorCode.FRAME_TOO_LARGE, errorCode(Frame.readFrom(in, Frame.DEFAULT_MAX_SIZE)));
            assertClosed(in);
        }
    }

    @Test
    void frameShorterThanItsHeader_getsMalformedFrame_andTheConnectionCloses() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(new byte[] {0, 0, 0, 3, 1, 1, 1});
            InputStream in = socket.getInputStream();
            assertEquals(ErrorCode.MALFORMED_FRAME, errorCode(Frame.readFrom(in, Frame.DEFAULT_MAX_SIZE)));
            assertClosed(in);
        }
    }

    @Test
    void truncatedFrame_closesTheConnection() throws Exception {
        try (Socket socket = connect()) {
            byte[] whole = frame(1, 1, 1, Operation.SIGN.code(), new byte[200]);
            socket.getOutputStream().write(whole, 0, 40);
            socket.shutdownOutput();
            assertNull(Frame.readFrom(socket.getInputStream(), Frame.DEFAULT_MAX_SIZE), "closed without an answer");
        }
    }

    @Test
    void unknownVersion_unknownOperation_andGarbagePayloads_getErrorFrames_andTheConnectionGoesOn() throws Exception {
        try (Socket socket = connect()) {
            var out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(frame(9, 1, 1, Operation.HEALTH.code(), new byte[0]));
            assertEquals(ErrorCode.UNSUPPORTED_VERSION, errorCode(Frame.readFrom(in, Frame.DEFAULT_MAX_SIZE)));
            out.write(frame(1, 1, 2, 999, new byte[0]));
            assertEquals(ErrorCode.UNKNOWN_OPERATION, errorCode(Frame.readFrom(in, Frame.DEFAULT_MAX_SIZE)));
            for (Operation operation : Operation.values()) {
                byte[] garbage = new byte[64];
                new java.util.Random(operation.code()).nextBytes(garbage);
                out.write(frame(1, 1, 10 + operation.code(), operation.code(), garbage));
                Frame answer = Frame.readFrom(in, Frame.DEFAULT_MAX_SIZE);
                assertEquals(10 + operation.code(), answer.requestId());
                assertEquals(ErrorCode.INVALID_REQUEST, errorCode(answer), operation + " with a garbage payload");
            }
            out.write(frame(1, 1, 99, Operation.HEALTH.code(), new byte[0]));
            Frame health = Frame.readFrom(in, Frame.DEFAULT_MAX_SIZE);
            assertEquals(Frame.Kind.RESPONSE, health.kind());
            assertEquals("UP", Messages.HealthResponse.decode(health.payload()).status());
        }
    }
}
