package io.custody.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The request counters of the local AWS emulators ({@code GET /_emulator/metrics}: operation to
 * count, e.g. {@code secretsmanager.CreateSecret}). They are read before and after a phase rather
 * than reset, so a run leaves the counters of anyone else using the emulators intact; other traffic
 * during the run would show in the deltas.
 */
final class EmulatorMetrics {

    private final HttpClient http;
    private final URI metricsUri;

    EmulatorMetrics(HttpClient http, URI awsBase) {
        this.http = http;
        this.metricsUri = URI.create(awsBase.toString().replaceAll("/+$", "") + "/_emulator/metrics");
    }

    SortedMap<String, Long> snapshot() {
        HttpRequest request = HttpRequest.newBuilder(metricsUri).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new BenchException("GET " + metricsUri + " answered " + response.statusCode());
            }
            SortedMap<String, Long> counts = new TreeMap<>();
            for (Map.Entry<String, JsonNode> entry : CustodyClient.json(response.body()).properties()) {
                counts.put(entry.getKey(), entry.getValue().asLong());
            }
            return counts;
        } catch (IOException e) {
            throw new BenchException("GET " + metricsUri + " failed (is the dev profile's emulator running? "
                    + "see --aws-url): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }

    /** after - before for every operation seen in either, including those that did not change. */
    static SortedMap<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        SortedMap<String, Long> delta = new TreeMap<>();
        TreeSet<String> operations = new TreeSet<>(before.keySet());
        operations.addAll(after.keySet());
        for (String operation : operations) {
            delta.put(operation, after.getOrDefault(operation, 0L) - before.getOrDefault(operation, 0L));
        }
        return delta;
    }

    /** Prints a delta as an aligned table, one operation a line. */
    static void print(Map<String, Long> delta) {
        if (delta.isEmpty()) {
            System.out.println("  (no emulator calls recorded)");
        }
        delta.forEach((operation, count) -> System.out.printf("  %-40s %,12d%n", operation, count));
    }
}
