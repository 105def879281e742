package io.custody.awslocal.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** One JDK {@link HttpServer} serving every emulated service plus the {@code /_emulator/} endpoints. */
public final class AwsJsonServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final String host;

    public AwsJsonServer(String host, int port, List<ServiceHandler> services, PrincipalResolver principals,
                         Metrics metrics, FaultInjector faults, ErrorMapper errors) throws IOException {
        this.host = host;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 128);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", new AwsRequestHandler(services, principals, metrics, faults, errors));
        server.createContext("/_emulator/", new AdminHandler(metrics, faults));
    }

    public void start() {
        server.start();
    }

    /** {@code http://host:port} with the port actually bound (useful with port 0). */
    public URI endpoint() {
        String printable = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + printable + ":" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
