package io.custody.bench;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;

/** The service under test: its API (with tokens for each role) and its emulators' counters. */
record Target(URI url, URI awsUrl, CustodyClient api, EmulatorMetrics emulators) {

    static Target from(Options options) {
        URI url = uri(options, "url", "http://127.0.0.1:8080");
        URI awsUrl = uri(options, "aws-url", "http://127.0.0.1:4566");
        DevTokens tokens = DevTokens.load(Path.of(options.string("key", "config/dev-jwt/private-key.pem")));
        // HTTP/1.1 on purpose: over plain http the JDK client would otherwise attempt an h2c upgrade.
        // With 1.1 each request in flight has its own pooled connection, as separate signing clients would.
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        return new Target(url, awsUrl, new CustodyClient(http, url, tokens), new EmulatorMetrics(http, awsUrl));
    }

    private static URI uri(Options options, String name, String defaultValue) {
        String value = options.string(name, defaultValue);
        try {
            URI uri = new URI(value);
            if (uri.getScheme() != null && uri.getScheme().matches("https?") && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, with the option's name
        }
        throw new UsageException("--" + name + " must be an http(s) URL, got '" + value + "'");
    }
}
