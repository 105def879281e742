package io.custody.enclave.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.acinq.secp256k1.Secp256k1;
import io.custody.enclave.Eip712TypedData;
import io.custody.enclave.LegacyTransaction;
import io.custody.enclave.SigningPayload;
import io.custody.enclave.TransactionPayload;
import io.custody.enclave.internal.Eip191;
import io.custody.enclave.internal.Eip712Encoder;
import io.custody.enclave.internal.Keccak;
import io.custody.enclave.internal.TransactionCodec;
import io.custody.enclave.protocol.Messages;
import io.custody.enclave.protocol.SignPayload;
import io.custody.enclave.protocol.SignPayload.TransactionType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Protocol payloads of every kind, and the check that a signature over one recovers to the signer. */
final class Payloads {

    static final byte[] TO = HexFormat.of().parseHex("3535353535353535353535353535353535353535");
    private static final byte[] SLOT = new byte[32];

    /** EIP-712's own "Mail" example; its digest is published in the EIP. */
    static final String MAIL_JSON = """
            {"types": {
               "EIP712Domain": [{"name": "name", "type": "string"}, {"name": "version", "type": "string"},
                                {"name": "chainId", "type": "uint256"}, {"name": "verifyingContract", "type": "address"}],
               "Person": [{"name": "name", "type": "string"}, {"name": "wallet", "type": "address"}],
               "Mail": [{"name": "from", "type": "Person"}, {"name": "to", "type": "Person"},
                        {"name": "contents", "type": "string"}]},
             "primaryType": "Mail",
             "domain": {"name": "Ether Mail", "version": "1", "chainId": 1,
                        "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
             "message": {"from": {"name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},
                         "to": {"name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},
                         "contents": "Hello, Bob!"}}
            """;
    static final String MAIL_DIGEST = "be609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2";

    /** Nested structs and arrays of structs and addresses (the eth_signTypedData_v4 example). */
    static final String NESTED_JSON = """
            {"types": {
               "EIP712Domain": [{"name": "name", "type": "string"}, {"name": "version", "type": "string"},
                                {"name": "chainId", "type": "uint256"}, {"name": "verifyingContract", "type": "address"}],
               "Group": [{"name": "name", "type": "string"}, {"name": "members", "type": "Person[]"}],
               "Mail": [{"name": "from", "type": "Person"}, {"name": "to", "type": "Person[]"},
                        {"name": "contents", "type": "string"}],
               "Person": [{"name": "name", "type": "string"}, {"name": "wallets", "type": "address[]"}]},
             "primaryType": "Mail",
             "domain": {"name": "Ether Mail", "version": "1", "chainId": 1,
                        "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
             "message": {
               "from": {"name": "Cow", "wallets": ["0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826",
                                                   "0xDeaDbeefdEAdbeefdEadbEEFdeadbeEFdEaDbeeF"]},
               "to": [{"name": "Bob", "wallets": ["0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB",
                                                  "0xB0BdaBea57B0BDABeA57b0bdABEA57b0BDabEa57",
                                                  "0xB0B0b0b0b0b0B000000000000000000000000000"]}],
               "contents": "Hello, Bob!"}}
            """;

    private Payloads() {
    }

    static SignPayload.Transaction eip1559(long nonce) {
        return new SignPayload.Transaction(TransactionType.EIP1559, BigInteger.ONE, BigInteger.valueOf(nonce), TO,
                BigInteger.TEN.pow(17), BigInteger.valueOf(21_000), null, BigInteger.valueOf(40_000_000_000L),
                BigInteger.valueOf(1_500_000_000L), new byte[0],
                List.of(new SignPayload.AccessListEntry(TO, List.of(SLOT))));
    }

    static SignPayload.Transaction eip2930(long nonce) {
        return new SignPayload.Transaction(TransactionType.EIP2930, BigInteger.valueOf(5), BigInteger.valueOf(nonce),
                TO, BigInteger.ONE, BigInteger.valueOf(30_000), BigInteger.valueOf(20_000_000_000L), null, null,
                new byte[] {1, 2, 3}, List.of(new SignPayload.AccessListEntry(TO, List.of(SLOT, SLOT))));
    }

    static SignPayload.Transaction legacy(long nonce) {
        return new SignPayload.Transaction(TransactionType.LEGACY, BigInteger.valueOf(137), BigInteger.valueOf(nonce),
                TO, BigInteger.TEN.pow(18), BigInteger.valueOf(21_000), BigInteger.valueOf(30_000_000_000L), null, null,
                new byte[0], List.of());
    }

    /** Contract creation: no {@code to}. */
    static SignPayload.Transaction contractCreation(long nonce) {
        return new SignPayload.Transaction(TransactionType.EIP1559, BigInteger.ONE, BigInteger.valueOf(nonce), null,
                BigInteger.ZERO, BigInteger.valueOf(500_000), null, BigInteger.valueOf(40_000_000_000L),
                BigInteger.ONE, new byte[] {0x60, 0x00, 0x60, 0x00}, List.of());
    }

    static SignPayload.PersonalMessage personal(String text) {
        return new SignPayload.PersonalMessage(text.getBytes(StandardCharsets.UTF_8));
    }

    /** One of every kind: three transaction types, EIP-191, EIP-712 flat and nested. */
    static List<SignPayload> everyKind() {
        return List.of(eip1559(0), eip2930(1), legacy(2), contractCreation(3), personal("Sign in to example.com"),
                new SignPayload.TypedData(MAIL_JSON), new SignPayload.TypedData(NESTED_JSON));
    }

    /**
     * The hash the signature must cover, recomputed here from the structured payload, and the
     * checks that the signature recovers (libsecp256k1 ecdsaRecover) to {@code address}, that v is
     * right, and that a transaction's hash is that of its signed bytes.
     */
    static void assertSignedBy(byte[] address, SignPayload payload, Messages.SignResponse response) {
        SigningPayload core = PayloadMapper.toCore(payload);
        byte[] hash = switch (core) {
            case TransactionPayload tx -> Keccak.keccak256(TransactionCodec.fields(tx).unsigned());
            case io.custody.enclave.Eip191Message m -> Eip191.hash(m.message());
            case Eip712TypedData t -> Eip712Encoder.digest(t.types(), t.primaryType(), t.domain(), t.message());
        };
        byte[] compact = Arrays.copyOf(response.r(), 64);
        System.arraycopy(response.s(), 0, compact, 32, 32);
        byte[] publicKey = Secp256k1.get().ecdsaRecover(compact, hash, response.yParity());
        byte[] recovered = Arrays.copyOfRange(Keccak.keccak256(publicKey, 1, 64), 12, 32);
        assertArrayEquals(address, recovered, "signature recovers to the account's address");
        if (core instanceof TransactionPayload tx) {
            assertNotNull(response.signedTransaction());
            assertArrayEquals(Keccak.keccak256(response.signedTransaction()), response.transactionHash());
            assertNull(response.messageHash());
            BigInteger v = tx instanceof LegacyTransaction
                    ? tx.chainId().shiftLeft(1).add(BigInteger.valueOf(35 + response.yParity()))
                    : BigInteger.valueOf(27 + response.yParity());
            assertEquals(v, response.v());
            if (!(tx instanceof LegacyTransaction)) {
                int type = tx instanceof io.custody.enclave.Eip1559Transaction ? 2 : 1;
                assertEquals(type, response.signedTransaction()[0], "typed transaction envelope");
            }
        } else {
            assertArrayEquals(hash, response.messageHash());
            assertNull(response.signedTransaction());
            assertEquals(BigInteger.valueOf(27 + response.yParity()), response.v());
        }
        assertTrue(new BigInteger(1, response.s()).compareTo(
                new BigInteger("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0", 16)) <= 0, "low-S");
    }
}
