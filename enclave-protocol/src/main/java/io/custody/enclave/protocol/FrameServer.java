package io.custody.enclave.protocol;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Serves the framed protocol on a TCP socket (loopback inside the enclave, behind the vsock
 * bridge). Every connection may carry many requests in flight; a bounded worker pool runs the
 * handler and a full queue answers OVERLOADED instead of queueing without limit.
 *
 * <p>Hostile input never crashes or hangs the server: an unknown version, kind or operation gets
 * an error frame and the connection goes on; an oversize or malformed frame gets an error frame
 * and the connection is closed (its framing can no longer be trusted); a frame that stalls midway
 * times out and closes its connection; a handler failure is reported as INTERNAL without its message.
 */
public final class FrameServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FrameServer.class.getName());

    /** Handles one request payload and returns the response payload. */
    @FunctionalInterface
    public interface Handler {
        byte[] handle(Operation operation, byte[] payload) throws EnclaveException, WireFormatException;
    }

    private final Handler handler;
    private final int maxFrameSize;
    private final int midFrameTimeoutMillis;
    private final ThreadPoolExecutor workers;
    private final ServerSocket serverSocket;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private FrameServer(InetSocketAddress address, Handler handler, int maxFrameSize, int workerCount, int queueSize,
            Duration midFrameTimeout) throws IOException {
        this.handler = handler;
        this.maxFrameSize = maxFrameSize;
        this.midFrameTimeoutMillis = (int) midFrameTimeout.toMillis();
        this.workers = new ThreadPoolExecutor(workerCount, workerCount, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueSize), Thread.ofPlatform().name("enclave-worker-", 0).daemon().factory());
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(address);
        Thread.ofPlatform().name("enclave-accept").daemon().start(this::acceptLoop);
    }

    /** Starts a server on {@code address} (port 0 for an ephemeral port). */
    public static FrameServer start(InetSocketAddress address, Handler handler, int maxFrameSize, int workerCount,
            int queueSize, Duration midFrameTimeout) throws IOException {
        return new FrameServer(address, handler, maxFrameSize, workerCount, queueSize, midFrameTimeout);
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                socket.setTcpNoDelay(true);
                connections.add(socket);
                Thread.ofVirtual().name("enclave-conn").start(() -> serve(socket));
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "accept failed: " + e.getClass().getSimpleName());
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            while (!closed) {
                socket.setSoTimeout(0); // idle between frames: a pooled connection may wait for long
                int first = in.read();
                if (first < 0) {
                    return;
                }
                socket.setSoTimeout(midFrameTimeoutMillis);
                Frame frame;
                try {
                    frame = Frame.readAfterFirstByte(first, in, maxFrameSize);
                } catch (Frame.FrameTooLargeException e) {
                    reply(out, Frame.error(0, 0, ErrorCode.FRAME_TOO_LARGE, e.getMessage(), null));
                    return;
                } catch (WireFormatException e) {
                    reply(out, Frame.error(0, 0, ErrorCode.MALFORMED_FRAME, e.getMessage(), null));
                    return;
                }
                dispatch(frame, out);
            }
        } catch (SocketTimeoutException | EOFException e) {
            LOG.log(Level.DEBUG, "connection dropped inside a frame");
        } catch (SocketException e) {
            LOG.log(Level.DEBUG, "connection closed");
        } catch (IOException e) {
            LOG.log(Level.WARNING, "connection failed: " + e.getClass().getSimpleName());
        } finally {
            connections.remove(socket);
        }
    }

    private void dispatch(Frame frame, OutputStream out) throws IOException {
        long id = frame.requestId();
        if (frame.version() != Frame.VERSION) {
            reply(out, Frame.error(id, frame.operation(), ErrorCode.UNSUPPORTED_VERSION,
                    "protocol version " + frame.version() + " is not supported; this server speaks " + Frame.VERSION, null));
            return;
        }
        if (frame.kind() != Frame.Kind.REQUEST) {
            reply(out, Frame.error(id, frame.operation(), ErrorCode.MALFORMED_FRAME, "expected a request frame", null));
            return;
        }
        Operation operation = Operation.fromCode(frame.operation());
        if (operation == null) {
            reply(out, Frame.error(id, frame.operation(), ErrorCode.UNKNOWN_OPERATION,
                    "unknown operation " + frame.operation(), null));
            return;
        }
        try {
            workers.execute(() -> reply(out, run(operation, frame)));
        } catch (RejectedExecutionException e) {
            reply(out, Frame.error(id, frame.operation(), ErrorCode.OVERLOADED, "the signer is at capacity; retry", null));
        }
    }

    private Frame run(Operation operation, Frame request) {
        try {
            return Frame.response(request.requestId(), request.operation(), handler.handle(operation, request.payload()));
        } catch (EnclaveException e) {
            return Frame.error(request.requestId(), request.operation(), e.code(), e.getMessage(), e.detail().orElse(null));
        } catch (WireFormatException e) {
            return Frame.error(request.requestId(), request.operation(), ErrorCode.INVALID_REQUEST, e.getMessage(), null);
        } catch (RuntimeException | Error e) {
            // The message of an unexpected failure could carry anything: report its type only.
            LOG.log(Level.ERROR, operation + " failed with " + e.getClass().getName());
            return Frame.error(request.requestId(), request.operation(), ErrorCode.INTERNAL, "internal error", null);
        }
    }

    private static void reply(OutputStream out, Frame frame) {
        synchronized (out) {
            try {
                frame.writeTo(out);
                out.flush();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "could not write a reply: the client went away");
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the server socket failed");
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing a connection failed");
            }
        }
        workers.shutdownNow();
    }
}
