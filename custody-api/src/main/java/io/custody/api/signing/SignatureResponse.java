package io.custody.api.signing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigInteger;

/**
 * The body of a successful signing response (see {@code package-info.java}). Byte values are
 * lower-case 0x hex; absent members are omitted.
 *
 * @param type              the request's type
 * @param signature         r, s, v, yParity
 * @param signedTransaction transactions: the signed raw transaction, ready for eth_sendRawTransaction
 * @param transactionHash   transactions: keccak256 of the signed raw transaction
 * @param messageHash       messages and typed data: the 32-byte hash that was signed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "signature", "signedTransaction", "transactionHash", "messageHash"})
public record SignatureResponse(SignatureType type, Signature signature, String signedTransaction,
        String transactionHash, String messageHash) {

    /**
     * @param r       32 bytes, 0x and 64 hex digits (zero-padded, unlike a JSON-RPC quantity)
     * @param s       32 bytes, 0x and 64 hex digits, low-S
     * @param v       27/28 for messages, chainId * 2 + 35 + yParity for legacy, yParity for typed
     *                transactions; a JSON number up to 2^53-1, above that a decimal string
     * @param yParity 0 or 1
     */
    @JsonPropertyOrder({"r", "s", "v", "yParity"})
    public record Signature(String r, String s, @JsonSerialize(using = SafeIntegerSerializer.class) BigInteger v,
            int yParity) {
    }

    /**
     * An integer as a JSON number when every JSON reader holds it exactly (at most 2^53-1, RFC 7493
     * §2.2), else as a decimal string: a JavaScript client would otherwise get a rounded v silently.
     */
    public static final class SafeIntegerSerializer extends StdSerializer<BigInteger> {
        public SafeIntegerSerializer() {
            super(BigInteger.class);
        }

        @Override
        public void serialize(BigInteger value, JsonGenerator out, SerializerProvider provider) throws IOException {
            if (value.signum() >= 0 && value.compareTo(EthFormats.MAX_SAFE_JSON_INTEGER) <= 0) {
                out.writeNumber(value.longValueExact());
            } else {
                out.writeString(value.toString());
            }
        }
    }
}
