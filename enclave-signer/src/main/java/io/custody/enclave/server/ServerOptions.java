package io.custody.enclave.server;

import io.custody.enclave.protocol.Frame;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The signer's command line, parsed and checked. Every value has a default except
 * {@code --listen}; a bad option is an {@link UsageException} (usage on stderr, exit 2).
 */
record ServerOptions(
        String host,
        int port,
        NsmMode nsm,
        Optional<Path> simulatedRootDir,
        Map<Integer, byte[]> pcrs,
        Optional<URI> kmsEndpoint,
        String region,
        Duration dekCacheTtl,
        long dekCacheMaxUses,
        Duration recipientKeyRotation,
        int workers,
        int maxFrame) {

    enum NsmMode { DEVICE, SIMULATED }

    static final Duration DEFAULT_DEK_CACHE_TTL = Duration.ofSeconds(300);
    static final long DEFAULT_DEK_CACHE_MAX_USES = 1_000_000;
    static final Duration DEFAULT_ROTATION = Duration.ofSeconds(900);
    static final String DEFAULT_REGION = "us-east-1";

    static final String USAGE = """
            usage: java -jar enclave-signer.jar --listen HOST:PORT [options]
              --listen HOST:PORT              where to serve the framed protocol (port 0 = ephemeral)
              --nsm device|simulated          the NSM: /dev/nsm (default) or a simulated one (dev/test only)
              --simulated-root-dir DIR        simulated NSM root kept in DIR (required with --nsm simulated)
              --pcr N=HEX                     simulated boot PCR N (0..15, 96 hex digits), repeatable;
                                              PCR 0 defaults to the SHA-384 of the running jar
              --kms-endpoint URL              KMS endpoint (default: the SDK's regional endpoint)
              --region R                      AWS region (default us-east-1)
              --dek-cache-ttl SECONDS         how long an unwrapped tenant DEK stays cached (default 300)
              --dek-cache-max-uses N          uses of a cached DEK before it is fetched again (default 1000000)
              --recipient-key-rotation SECONDS  lifetime of the ephemeral RSA recipient key (default 900)
              --workers N                     request worker threads (default: available processors)
              --max-frame BYTES               largest accepted frame (default 8388608)
            """;

    /** A bad command line; the message says which option and why. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    static ServerOptions parse(String[] args) throws UsageException {
        String listen = null;
        NsmMode nsm = NsmMode.DEVICE;
        Path rootDir = null;
        Map<Integer, byte[]> pcrs = new TreeMap<>();
        URI endpoint = null;
        String region = DEFAULT_REGION;
        Duration ttl = DEFAULT_DEK_CACHE_TTL;
        long maxUses = DEFAULT_DEK_CACHE_MAX_USES;
        Duration rotation = DEFAULT_ROTATION;
        int workers = Runtime.getRuntime().availableProcessors();
        int maxFrame = Frame.DEFAULT_MAX_SIZE;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (!option.startsWith("--")) {
                throw new UsageException("unexpected argument '" + option + "'");
            }
            if (i + 1 >= args.length) {
                throw new UsageException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--listen" -> listen = value;
                case "--nsm" -> nsm = switch (value) {
                    case "device" -> NsmMode.DEVICE;
                    case "simulated" -> NsmMode.SIMULATED;
                    default -> throw new UsageException("--nsm must be 'device' or 'simulated'");
                };
                case "--simulated-root-dir" -> rootDir = Path.of(value);
                case "--pcr" -> {
                    Map.Entry<Integer, byte[]> pcr = pcr(value);
                    if (pcrs.put(pcr.getKey(), pcr.getValue()) != null) {
                        throw new UsageException("--pcr " + pcr.getKey() + " is given twice");
                    }
                }
                case "--kms-endpoint" -> endpoint = endpoint(value);
                case "--region" -> region = region(value);
                case "--dek-cache-ttl" -> ttl = Duration.ofSeconds(positive(option, value, 86_400));
                case "--dek-cache-max-uses" -> maxUses = positive(option, value, Long.MAX_VALUE);
                case "--recipient-key-rotation" -> rotation = Duration.ofSeconds(positive(option, value, 86_400));
                case "--workers" -> workers = (int) positive(option, value, 1024);
                case "--max-frame" -> maxFrame = (int) positive(option, value, 256L * 1024 * 1024);
                default -> throw new UsageException("unknown option " + option);
            }
        }
        if (listen == null) {
            throw new UsageException("--listen HOST:PORT is required");
        }
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw new UsageException("--listen must be HOST:PORT");
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = (int) nonNegative("--listen port", listen.substring(colon + 1), 65_535);
        if (maxFrame < Frame.HEADER_SIZE + 64) {
            throw new UsageException("--max-frame is too small to carry a request");
        }
        if (nsm == NsmMode.SIMULATED && rootDir == null) {
            throw new UsageException("--nsm simulated needs --simulated-root-dir DIR (the root the local KMS pins)");
        }
        if (nsm == NsmMode.DEVICE && (rootDir != null || !pcrs.isEmpty())) {
            // A production signer takes its PCRs and root from the hardware, never from the command line.
            throw new UsageException("--simulated-root-dir and --pcr are for --nsm simulated only");
        }
        if (nsm == NsmMode.DEVICE && endpoint != null && !"https".equals(endpoint.getScheme())) {
            // Without TLS the host could answer in KMS's place and hand the enclave a DEK it knows.
            throw new UsageException("with --nsm device the KMS endpoint must be https");
        }
        return new ServerOptions(host, port, nsm, Optional.ofNullable(rootDir), pcrs, Optional.ofNullable(endpoint),
                region, ttl, maxUses, rotation, workers, maxFrame);
    }

    private static Map.Entry<Integer, byte[]> pcr(String value) throws UsageException {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("--pcr must be N=HEX");
        }
        int index = (int) nonNegative("--pcr index", value.substring(0, eq), 15);
        String hex = value.substring(eq + 1);
        if (!hex.matches("[0-9a-fA-F]{96}")) {
            throw new UsageException("--pcr " + index + " must be 96 hex digits (SHA-384)");
        }
        return Map.entry(index, HexFormat.of().parseHex(hex));
    }

    private static URI endpoint(String value) throws UsageException {
        try {
            URI uri = new URI(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new UsageException("--kms-endpoint must be an http(s) URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new UsageException("--kms-endpoint is not a URL");
        }
    }

    private static String region(String value) throws UsageException {
        if (!value.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
            throw new UsageException("--region must look like us-east-1");
        }
        return value;
    }

    private static long positive(String option, String value, long max) throws UsageException {
        long n = nonNegative(option, value, max);
        if (n == 0) {
            throw new UsageException(option + " must be positive");
        }
        return n;
    }

    private static long nonNegative(String option, String value, long max) throws UsageException {
        long n;
        try {
            n = Long.parseLong(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a number");
        }
        if (n < 0 || n > max) {
            throw new UsageException(option + " must be in 0.." + max);
        }
        return n;
    }
}
