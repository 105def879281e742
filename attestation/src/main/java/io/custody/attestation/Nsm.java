package io.custody.attestation;

/**
 * The Nitro Secure Module at its byte boundary: one CBOR request in, one CBOR response out,
 * in the NSM API's shapes (nitro-kms-spec §2.1). Production sends the bytes through the
 * {@code /dev/nsm} ioctl; dev and test use {@code io.custody.attestation.simulated.SimulatedNsm}.
 * Use {@link NsmClient} for typed calls.
 */
public interface Nsm {

    /**
     * Sends one request and returns the response. NSM-level errors come back as an
     * {@code {"Error": ...}} response, not as an exception; an exception means the transport failed.
     */
    byte[] call(byte[] cborRequest);
}
