package io.custody.attestation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * The production {@link Nsm}: the Nitro Secure Module driver at {@code /dev/nsm}, called through
 * Java's foreign function API (nitro-kms-spec §2.1): {@code open(path, O_RDWR)}, then per call
 * {@code ioctl(fd, 0xC0200A00, &msg)} where {@code msg} is two iovecs (request, response).
 * Thread-safe: each call uses its own native buffers; the driver serializes requests.
 */
public final class DeviceNsm implements Nsm, AutoCloseable {
    public static final Path DEVICE = Path.of("/dev/nsm");
    /** {@code _IOWR(0x0A, 0, 32)}: read-write, type 0x0A, number 0, a 32-byte argument. */
    static final long NSM_IOCTL = 0xC0200A00L;
    /** Requests larger than this are refused by the driver (EMSGSIZE). */
    public static final int MAX_REQUEST = 0x1000;
    /** The response buffer; the C SDK uses 16 KiB (attestation documents are about 4.5 KiB). */
    static final int RESPONSE_CAPACITY = 16 * 1024;
    private static final int O_RDWR = 2;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final StructLayout IOVEC = MemoryLayout.structLayout(
            ValueLayout.ADDRESS.withName("base"), ValueLayout.JAVA_LONG.withName("len"));
    private static final StructLayout MESSAGE = MemoryLayout.structLayout(
            IOVEC.withName("request"), IOVEC.withName("response"));
    private static final long RESPONSE_LEN_OFFSET = MESSAGE.byteOffset(
            MemoryLayout.PathElement.groupElement("response"), MemoryLayout.PathElement.groupElement("len"));

    private static final MethodHandle OPEN = LINKER.downcallHandle(
            LINKER.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
            Linker.Option.captureCallState("errno"));
    private static final MethodHandle IOCTL = LINKER.downcallHandle(
            LINKER.defaultLookup().find("ioctl").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
            Linker.Option.firstVariadicArg(2), Linker.Option.captureCallState("errno"));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private final int fd;
    private volatile boolean closed;

    private DeviceNsm(int fd) {
        this.fd = fd;
    }

    /** Opens {@code /dev/nsm}. Fails when not inside a Nitro Enclave. */
    public static DeviceNsm open() throws IOException {
        return open(DEVICE);
    }

    /** Opens the device at {@code path} (tests point this at other files to exercise the call path). */
    static DeviceNsm open(Path path) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path.toString()), O_RDWR);
            if (fd < 0) {
                throw new IOException("cannot open " + path + ": errno " + (int) ERRNO.get(state, 0L));
            }
            return new DeviceNsm(fd);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("native call failed", t);
        }
    }

    @Override
    public byte[] call(byte[] cborRequest) {
        if (closed) {
            throw new IllegalStateException("the NSM device is closed");
        }
        if (cborRequest.length > MAX_REQUEST) {
            // The driver would refuse it too; answer as the NSM does, in CBOR: {"Error": "InputTooLarge"}.
            return new byte[] {(byte) 0xA1, 0x65, 'E', 'r', 'r', 'o', 'r', 0x6D,
                    'I', 'n', 'p', 'u', 't', 'T', 'o', 'o', 'L', 'a', 'r', 'g', 'e'};
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment request = arena.allocate(Math.max(1, cborRequest.length));
            MemorySegment.copy(cborRequest, 0, request, ValueLayout.JAVA_BYTE, 0, cborRequest.length);
            MemorySegment response = arena.allocate(RESPONSE_CAPACITY);
            MemorySegment message = arena.allocate(MESSAGE);
            message.set(ValueLayout.ADDRESS, 0, request);
            message.set(ValueLayout.JAVA_LONG, 8, cborRequest.length);
            message.set(ValueLayout.ADDRESS, 16, response);
            message.set(ValueLayout.JAVA_LONG, RESPONSE_LEN_OFFSET, RESPONSE_CAPACITY);
            MemorySegment state = arena.allocate(CALL_STATE);
            int result = (int) IOCTL.invokeExact(state, fd, NSM_IOCTL, message);
            if (result < 0) {
                throw new UncheckedIOException(new IOException("NSM ioctl failed: errno " + (int) ERRNO.get(state, 0L)));
            }
            long length = message.get(ValueLayout.JAVA_LONG, RESPONSE_LEN_OFFSET);
            if (length < 0 || length > RESPONSE_CAPACITY) {
                throw new UncheckedIOException(new IOException("NSM returned an impossible response length " + length));
            }
            return response.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("native call failed", t);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                int ignored = (int) CLOSE.invokeExact(fd);
            } catch (Throwable t) {
                // nothing useful to do on close
            }
        }
    }
}
