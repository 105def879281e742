package io.custody.api.signing;

import io.custody.enclave.protocol.Messages;
import io.custody.enclave.protocol.SignPayload;
import java.math.BigInteger;
import java.security.MessageDigest;

/**
 * Turns the enclave's {@link Messages.SignResponse} into the API's {@link SignatureResponse}. The
 * response is checked, not trusted: it must be a signature of the kind the request asked for.
 * Checks, each with the failure it stops from reaching a client:
 * <ol>
 *   <li>r and s are 32 bytes, 1 &le; r, s &lt; n and s &le; n/2 — a malformed or malleable
 *       (high-S) signature;
 *   <li>yParity is 0 or 1, and v is 27 + yParity, or chainId * 2 + 35 + yParity for a legacy
 *       transaction — a signature for another chain or with an unusable recovery id;
 *   <li>a transaction comes with its signed bytes and their hash and no message hash; the hash is
 *       keccak256 of the bytes; the bytes are the request's envelope (0x02 EIP-1559, 0x01 EIP-2930,
 *       an RLP list for legacy) — a response for another request;
 *   <li>a message or typed data comes with a 32-byte message hash and nothing else.
 * </ol>
 * A failed check is an {@link IllegalStateException} (the signer broke its contract: a 500, never
 * the client's fault); its message names the check, never the bytes.
 */
public final class SignatureResponses {
    /** The order n of secp256k1. */
    private static final BigInteger N =
            new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
    private static final BigInteger HALF_N = N.shiftRight(1);
    private static final BigInteger TWENTY_SEVEN = BigInteger.valueOf(27);
    private static final BigInteger THIRTY_FIVE = BigInteger.valueOf(35);

    private SignatureResponses() {
    }

    /**
     * The API response for {@code request}, signed as {@code response}. For typed transactions
     * (EIP-2930, EIP-1559) v is rendered as yParity, as Ethereum JSON-RPC does; the enclave's
     * 27 + yParity is checked, not shown.
     *
     * @throws IllegalStateException when the response is not a valid answer to the request
     */
    public static SignatureResponse from(SigningRequest request, Messages.SignResponse response) {
        // Check 1
        BigInteger r = scalar(response.r(), "r");
        BigInteger s = scalar(response.s(), "s");
        if (s.compareTo(HALF_N) > 0) {
            throw broken("s is not low-S");
        }
        // Check 2
        int yParity = response.yParity();
        if (yParity != 0 && yParity != 1) {
            throw broken("yParity is not 0 or 1");
        }
        BigInteger parity = BigInteger.valueOf(yParity);
        BigInteger expectedV = request.type() == SignatureType.LEGACY_TRANSACTION
                ? request.chainId().shiftLeft(1).add(THIRTY_FIVE).add(parity)
                : TWENTY_SEVEN.add(parity);
        if (!expectedV.equals(response.v())) {
            throw broken("v does not match the request's type, chain id and yParity");
        }
        BigInteger shownV = request.type().isTransaction() && request.type() != SignatureType.LEGACY_TRANSACTION
                ? parity : expectedV;
        var signature = new SignatureResponse.Signature(word(r), word(s), shownV, yParity);

        if (request.type().isTransaction()) {
            // Check 3
            byte[] raw = response.signedTransaction();
            byte[] hash = response.transactionHash();
            if (raw == null || raw.length == 0 || hash == null || response.messageHash() != null) {
                throw broken("a transaction signature must carry the signed transaction and its hash only");
            }
            if (!MessageDigest.isEqual(EthFormats.keccak256(raw), hash)) {
                throw broken("transactionHash is not keccak256 of the signed transaction");
            }
            if (!envelopeMatches(((SignPayload.Transaction) request.payload()).type(), raw[0])) {
                throw broken("the signed transaction is not of the requested type");
            }
            return new SignatureResponse(request.type(), signature, EthFormats.hex(raw), EthFormats.hex(hash), null);
        }
        // Check 4
        byte[] messageHash = response.messageHash();
        if (messageHash == null || messageHash.length != 32 || response.signedTransaction() != null
                || response.transactionHash() != null) {
            throw broken("a message signature must carry a 32-byte message hash only");
        }
        return new SignatureResponse(request.type(), signature, null, null, EthFormats.hex(messageHash));
    }

    private static boolean envelopeMatches(SignPayload.TransactionType type, byte first) {
        int b = first & 0xff;
        return switch (type) {
            case EIP1559 -> b == 0x02;
            case EIP2930 -> b == 0x01;
            case LEGACY -> b >= 0xc0; // an RLP list, no type byte
        };
    }

    private static BigInteger scalar(byte[] bytes, String name) {
        if (bytes == null || bytes.length != 32) {
            throw broken(name + " is not 32 bytes");
        }
        BigInteger value = new BigInteger(1, bytes);
        if (value.signum() == 0 || value.compareTo(N) >= 0) {
            throw broken(name + " is not in [1, n-1]");
        }
        return value;
    }

    /** 32 bytes as 0x and 64 lower-case hex digits. */
    private static String word(BigInteger value) {
        String digits = value.toString(16);
        return "0x" + "0".repeat(64 - digits.length()) + digits;
    }

    private static IllegalStateException broken(String check) {
        return new IllegalStateException("The signer's response failed a check: " + check + ".");
    }
}
