package io.custody.enclave.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One protocol frame. On the wire: a 4-byte big-endian body length, then the body:
 * <pre>
 *   u8  protocol version ({@value #VERSION})
 *   u8  kind (1 request, 2 response, 3 error)
 *   u64 request id (chosen by the client, echoed by the server)
 *   u16 operation code
 *   ... payload (the operation's request or response message, or an error message)
 * </pre>
 */
public record Frame(int version, Kind kind, long requestId, int operation, byte[] payload) {
    public static final int VERSION = 1;
    public static final int HEADER_SIZE = 12;
    /** Default limit on a frame body: room for thousands of accounts in one CreateAccounts. */
    public static final int DEFAULT_MAX_SIZE = 8 * 1024 * 1024;

    public enum Kind {
        REQUEST(1), RESPONSE(2), ERROR(3);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        static Kind fromCode(int code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            return null;
        }
    }

    public static Frame request(long requestId, Operation operation, byte[] payload) {
        return new Frame(VERSION, Kind.REQUEST, requestId, operation.code(), payload);
    }

    public static Frame response(long requestId, int operation, byte[] payload) {
        return new Frame(VERSION, Kind.RESPONSE, requestId, operation, payload);
    }

    public static Frame error(long requestId, int operation, ErrorCode code, String message, String detail) {
        byte[] payload = new WireWriter(64 + message.length()).u16(code.code()).string(message).optionalString(detail).toByteArray();
        return new Frame(VERSION, Kind.ERROR, requestId, operation, payload);
    }

    /** The exception an error frame carries. */
    public EnclaveException toException() throws WireFormatException {
        WireReader reader = new WireReader(payload);
        ErrorCode code = ErrorCode.fromCode(reader.u16());
        String message = reader.string(4096, "error message");
        String detail = reader.optionalString(4096, "error detail");
        reader.end();
        return new EnclaveException(code, message, detail);
    }

    public void writeTo(OutputStream out) throws IOException {
        int length = HEADER_SIZE + payload.length;
        byte[] header = new WireWriter(4 + HEADER_SIZE).u32(length).u8(version).u8(kind.code)
                .u64(requestId).u16(operation).toByteArray();
        out.write(header);
        out.write(payload);
    }

    /**
     * Reads one frame. Returns null on a clean end of stream between frames. A length over
     * {@code maxSize} or under the header size fails before anything is allocated; a stream
     * that ends inside a frame fails with {@link EOFException}. A frame whose version or kind is
     * unknown is still returned (its length framing is sound), so the caller can answer it.
     */
    public static Frame readFrom(InputStream in, int maxSize) throws IOException, WireFormatException {
        int first = in.read();
        return first < 0 ? null : readAfterFirstByte(first, in, maxSize);
    }

    /** As {@link #readFrom}, for a caller that has already read the frame's first byte (to arm a timeout). */
    public static Frame readAfterFirstByte(int first, InputStream in, int maxSize) throws IOException, WireFormatException {
        byte[] prefix = new byte[4];
        prefix[0] = (byte) first;
        readFully(in, prefix, 1, 3);
        long length = new WireReader(prefix).u32();
        if (length > maxSize) {
            throw new FrameTooLargeException(length, maxSize);
        }
        if (length < HEADER_SIZE) {
            throw new WireFormatException("frame shorter than its header");
        }
        byte[] body = new byte[(int) length];
        readFully(in, body, 0, body.length);
        WireReader reader = new WireReader(body);
        int version = reader.u8();
        int kindCode = reader.u8();
        long requestId = reader.u64();
        int operation = reader.u16();
        Kind kind = Kind.fromCode(kindCode);
        if (kind == null) {
            throw new WireFormatException("unknown frame kind " + kindCode);
        }
        byte[] payload = new byte[body.length - HEADER_SIZE];
        System.arraycopy(body, HEADER_SIZE, payload, 0, payload.length);
        return new Frame(version, kind, requestId, operation, payload);
    }

    private static void readFully(InputStream in, byte[] buffer, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(buffer, offset + done, length - done);
            if (n < 0) {
                throw new EOFException("stream ended inside a frame");
            }
            done += n;
        }
    }

    /** A declared frame length over the limit. The stream cannot be resynchronized after it. */
    public static final class FrameTooLargeException extends WireFormatException {
        public FrameTooLargeException(long length, int maxSize) {
            super("frame of " + length + " bytes exceeds the limit of " + maxSize);
        }
    }
}
