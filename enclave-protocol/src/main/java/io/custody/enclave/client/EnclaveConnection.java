package io.custody.enclave.client;

import io.custody.enclave.protocol.EnclaveException;
import io.custody.enclave.protocol.ErrorCode;
import io.custody.enclave.protocol.Frame;
import io.custody.enclave.protocol.WireFormatException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One multiplexed connection to the signer: requests are written under a lock, and a reader
 * thread completes each pending request by its id, so many requests share the socket at once.
 * When the connection fails, every pending request fails with UNAVAILABLE.
 */
final class EnclaveConnection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final int maxFrameSize;
    private final ConcurrentHashMap<Long, CompletableFuture<Frame>> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    EnclaveConnection(InetSocketAddress address, int connectTimeoutMillis, int maxFrameSize) throws IOException {
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, connectTimeoutMillis);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.maxFrameSize = maxFrameSize;
        Thread.ofVirtual().name("enclave-client-reader").start(this::readLoop);
    }

    boolean isOpen() {
        return !closed.get();
    }

    int inFlight() {
        return pending.size();
    }

    CompletableFuture<Frame> send(Frame request) {
        CompletableFuture<Frame> response = new CompletableFuture<>();
        pending.put(request.requestId(), response);
        if (closed.get()) {
            fail(request.requestId(), "the connection to the signer is closed");
            return response;
        }
        synchronized (out) {
            try {
                request.writeTo(out);
                out.flush();
            } catch (IOException e) {
                close();
            }
        }
        return response;
    }

    void forget(long requestId) {
        pending.remove(requestId);
    }

    private void readLoop() {
        try {
            while (!closed.get()) {
                Frame frame = Frame.readFrom(in, maxFrameSize);
                if (frame == null) {
                    break;
                }
                CompletableFuture<Frame> waiting = pending.remove(frame.requestId());
                if (waiting != null) {
                    waiting.complete(frame);
                }
            }
        } catch (IOException | WireFormatException e) {
            // fall through: the connection is unusable either way
        } finally {
            close();
        }
    }

    private void fail(long requestId, String why) {
        CompletableFuture<Frame> waiting = pending.remove(requestId);
        if (waiting != null) {
            waiting.completeExceptionally(new EnclaveException(ErrorCode.UNAVAILABLE, why));
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                socket.close();
            } catch (IOException e) {
                // already broken
            }
            for (Long id : pending.keySet()) {
                fail(id, "the connection to the signer was lost");
            }
        }
    }
}
