package io.custody.enclave.server;

import io.custody.attestation.Nsm;
import io.custody.attestation.NsmClient;
import io.custody.attestation.NsmException;
import io.custody.attestation.PcrState;
import io.custody.enclave.EnclaveSigner;
import io.custody.enclave.PolicyDecision;
import io.custody.enclave.protocol.FrameServer;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The signer, wired: NSM client, recipient keys, KMS gateway, DEK cache, signing core and the frame
 * server, plus one background thread that rotates the recipient key and wipes expired DEKs.
 * {@link EnclaveMain} runs one per process; tests run them in-process.
 */
final class SignerServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SignerServer.class.getName());
    /** Longest a frame may stall midway before its connection is closed. */
    private static final Duration MID_FRAME_TIMEOUT = Duration.ofSeconds(10);
    /** Expired DEKs are wiped at least this often, even when nobody asks for them. */
    private static final Duration MAX_SWEEP_INTERVAL = Duration.ofSeconds(30);

    private final ServerOptions options;
    private final byte[] pcr0;
    private final RecipientKeys recipientKeys;
    private final DekCache cache;
    private final KmsGateway kms;
    private final SignerHandler handler;
    private final ScheduledExecutorService maintenance;
    private final FrameServer frames;

    private SignerServer(ServerOptions options, Nsm nsm, LongSupplier nanoTime) throws IOException {
        this.options = options;
        NsmClient nsmClient = new NsmClient(nsm);
        this.pcr0 = pcr0(nsmClient);
        SecureRandom random = new SecureRandom();
        this.recipientKeys = new RecipientKeys(random);
        this.cache = new DekCache(options.dekCacheTtl(), options.dekCacheMaxUses(), DekCache.DEFAULT_MAX_ENTRIES,
                nanoTime);
        this.kms = new KmsGateway(KmsGateway.client(options.kmsEndpoint(), options.region()), nsmClient,
                recipientKeys);
        // Every SIGN brings its tenant's sealed policy (SignerHandler); this default is never used.
        EnclaveSigner signer = new EnclaveSigner(request -> PolicyDecision.deny("no sealed policy"));
        this.handler = new SignerHandler(new TenantDeks(kms, cache), nsmClient, signer, pcr0, version(),
                cache::stats, random);
        this.maintenance = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("enclave-maintenance").daemon().factory());
        long rotation = options.recipientKeyRotation().toMillis();
        maintenance.scheduleWithFixedDelay(this::rotate, rotation, rotation, TimeUnit.MILLISECONDS);
        long sweep = Math.min(options.dekCacheTtl().toMillis(), MAX_SWEEP_INTERVAL.toMillis());
        maintenance.scheduleWithFixedDelay(cache::evictExpired, sweep, sweep, TimeUnit.MILLISECONDS);
        try {
            this.frames = FrameServer.start(new InetSocketAddress(options.host(), options.port()), handler,
                    options.maxFrame(), options.workers(), Math.max(256, options.workers() * 64), MID_FRAME_TIMEOUT);
        } catch (IOException | RuntimeException e) {
            maintenance.shutdownNow();
            kms.close();
            cache.close();
            throw e;
        }
    }

    /** Starts serving on {@code options.host():options.port()}. */
    static SignerServer start(ServerOptions options, Nsm nsm) throws IOException {
        return new SignerServer(options, nsm, System::nanoTime);
    }

    /** As {@link #start}, with the DEK cache reading time from {@code nanoTime} (tests move it forward). */
    static SignerServer start(ServerOptions options, Nsm nsm, LongSupplier nanoTime) throws IOException {
        return new SignerServer(options, nsm, nanoTime);
    }

    int port() {
        return frames.port();
    }

    /** The enclave image measurement, as the NSM reports it. */
    byte[] pcr0() {
        return pcr0.clone();
    }

    DekCache.Stats cacheStats() {
        return cache.stats();
    }

    /** For tests: the cache itself (to evict it, or look at it through its test-only view). */
    DekCache cache() {
        return cache;
    }

    /** For tests: the recipient keys (to rotate them, or look at them through their test-only view). */
    RecipientKeys recipientKeys() {
        return recipientKeys;
    }

    ServerOptions options() {
        return options;
    }

    /** For the benchmark: the handler the frame server calls, to time it without the transport. */
    SignerHandler handler() {
        return handler;
    }

    @Override
    public void close() {
        frames.close();
        maintenance.shutdownNow();
        kms.close();
        cache.close(); // wipes every cached DEK
    }

    private void rotate() {
        try {
            recipientKeys.rotate();
            LOG.log(Level.DEBUG, "recipient key rotated to generation " + recipientKeys.current().generation());
        } catch (RuntimeException e) {
            // Keep the current key (and the schedule): a failed rotation must not stop signing.
            LOG.log(Level.WARNING, "recipient key rotation failed: " + e.getClass().getName());
        }
    }

    private static byte[] pcr0(NsmClient nsm) throws IOException {
        try {
            PcrState state = nsm.describePcr(0);
            if (!state.locked() || state.value().length != 48) {
                throw new IOException("PCR0 is not a locked 48-byte measurement");
            }
            return state.value();
        } catch (NsmException e) {
            throw new IOException("the NSM cannot describe PCR0: " + e.getMessage());
        }
    }

    static String version() {
        String version = SignerServer.class.getPackage().getImplementationVersion();
        return "enclave-signer " + (version == null ? "dev" : version);
    }
}
