package io.custody.attestation.simulated;

import io.custody.attestation.AttestationDocument;
import io.custody.attestation.Nsm;
import io.custody.attestation.NsmDescription;
import io.custody.attestation.NsmErrorCode;
import io.custody.attestation.internal.AttestationPayload;
import io.custody.attestation.internal.CborDecoder;
import io.custody.attestation.internal.CborException;
import io.custody.attestation.internal.CborValue;
import io.custody.attestation.internal.CoseSign1;
import io.custody.attestation.internal.Es384;
import io.custody.attestation.internal.NsmRequest;
import io.custody.attestation.internal.NsmResponse;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An in-process Nitro Secure Module for DEV AND TEST ONLY. It answers the NSM API's CBOR
 * requests with CBOR responses in the real shapes (nitro-kms-spec §2.1) and signs attestation
 * documents in the real format (§1) under a locally generated P-384 root whose subject says
 * {@code NOT FOR PRODUCTION}. Production configuration refuses that root
 * ({@link io.custody.attestation.TrustedRoots#requireProductionRoot}).
 *
 * <p>PCRs 0..15 are set at construction and locked, as at enclave boot; 16..31 start at zero,
 * unlocked, and extend as {@code SHA-384(old || data)}. Documents carry the locked PCRs only.
 * Thread-safe: calls are serialized.
 */
public final class SimulatedNsm implements Nsm {

    /** PCRs in the bank. */
    public static final int MAX_PCRS = 32;
    /** PCRs {@code [0, 16)} are measured at boot and locked. */
    public static final int BOOT_LOCKED_PCRS = 16;
    /** PCR size for the SHA-384 bank. */
    public static final int PCR_LENGTH = 48;
    /** The driver refuses larger requests with {@code InputTooLarge}. */
    public static final int MAX_REQUEST_BYTES = 4096;
    /** Bytes returned per {@code GetRandom}. */
    public static final int RANDOM_BYTES = 256;

    private final String moduleId;
    private final Clock clock;
    private final SecureRandom random;
    private final SimulatedPki pki;
    private final byte[][] pcrs = new byte[MAX_PCRS][];
    private final boolean[] locked = new boolean[MAX_PCRS];

    private SimulatedNsm(Builder b) throws GeneralSecurityException {
        this.clock = b.clock;
        this.random = b.random;
        this.moduleId = b.moduleId != null ? b.moduleId : randomModuleId(random);
        for (int i = 0; i < MAX_PCRS; i++) {
            pcrs[i] = b.bootPcrs.getOrDefault(i, new byte[PCR_LENGTH]).clone();
            locked[i] = i < BOOT_LOCKED_PCRS;
        }
        SimulatedRoot root = b.root != null ? b.root : SimulatedPki.newRoot(clock.instant(), random);
        this.pki = new SimulatedPki(root, b.leafLifetime, random);
        pki.renewFor(clock.instant(), moduleId);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The simulated root: pin it in dev/test verifiers only. */
    public X509Certificate rootCertificate() {
        return pki.root();
    }

    public String moduleId() {
        return moduleId;
    }

    @Override
    public synchronized byte[] call(byte[] cborRequest) {
        return handle(cborRequest).encode();
    }

    private NsmResponse handle(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return error(NsmErrorCode.INVALID_ARGUMENT);
        }
        if (raw.length > MAX_REQUEST_BYTES) {
            return error(NsmErrorCode.INPUT_TOO_LARGE);
        }
        NsmRequest request;
        try {
            CborValue value = CborDecoder.decode(raw);
            String operation = NsmRequest.operationName(value);
            if (operation == null || !NsmRequest.OPERATIONS.contains(operation)) {
                return error(NsmErrorCode.INVALID_OPERATION);
            }
            request = NsmRequest.decode(value);
        } catch (CborException e) {
            return error(NsmErrorCode.INVALID_ARGUMENT);
        }
        return switch (request) {
            case NsmRequest.Attestation a -> attest(a);
            case NsmRequest.DescribePcr d -> validIndex(d.index())
                    ? new NsmResponse.DescribePcr(locked[d.index()], pcrs[d.index()].clone())
                    : error(NsmErrorCode.INVALID_INDEX);
            case NsmRequest.ExtendPcr e -> extend(e.index(), e.data());
            case NsmRequest.LockPcr l -> lock(l.index());
            case NsmRequest.LockPcrs l -> lockRange(l.range());
            case NsmRequest.DescribeNsm d -> new NsmResponse.DescribeNsm(describe());
            case NsmRequest.GetRandom g -> {
                byte[] bytes = new byte[RANDOM_BYTES];
                random.nextBytes(bytes);
                yield new NsmResponse.GetRandom(bytes);
            }
        };
    }

    private NsmResponse attest(NsmRequest.Attestation a) {
        int limit = AttestationPayload.MAX_USER_FIELD_BYTES;
        if (tooLong(a.userData(), limit) || tooLong(a.nonce(), limit) || tooLong(a.publicKey(), limit)) {
            return error(NsmErrorCode.INPUT_TOO_LARGE);
        }
        if (a.publicKey() != null && a.publicKey().length == 0) {
            return error(NsmErrorCode.INVALID_ARGUMENT);
        }
        try {
            Instant now = clock.instant();
            pki.renewFor(now, moduleId);
            TreeMap<Integer, byte[]> lockedPcrs = new TreeMap<>();
            for (int i = 0; i < MAX_PCRS; i++) {
                if (locked[i]) {
                    lockedPcrs.put(i, pcrs[i]);
                }
            }
            AttestationDocument doc = new AttestationDocument(moduleId, AttestationPayload.DIGEST_SHA384, now,
                    lockedPcrs, pki.leaf().getEncoded(),
                    List.of(pki.root().getEncoded(), pki.intermediate().getEncoded()),
                    Optional.ofNullable(a.publicKey()), Optional.ofNullable(a.userData()), Optional.ofNullable(a.nonce()));
            byte[] payload = AttestationPayload.encode(doc);
            byte[] protectedHeader = CoseSign1.es384ProtectedHeader();
            byte[] signature = Es384.sign(pki.leafKey(), CoseSign1.toBeSigned(protectedHeader, payload));
            // Untagged, as the real NSM emits it.
            return new NsmResponse.Attestation(new CoseSign1(protectedHeader, payload, signature).encode(false));
        } catch (GeneralSecurityException | CborException e) {
            return error(NsmErrorCode.INTERNAL_ERROR);
        }
    }

    private NsmResponse extend(int index, byte[] data) {
        if (!validIndex(index)) {
            return error(NsmErrorCode.INVALID_INDEX);
        }
        if (locked[index]) {
            return error(NsmErrorCode.READ_ONLY_INDEX);
        }
        try {
            MessageDigest sha384 = MessageDigest.getInstance("SHA-384");
            sha384.update(pcrs[index]);
            sha384.update(data);
            pcrs[index] = sha384.digest();
        } catch (GeneralSecurityException e) {
            return error(NsmErrorCode.INTERNAL_ERROR);
        }
        return new NsmResponse.ExtendPcr(pcrs[index].clone());
    }

    /** Locking an already locked PCR (0..15 always are) is refused, as on Nitro. */
    private NsmResponse lock(int index) {
        if (!validIndex(index)) {
            return error(NsmErrorCode.INVALID_INDEX);
        }
        if (locked[index]) {
            return error(NsmErrorCode.READ_ONLY_INDEX);
        }
        locked[index] = true;
        return new NsmResponse.LockPcr();
    }

    private NsmResponse lockRange(int range) {
        if (range > MAX_PCRS) {
            return error(NsmErrorCode.INVALID_INDEX);
        }
        for (int i = 0; i < range; i++) {
            locked[i] = true;
        }
        return new NsmResponse.LockPcrs();
    }

    private NsmDescription describe() {
        TreeSet<Integer> lockedSet = new TreeSet<>();
        for (int i = 0; i < MAX_PCRS; i++) {
            if (locked[i]) {
                lockedSet.add(i);
            }
        }
        return new NsmDescription(1, 0, 0, moduleId, MAX_PCRS, lockedSet, AttestationPayload.DIGEST_SHA384);
    }

    private static boolean validIndex(int index) {
        return index >= 0 && index < MAX_PCRS;
    }

    private static boolean tooLong(byte[] value, int limit) {
        return value != null && value.length > limit;
    }

    private static NsmResponse error(NsmErrorCode code) {
        return new NsmResponse.Error(code);
    }

    /** {@code i-<17 hex>-enc<16 hex>}, the shape of a real module id. */
    private static String randomModuleId(SecureRandom random) {
        byte[] b = new byte[17];
        random.nextBytes(b);
        String hex = HexFormat.of().formatHex(b);
        return "i-" + hex.substring(0, 17) + "-enc" + hex.substring(17, 33);
    }

    /** Configures boot PCRs, module id, clock, leaf lifetime and randomness. */
    public static final class Builder {
        private final TreeMap<Integer, byte[]> bootPcrs = new TreeMap<>();
        private String moduleId;
        private Clock clock = Clock.systemUTC();
        private Duration leafLifetime = Duration.ofHours(3);
        private SecureRandom random = new SecureRandom();
        private SimulatedRoot root;

        private Builder() {}

        /**
         * Signs under this root (default: a fresh one). A root kept on disk lets another process,
         * such as the local KMS emulator, trust this NSM's documents.
         */
        public Builder root(SimulatedRoot root) {
            this.root = Objects.requireNonNull(root, "root");
            return this;
        }

        /** Sets boot-measured PCR {@code index} (0..15) to a 48-byte value; unset ones are zero. */
        public Builder pcr(int index, byte[] value) {
            if (index < 0 || index >= BOOT_LOCKED_PCRS) {
                throw new IllegalArgumentException("boot PCRs are 0.." + (BOOT_LOCKED_PCRS - 1) + ", got " + index);
            }
            if (Objects.requireNonNull(value, "value").length != PCR_LENGTH) {
                throw new IllegalArgumentException("PCR values are " + PCR_LENGTH + " bytes, got " + value.length);
            }
            bootPcrs.put(index, value.clone());
            return this;
        }

        public Builder moduleId(String moduleId) {
            if (Objects.requireNonNull(moduleId, "moduleId").isEmpty()) {
                throw new IllegalArgumentException("moduleId must not be empty");
            }
            this.moduleId = moduleId;
            return this;
        }

        /** The clock that stamps documents and dates certificates (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Lifetime of each leaf certificate, at most 7 days (default 3 hours, as on Nitro). */
        public Builder leafLifetime(Duration leafLifetime) {
            if (leafLifetime.compareTo(Duration.ofMinutes(10)) < 0 || leafLifetime.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException("leaf lifetime must be 10 minutes .. 7 days");
            }
            this.leafLifetime = leafLifetime;
            return this;
        }

        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Generates the simulated root, intermediate and first leaf. */
        public SimulatedNsm build() {
            try {
                return new SimulatedNsm(this);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot create the simulated NSM PKI", e);
            }
        }
    }
}
