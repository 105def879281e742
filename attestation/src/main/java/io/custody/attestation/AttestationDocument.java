package io.custody.attestation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The payload of a Nitro attestation document (nitro-kms-spec §1.2), fields in wire order.
 * Immutable: the constructor copies its inputs and every accessor returns a fresh copy, so
 * a caller cannot change a document another caller has verified.
 *
 * <p>A document obtained from {@link AttestationVerifier#verify} has passed every check; one
 * from {@link #unsafeParse} has only passed the syntax checks and proves nothing.
 *
 * @param moduleId    issuing NSM id, e.g. {@code i-059e862454f4a8d8f-enc0190a2f1964172e6}
 * @param digest      PCR digest algorithm, always {@code "SHA384"}
 * @param timestamp   creation time (millisecond precision)
 * @param pcrs        locked PCRs, index to value, sorted by index
 * @param certificate DER of the leaf certificate that signs the document
 * @param cabundle    DER certificates, root first: {@code [ROOT, INTERM_1, ..., INTERM_N]}
 * @param publicKey   optional DER public key chosen by the enclave
 * @param userData    optional data chosen by the enclave
 * @param nonce       optional nonce chosen by the verifier
 */
public record AttestationDocument(
        String moduleId,
        String digest,
        Instant timestamp,
        SortedMap<Integer, byte[]> pcrs,
        byte[] certificate,
        List<byte[]> cabundle,
        Optional<byte[]> publicKey,
        Optional<byte[]> userData,
        Optional<byte[]> nonce) {

    public AttestationDocument {
        Objects.requireNonNull(moduleId, "moduleId");
        Objects.requireNonNull(digest, "digest");
        timestamp = Objects.requireNonNull(timestamp, "timestamp").truncatedTo(ChronoUnit.MILLIS);
        pcrs = copyPcrs(Objects.requireNonNull(pcrs, "pcrs"));
        certificate = Objects.requireNonNull(certificate, "certificate").clone();
        cabundle = copyList(Objects.requireNonNull(cabundle, "cabundle"));
        publicKey = Objects.requireNonNull(publicKey, "publicKey").map(byte[]::clone);
        userData = Objects.requireNonNull(userData, "userData").map(byte[]::clone);
        nonce = Objects.requireNonNull(nonce, "nonce").map(byte[]::clone);
    }

    /**
     * Parses a COSE_Sign1 attestation document WITHOUT checking its signature or certificates.
     * For diagnostics and tooling only; anything that trusts the result must use
     * {@link AttestationVerifier#verify} instead.
     *
     * @throws AttestationException with {@link AttestationException.Check#SYNTAX}
     */
    public static AttestationDocument unsafeParse(byte[] coseSign1) throws AttestationException {
        return ParsedDocument.parse(coseSign1).document();
    }

    /** The value of PCR {@code index}, if the document carries it. */
    public Optional<byte[]> pcr(int index) {
        return Optional.ofNullable(pcrs.get(index)).map(byte[]::clone);
    }

    @Override public SortedMap<Integer, byte[]> pcrs() {
        return copyPcrs(pcrs);
    }

    @Override public byte[] certificate() {
        return certificate.clone();
    }

    @Override public List<byte[]> cabundle() {
        return copyList(cabundle);
    }

    @Override public Optional<byte[]> publicKey() {
        return publicKey.map(byte[]::clone);
    }

    @Override public Optional<byte[]> userData() {
        return userData.map(byte[]::clone);
    }

    @Override public Optional<byte[]> nonce() {
        return nonce.map(byte[]::clone);
    }

    @Override public boolean equals(Object o) {
        if (!(o instanceof AttestationDocument d)) {
            return false;
        }
        return moduleId.equals(d.moduleId)
                && digest.equals(d.digest)
                && timestamp.equals(d.timestamp)
                && pcrsEqual(pcrs, d.pcrs)
                && Arrays.equals(certificate, d.certificate)
                && listEqual(cabundle, d.cabundle)
                && optionalEqual(publicKey, d.publicKey)
                && optionalEqual(userData, d.userData)
                && optionalEqual(nonce, d.nonce);
    }

    @Override public int hashCode() {
        return Objects.hash(moduleId, timestamp, Arrays.hashCode(certificate));
    }

    /** Identifying metadata and PCRs only; user data and keys are summarized by length. */
    @Override public String toString() {
        HexFormat hex = HexFormat.of();
        StringBuilder sb = new StringBuilder("AttestationDocument[moduleId=").append(moduleId)
                .append(", digest=").append(digest)
                .append(", timestamp=").append(timestamp)
                .append(", pcrs={");
        pcrs.forEach((i, v) -> sb.append(i).append('=').append(hex.formatHex(v)).append(' '));
        return sb.append("}, cabundle=").append(cabundle.size()).append(" certs")
                .append(", publicKey=").append(publicKey.map(b -> b.length + " bytes").orElse("absent"))
                .append(", userData=").append(userData.map(b -> b.length + " bytes").orElse("absent"))
                .append(", nonce=").append(nonce.map(hex::formatHex).orElse("absent"))
                .append(']').toString();
    }

    private static SortedMap<Integer, byte[]> copyPcrs(Map<Integer, byte[]> in) {
        TreeMap<Integer, byte[]> out = new TreeMap<>();
        in.forEach((k, v) -> out.put(Objects.requireNonNull(k), Objects.requireNonNull(v).clone()));
        return Collections.unmodifiableSortedMap(out);
    }

    private static List<byte[]> copyList(List<byte[]> in) {
        List<byte[]> out = new ArrayList<>(in.size());
        in.forEach(b -> out.add(Objects.requireNonNull(b).clone()));
        return Collections.unmodifiableList(out);
    }

    private static boolean pcrsEqual(SortedMap<Integer, byte[]> a, SortedMap<Integer, byte[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), b.get(e.getKey())));
    }

    private static boolean listEqual(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean optionalEqual(Optional<byte[]> a, Optional<byte[]> b) {
        return a.isPresent() == b.isPresent() && (a.isEmpty() || Arrays.equals(a.get(), b.get()));
    }
}
