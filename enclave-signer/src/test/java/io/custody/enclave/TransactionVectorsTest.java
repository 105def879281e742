package io.custody.enclave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.custody.enclave.SignatureResult.SignedTransaction;
import io.custody.enclave.internal.Hex;
import io.custody.enclave.internal.Keccak;
import io.custody.enclave.internal.TransactionCodec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * All 896 ethers.js transaction vectors ({@code shared/vectors/ethereum/transaction.json.gz}).
 *
 * <p>How the vectors' gaps are read (from the data, see the README of this module):
 * <ul>
 *   <li>an absent field is zero / empty, an absent {@code to} is contract creation;
 *   <li>legacy EIP-155 with an absent or zero chain id (401 cases): ethers still serializes with
 *       {@code v = 35/36}, i.e. chain id 0. The enclave refuses chain id 0 (it is no chain, and
 *       pre-EIP-155 style replays are what EIP-155 exists to stop), so these assert refusal;
 *   <li>typed (Berlin, London) with an absent chain id (384 cases): the expected bytes encode chain
 *       id 1, so the test passes 1; with chain id {@code "0x"} (17 cases) they encode 0: refused.
 * </ul>
 */
class TransactionVectorsTest {

    private static final EnclaveSigner SIGNER = new EnclaveSigner(AllowEverything.POLICY);
    private static List<Map<String, Object>> vectors;

    @BeforeAll
    static void load() {
        vectors = Vectors.readList("ethereum/transaction.json.gz");
    }

    static Stream<Arguments> cases() {
        if (vectors == null) {
            load();
        }
        return vectors.stream().map(v -> Arguments.of(v.get("name"), v));
    }

    @Test
    void vectorFile_hasAll896Cases() {
        assertEquals(896, vectors.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void signLegacy_reproducesEthersSignedEip155_orRefusesChainIdZero(String name, Map<String, Object> v) {
        Map<String, Object> tx = tx(v);
        BigInteger chainId = quantity(tx, "chainId");
        if (chainId.signum() == 0) {
            InvalidPayloadException e = assertThrows(InvalidPayloadException.class, () -> new LegacyTransaction(
                    chainId, nonce(tx), quantity(tx, "gasPrice"), quantity(tx, "gasLimit"), to(tx),
                    quantity(tx, "value"), data(tx)));
            assertEquals("chainId must be positive (replay protection)", e.getMessage());
            return;
        }
        LegacyTransaction legacy = new LegacyTransaction(chainId, nonce(tx), quantity(tx, "gasPrice"),
                quantity(tx, "gasLimit"), to(tx), quantity(tx, "value"), data(tx));
        assertSigned(v, legacy, "unsignedEip155", "signedEip155");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void signEip2930_reproducesEthersSignedBerlin(String name, Map<String, Object> v) {
        Map<String, Object> tx = tx(v);
        BigInteger chainId = typedChainId(tx);
        if (chainId.signum() == 0) {
            assertThrows(InvalidPayloadException.class, () -> new Eip2930Transaction(chainId, nonce(tx),
                    quantity(tx, "gasPrice"), quantity(tx, "gasLimit"), to(tx), quantity(tx, "value"),
                    data(tx), accessList(tx)));
            return;
        }
        Eip2930Transaction berlin = new Eip2930Transaction(chainId, nonce(tx), quantity(tx, "gasPrice"),
                quantity(tx, "gasLimit"), to(tx), quantity(tx, "value"), data(tx), accessList(tx));
        assertSigned(v, berlin, "unsignedBerlin", "signedBerlin");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void signEip1559_reproducesEthersSignedLondon(String name, Map<String, Object> v) {
        Map<String, Object> tx = tx(v);
        BigInteger chainId = typedChainId(tx);
        if (chainId.signum() == 0) {
            assertThrows(InvalidPayloadException.class, () -> new Eip1559Transaction(chainId, nonce(tx),
                    quantity(tx, "maxPriorityFeePerGas"), quantity(tx, "maxFeePerGas"),
                    quantity(tx, "gasLimit"), to(tx), quantity(tx, "value"), data(tx), accessList(tx)));
            return;
        }
        Eip1559Transaction london = new Eip1559Transaction(chainId, nonce(tx),
                quantity(tx, "maxPriorityFeePerGas"), quantity(tx, "maxFeePerGas"), quantity(tx, "gasLimit"),
                to(tx), quantity(tx, "value"), data(tx), accessList(tx));
        assertSigned(v, london, "unsignedLondon", "signedLondon");
    }

    private static void assertSigned(Map<String, Object> v, TransactionPayload payload,
            String unsignedKey, String signedKey) {
        byte[] expectedUnsigned = hex(v.get(unsignedKey));
        byte[] expectedSigned = hex(v.get(signedKey));
        assertEquals(Hex.encode0x(expectedUnsigned), Hex.encode0x(TransactionCodec.fields(payload).unsigned()),
                unsignedKey);
        try (SigningKey key = TestKeys.fromHex((String) v.get("privateKey"))) {
            SignedTransaction signed = (SignedTransaction) SIGNER.sign(key, payload);
            assertEquals(Hex.encode0x(expectedSigned), Hex.encode0x(signed.rawTransaction()), signedKey);
            assertArrayEquals(Keccak.keccak256(expectedUnsigned), signed.signingHash());
            assertArrayEquals(Keccak.keccak256(expectedSigned), signed.transactionHash());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tx(Map<String, Object> v) {
        return (Map<String, Object>) v.get("transaction");
    }

    /** Berlin/London vectors encode chain id 1 when the field is absent (see class comment). */
    private static BigInteger typedChainId(Map<String, Object> tx) {
        return tx.containsKey("chainId") ? quantity(tx, "chainId") : BigInteger.ONE;
    }

    private static BigInteger nonce(Map<String, Object> tx) {
        Object n = tx.get("nonce");
        return n == null ? BigInteger.ZERO : (BigInteger) n;
    }

    private static BigInteger quantity(Map<String, Object> tx, String field) {
        Object q = tx.get(field);
        if (q == null) {
            return BigInteger.ZERO;
        }
        if (q instanceof BigInteger i) {
            return i;
        }
        byte[] b = hex(q);
        return new BigInteger(1, b);
    }

    private static Optional<EthAddress> to(Map<String, Object> tx) {
        Object to = tx.get("to");
        return to == null ? Optional.empty() : Optional.of(EthAddress.parse((String) to));
    }

    private static byte[] data(Map<String, Object> tx) {
        Object d = tx.get("data");
        return d == null ? new byte[0] : hex(d);
    }

    @SuppressWarnings("unchecked")
    private static List<AccessListEntry> accessList(Map<String, Object> tx) {
        Object list = tx.get("accessList");
        List<AccessListEntry> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (Object o : (List<Object>) list) {
            Map<String, Object> entry = (Map<String, Object>) o;
            List<byte[]> keys = ((List<Object>) entry.get("storageKeys")).stream().map(TransactionVectorsTest::hex).toList();
            out.add(new AccessListEntry(EthAddress.parse((String) entry.get("address")), keys));
        }
        return out;
    }

    private static byte[] hex(Object text) {
        String s = (String) text;
        String digits = s.substring(2);
        return Hex.decode(digits.length() % 2 == 1 ? "0" + digits : digits);
    }
}
