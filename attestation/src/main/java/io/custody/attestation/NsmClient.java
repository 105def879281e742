package io.custody.attestation;

import io.custody.attestation.internal.CborException;
import io.custody.attestation.internal.NsmRequest;
import io.custody.attestation.internal.NsmResponse;
import java.util.Objects;

/**
 * Typed NSM calls over any {@link Nsm}: builds the CBOR request, sends it, and checks that the
 * answer is the response to that request. Thread-safe if the {@link Nsm} is.
 */
public final class NsmClient {

    private final Nsm nsm;

    public NsmClient(Nsm nsm) {
        this.nsm = Objects.requireNonNull(nsm, "nsm");
    }

    /**
     * Asks the NSM for an attestation document. Each argument may be {@code null} (absent).
     *
     * @return the COSE_Sign1 document bytes, unverified
     */
    public byte[] attest(byte[] userData, byte[] nonce, byte[] publicKey) throws NsmException {
        NsmRequest request = new NsmRequest.Attestation(copy(userData), copy(nonce), copy(publicKey));
        return expect(call(request), NsmResponse.Attestation.class).document();
    }

    public PcrState describePcr(int index) throws NsmException {
        NsmResponse.DescribePcr r = expect(call(new NsmRequest.DescribePcr(index)), NsmResponse.DescribePcr.class);
        return new PcrState(r.lock(), r.data());
    }

    /** Extends PCR {@code index} with {@code data}; returns the new value SHA-384(old || data). */
    public byte[] extendPcr(int index, byte[] data) throws NsmException {
        Objects.requireNonNull(data, "data");
        return expect(call(new NsmRequest.ExtendPcr(index, data.clone())), NsmResponse.ExtendPcr.class).data();
    }

    public void lockPcr(int index) throws NsmException {
        expect(call(new NsmRequest.LockPcr(index)), NsmResponse.LockPcr.class);
    }

    /** Locks PCRs {@code [0, range)}. */
    public void lockPcrs(int range) throws NsmException {
        expect(call(new NsmRequest.LockPcrs(range)), NsmResponse.LockPcrs.class);
    }

    public NsmDescription describeNsm() throws NsmException {
        return expect(call(new NsmRequest.DescribeNsm()), NsmResponse.DescribeNsm.class).description();
    }

    /** Entropy from the NSM (up to 256 bytes per call on Nitro). */
    public byte[] getRandom() throws NsmException {
        byte[] random = expect(call(new NsmRequest.GetRandom()), NsmResponse.GetRandom.class).random();
        // An empty answer would silently weaken whatever is seeded from it.
        if (random.length == 0) {
            throw new NsmException(NsmErrorCode.INVALID_RESPONSE, "GetRandom returned no bytes");
        }
        return random;
    }

    private NsmResponse call(NsmRequest request) throws NsmException {
        byte[] response = nsm.call(request.encode());
        if (response == null) {
            throw new NsmException(NsmErrorCode.INVALID_RESPONSE, "no response");
        }
        try {
            return NsmResponse.decode(response);
        } catch (CborException e) {
            throw new NsmException(NsmErrorCode.INVALID_RESPONSE, "malformed response: " + e.getMessage());
        }
    }

    private static <T extends NsmResponse> T expect(NsmResponse response, Class<T> type) throws NsmException {
        if (response instanceof NsmResponse.Error error) {
            throw new NsmException(error.code(), "NSM refused the request");
        }
        if (!type.isInstance(response)) {
            throw new NsmException(NsmErrorCode.INVALID_RESPONSE,
                    "expected " + type.getSimpleName() + ", got " + response.getClass().getSimpleName());
        }
        return type.cast(response);
    }

    private static byte[] copy(byte[] b) {
        return b == null ? null : b.clone();
    }
}
