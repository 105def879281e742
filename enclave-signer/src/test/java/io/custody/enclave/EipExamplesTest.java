package io.custody.enclave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.custody.enclave.SignatureResult.SignedMessage;
import io.custody.enclave.SignatureResult.SignedTransaction;
import io.custody.enclave.internal.Hex;
import io.custody.enclave.internal.TransactionCodec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The worked examples from the EIPs themselves. */
class EipExamplesTest {

    private static final EnclaveSigner SIGNER = new EnclaveSigner(AllowEverything.POLICY);

    /** EIP-155, "Example": nonce 9, 20 gwei, 21000 gas, 1 ether to 0x3535..35, chain id 1, key 0x4646..46. */
    @Test
    void signLegacy_reproducesEip155Example() {
        LegacyTransaction tx = new LegacyTransaction(BigInteger.ONE, BigInteger.valueOf(9),
                BigInteger.valueOf(20_000_000_000L), BigInteger.valueOf(21_000),
                Optional.of(EthAddress.parse("0x" + "35".repeat(20))),
                new BigInteger("1000000000000000000"), new byte[0]);
        assertEquals("0xec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080",
                Hex.encode0x(TransactionCodec.fields(tx).unsigned()));
        try (SigningKey key = TestKeys.fromHex("46".repeat(32))) {
            SignedTransaction signed = (SignedTransaction) SIGNER.sign(key, tx);
            assertEquals("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53",
                    Hex.encode0x(signed.signingHash()));
            assertEquals(BigInteger.valueOf(37), signed.v());
            assertEquals("0x28ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276",
                    Hex.encode0x(signed.signature().r()));
            assertEquals("0x67cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83",
                    Hex.encode0x(signed.signature().s()));
            assertEquals("0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a0"
                    + "28ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a0"
                    + "67cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83",
                    Hex.encode0x(signed.rawTransaction()));
        }
    }

    /** EIP-712, the "Mail" example (Example.js in the EIP's assets). */
    @Test
    void signTypedData_reproducesEip712MailExample() {
        Eip712TypedData mail = new Eip712TypedData(
                Map.of("Person", List.of(new Eip712Field("name", "string"), new Eip712Field("wallet", "address")),
                        "Mail", List.of(new Eip712Field("from", "Person"), new Eip712Field("to", "Person"),
                                new Eip712Field("contents", "string"))),
                "Mail",
                Map.of("name", "Ether Mail", "version", "1", "chainId", 1,
                        "verifyingContract", "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"),
                Map.of("from", Map.of("name", "Cow", "wallet", "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"),
                        "to", Map.of("name", "Bob", "wallet", "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"),
                        "contents", "Hello, Bob!"));
        // The EIP's private key: keccak256("cow").
        try (SigningKey key = TestKeys.fromHex("c85ef7d79691fe79573b1a7064c19c1a9819ebdbd1faaab1a8ec92344438aaf4")) {
            assertEquals(EthAddress.parse("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"), key.address());
            SignedMessage signed = (SignedMessage) SIGNER.sign(key, mail);
            assertEquals("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2",
                    Hex.encode0x(signed.messageHash()));
            assertEquals(28, signed.v());
            assertEquals("0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d"
                    + "07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b915621c",
                    Hex.encode0x(signed.toRsv()));
        }
    }

    /** EIP-191 personal_sign, the web3.js documentation example ("Some data"). */
    @Test
    void signPersonalMessage_reproducesWeb3jsExample() {
        try (SigningKey key = TestKeys.fromHex("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")) {
            SignedMessage signed = (SignedMessage) SIGNER.sign(key,
                    new Eip191Message("Some data".getBytes(StandardCharsets.UTF_8)));
            assertEquals("0x1da44b586eb0729ff70a73c326926f6ed5a25f5b056e7f47fbc6e58d86871655",
                    Hex.encode0x(signed.messageHash()));
            assertEquals("0xb91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd"
                    + "6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a0291c",
                    Hex.encode0x(signed.toRsv()));
        }
    }
}
