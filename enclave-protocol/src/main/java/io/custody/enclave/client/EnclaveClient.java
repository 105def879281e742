package io.custody.enclave.client;

import io.custody.enclave.protocol.EnclaveException;
import io.custody.enclave.protocol.ErrorCode;
import io.custody.enclave.protocol.Frame;
import io.custody.enclave.protocol.Messages;
import io.custody.enclave.protocol.Operation;
import io.custody.enclave.protocol.WireFormatException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The host's client of the enclave signer: a small pool of multiplexed connections, each
 * carrying many requests at once, opened lazily and reopened after a failure; a deadline per
 * request. Thread-safe. Failures are {@link EnclaveException}s: the signer's own error codes, or
 * UNAVAILABLE (cannot connect, connection lost) and TIMEOUT raised here.
 */
public final class EnclaveClient implements AutoCloseable {
    private final InetSocketAddress address;
    private final EnclaveConnection[] pool;
    private final Object[] slotLocks;
    private final Duration timeout;
    private final int connectTimeoutMillis;
    private final int maxFrameSize;
    private final AtomicLong nextRequestId = new AtomicLong(1);
    private final AtomicInteger nextSlot = new AtomicInteger();
    private volatile boolean closed;

    public EnclaveClient(InetSocketAddress address, int connections, Duration timeout, Duration connectTimeout,
            int maxFrameSize) {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1");
        }
        this.address = address;
        this.pool = new EnclaveConnection[connections];
        this.slotLocks = new Object[connections];
        for (int i = 0; i < connections; i++) {
            slotLocks[i] = new Object();
        }
        this.timeout = timeout;
        this.connectTimeoutMillis = (int) connectTimeout.toMillis();
        this.maxFrameSize = maxFrameSize;
    }

    public static EnclaveClient connect(String host, int port) {
        return new EnclaveClient(new InetSocketAddress(host, port), 4, Duration.ofSeconds(30), Duration.ofSeconds(5),
                Frame.DEFAULT_MAX_SIZE);
    }

    public Messages.HealthResponse health() throws EnclaveException {
        return decode(call(Operation.HEALTH, new byte[0], timeout), Messages.HealthResponse::decode);
    }

    public Messages.AttestResponse attest(Messages.AttestRequest request) throws EnclaveException {
        return decode(call(Operation.ATTEST, request.encode(), timeout), Messages.AttestResponse::decode);
    }

    public Messages.CreateTenantKeyResponse createTenantKey(Messages.CreateTenantKeyRequest request) throws EnclaveException {
        return decode(call(Operation.CREATE_TENANT_KEY, request.encode(), timeout), Messages.CreateTenantKeyResponse::decode);
    }

    public Messages.CreateAccountsResponse createAccounts(Messages.CreateAccountsRequest request) throws EnclaveException {
        return decode(call(Operation.CREATE_ACCOUNTS, request.encode(), timeout), Messages.CreateAccountsResponse::decode);
    }

    public Messages.SignResponse sign(Messages.SignRequest request) throws EnclaveException {
        return decode(call(Operation.SIGN, request.encode(), timeout), Messages.SignResponse::decode);
    }

    public Messages.SealPolicyResponse sealPolicy(Messages.SealPolicyRequest request) throws EnclaveException {
        return decode(call(Operation.SEAL_POLICY, request.encode(), timeout), Messages.SealPolicyResponse::decode);
    }

    public Messages.EvaluatePolicyResponse evaluatePolicy(Messages.EvaluatePolicyRequest request)
            throws EnclaveException {
        return decode(call(Operation.EVALUATE_POLICY, request.encode(), timeout),
                Messages.EvaluatePolicyResponse::decode);
    }

    /** Sends one request and waits for its response payload, at most {@code deadline}. */
    public byte[] call(Operation operation, byte[] payload, Duration deadline) throws EnclaveException {
        long id = nextRequestId.getAndIncrement();
        EnclaveConnection connection = connection();
        CompletableFuture<Frame> pending = connection.send(Frame.request(id, operation, payload));
        Frame frame;
        try {
            frame = pending.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            connection.forget(id);
            throw new EnclaveException(ErrorCode.TIMEOUT, operation + " got no answer within " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EnclaveException enclave) {
                throw enclave;
            }
            throw new EnclaveException(ErrorCode.UNAVAILABLE, "the request to the signer failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.forget(id);
            throw new EnclaveException(ErrorCode.UNAVAILABLE, "interrupted while waiting for the signer");
        }
        try {
            if (frame.kind() == Frame.Kind.ERROR) {
                throw frame.toException();
            }
            if (frame.kind() != Frame.Kind.RESPONSE || frame.operation() != operation.code()) {
                throw new EnclaveException(ErrorCode.MALFORMED_FRAME, "the signer answered with an unexpected frame");
            }
        } catch (WireFormatException e) {
            throw new EnclaveException(ErrorCode.MALFORMED_FRAME, "the signer sent a malformed error frame");
        }
        return frame.payload();
    }

    /** A connection for the next request: round robin over the pool, (re)opening a slot when needed. */
    private EnclaveConnection connection() throws EnclaveException {
        if (closed) {
            throw new EnclaveException(ErrorCode.UNAVAILABLE, "the enclave client is closed");
        }
        int slot = Math.floorMod(nextSlot.getAndIncrement(), pool.length);
        EnclaveConnection current = pool[slot];
        if (current != null && current.isOpen()) {
            return current;
        }
        synchronized (slotLocks[slot]) {
            current = pool[slot];
            if (current == null || !current.isOpen()) {
                try {
                    current = new EnclaveConnection(address, connectTimeoutMillis, maxFrameSize);
                } catch (IOException e) {
                    throw new EnclaveException(ErrorCode.UNAVAILABLE, "cannot connect to the signer at " + address);
                }
                pool[slot] = current;
            }
            return current;
        }
    }

    @FunctionalInterface
    private interface Decoder<T> {
        T decode(byte[] payload) throws WireFormatException;
    }

    private static <T> T decode(byte[] payload, Decoder<T> decoder) throws EnclaveException {
        try {
            return decoder.decode(payload);
        } catch (WireFormatException e) {
            throw new EnclaveException(ErrorCode.MALFORMED_FRAME, "the signer's response is malformed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        for (EnclaveConnection connection : pool) {
            if (connection != null) {
                connection.close();
            }
        }
    }
}
