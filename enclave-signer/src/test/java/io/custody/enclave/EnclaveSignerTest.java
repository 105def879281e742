package io.custody.enclave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.enclave.SignatureResult.SignedMessage;
import io.custody.enclave.SignatureResult.SignedTransaction;
import io.custody.enclave.internal.Hex;
import io.custody.enclave.internal.Keccak;
import io.custody.enclave.internal.Secp256k1Engine;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EnclaveSignerTest {

    private static final BigInteger HALF_N =
            new BigInteger("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0", 16);
    private static final EnclaveSigner SIGNER = new EnclaveSigner(AllowEverything.POLICY);

    static Eip1559Transaction transfer(long nonce) {
        return new Eip1559Transaction(BigInteger.ONE, BigInteger.valueOf(nonce), BigInteger.valueOf(1_000_000_000L),
                BigInteger.valueOf(30_000_000_000L), BigInteger.valueOf(21_000),
                Optional.of(EthAddress.parse("0x" + "35".repeat(20))), BigInteger.TEN.pow(18), new byte[0], List.of());
    }

    @Test
    void policy_isConsulted_beforeSigning_andSeesTheStructuredPayload() {
        AtomicReference<SigningRequest> seen = new AtomicReference<>();
        EnclaveSigner signer = new EnclaveSigner(request -> {
            seen.set(request);
            return PolicyDecision.allow();
        });
        Eip1559Transaction tx = transfer(1);
        try (SigningKey key = TestKeys.fromHex("46".repeat(32))) {
            signer.sign(key, tx);
            assertSame(tx, seen.get().payload());
            assertEquals(key.address(), seen.get().signer());
            assertEquals(TestKeys.TEST_ID, seen.get().key());
        }
    }

    @Test
    void signing_isRefused_whenPolicyDenies() {
        EnclaveSigner signer = new EnclaveSigner(request -> PolicyDecision.deny("chain id 1 not allowed"));
        try (SigningKey key = TestKeys.fromHex("46".repeat(32))) {
            PolicyDeniedException e = assertThrows(PolicyDeniedException.class, () -> signer.sign(key, transfer(1)));
            assertEquals("chain id 1 not allowed", e.reason());
            assertEquals("policy_denied", e.code());
        }
    }

    @Test
    void signing_failsClosed_whenPolicyReturnsNullOrThrows() {
        try (SigningKey key = TestKeys.fromHex("46".repeat(32))) {
            assertThrows(PolicyDeniedException.class, () -> new EnclaveSigner(r -> null).sign(key, transfer(1)));
            assertThrows(IllegalStateException.class, () -> new EnclaveSigner(r -> {
                throw new IllegalStateException("policy store unavailable");
            }).sign(key, transfer(1)));
        }
    }

    @Test
    void everySignature_isLowS_andRecoversToTheSigner() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 300; i++) {
            try (SigningKey key = SigningKey.forTestOnly(TestKeys.TEST_ID, Secp256k1Keys.generate(random))) {
                byte[] message = new byte[1 + random.nextInt(64)];
                random.nextBytes(message);
                SignedMessage m = (SignedMessage) SIGNER.sign(key, new Eip191Message(message));
                SignedTransaction t = (SignedTransaction) SIGNER.sign(key, transfer(i));
                for (EcdsaSignature sig : List.of(m.signature(), t.signature())) {
                    assertTrue(new BigInteger(1, sig.s()).compareTo(HALF_N) <= 0, "s <= n/2");
                }
                assertEquals(key.address(), recover(m.messageHash(), m.signature()));
                assertEquals(key.address(), recover(t.signingHash(), t.signature()));
            }
        }
    }

    @Test
    void recoveryCheck_refusesACorruptedSignature() {
        try (SigningKey key = TestKeys.fromHex("46".repeat(32))) {
            SignedMessage m = (SignedMessage) SIGNER.sign(key, new Eip191Message(new byte[] {1, 2, 3}));
            byte[] compact = compact(m.signature());
            for (int i : new int[] {0, 17, 31, 32, 50, 63}) {
                byte[] corrupted = compact.clone();
                corrupted[i] ^= 0x01;
                assertThrows(SignatureCheckException.class, () -> Secp256k1Engine.check(
                        corrupted, m.messageHash(), m.signature().yParity(), key.address()));
            }
            // The uncorrupted one passes.
            assertEquals(m.signature(),
                    Secp256k1Engine.check(compact, m.messageHash(), m.signature().yParity(), key.address()));
        }
    }

    @Test
    void recoveryCheck_refusesTheWrongRecoveryId() {
        try (SigningKey key = TestKeys.fromHex("46".repeat(32))) {
            SignedMessage m = (SignedMessage) SIGNER.sign(key, new Eip191Message(new byte[] {4, 5, 6}));
            byte[] compact = compact(m.signature());
            for (int wrongId : new int[] {1 - m.signature().yParity(), 2, 3, -1}) {
                assertThrows(SignatureCheckException.class,
                        () -> Secp256k1Engine.check(compact, m.messageHash(), wrongId, key.address()));
            }
        }
    }

    @Test
    void recoverableSigning_isBitIdenticalToKmpSign() {
        SecureRandom random = new SecureRandom();
        fr.acinq.secp256k1.Secp256k1 lib = fr.acinq.secp256k1.Secp256k1.get();
        try (SigningKey key = SigningKey.forTestOnly(TestKeys.TEST_ID, Secp256k1Keys.generate(random))) {
            for (int i = 0; i < 200; i++) {
                byte[] hash = new byte[32];
                random.nextBytes(hash);
                EcdsaSignature sig = Secp256k1Engine.sign(key.privateKey().unsafeBytes(), hash, key.address());
                assertEquals(Hex.encode(lib.sign(hash, key.privateKey().unsafeBytes(), null)),
                        Hex.encode(compact(sig)));
            }
        }
    }

    @Test
    void recoveryCheck_refusesHighS() {
        try (SigningKey key = TestKeys.fromHex("46".repeat(32))) {
            SignedMessage m = (SignedMessage) SIGNER.sign(key, new Eip191Message(new byte[] {1}));
            BigInteger n = HALF_N.shiftLeft(1).add(BigInteger.ONE);
            byte[] highS = compact(new EcdsaSignature(m.signature().r(),
                    toBytes32(n.subtract(new BigInteger(1, m.signature().s()))), 0));
            SignatureCheckException e = assertThrows(SignatureCheckException.class,
                    () -> Secp256k1Engine.check(highS, m.messageHash(), 0, key.address()));
            assertEquals("signature is not low-S", e.getMessage());
        }
    }

    @Test
    void signing_isRefused_whenKeyDoesNotBelongToTheExpectedAddress() {
        SecureRandom random = new SecureRandom();
        KeyIdentity id = new KeyIdentity(UUID.randomUUID(), UUID.randomUUID(), 1, Curve.SECP256K1);
        try (SecretBytes dek = SecretBytes.random(32, random); SecretBytes raw = Secp256k1Keys.generate(random)) {
            byte[] wrapped = AccountKeyWrapper.wrap(dek, id, raw);
            EthAddress someoneElse = EthAddress.parse("0x" + "35".repeat(20));
            try (SigningKey key = SigningKey.unwrap(dek, id, wrapped, someoneElse)) {
                SignatureCheckException e = assertThrows(SignatureCheckException.class,
                        () -> SIGNER.sign(key, transfer(0)));
                assertEquals("signature_check_failed", e.code());
            }
            try (SigningKey key = SigningKey.unwrap(dek, id, wrapped, Secp256k1Keys.publicKey(raw).address())) {
                assertNotNull(SIGNER.sign(key, transfer(0)));
            }
        }
    }

    @Test
    void legacyTransaction_withoutChainId_isRefused() {
        assertThrows(InvalidPayloadException.class, () -> new LegacyTransaction(BigInteger.ZERO, BigInteger.ZERO,
                BigInteger.ONE, BigInteger.ONE, Optional.empty(), BigInteger.ZERO, new byte[0]));
        assertThrows(InvalidPayloadException.class, () -> new LegacyTransaction(null, BigInteger.ZERO,
                BigInteger.ONE, BigInteger.ONE, Optional.empty(), BigInteger.ZERO, new byte[0]));
    }

    @Test
    void quantities_outsideTheirRange_areRefused() {
        BigInteger two64 = BigInteger.ONE.shiftLeft(64);
        BigInteger two256 = BigInteger.ONE.shiftLeft(256);
        List<Runnable> bad = new ArrayList<>();
        bad.add(() -> new Eip1559Transaction(two64, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
                BigInteger.ZERO, Optional.empty(), BigInteger.ZERO, new byte[0], List.of()));
        bad.add(() -> new Eip1559Transaction(BigInteger.ONE, two64, BigInteger.ZERO, BigInteger.ZERO,
                BigInteger.ZERO, Optional.empty(), BigInteger.ZERO, new byte[0], List.of()));
        bad.add(() -> new Eip1559Transaction(BigInteger.ONE, BigInteger.ZERO, two256, BigInteger.ZERO,
                BigInteger.ZERO, Optional.empty(), BigInteger.ZERO, new byte[0], List.of()));
        bad.add(() -> new Eip1559Transaction(BigInteger.ONE, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
                two64, Optional.empty(), BigInteger.ZERO, new byte[0], List.of()));
        bad.add(() -> new Eip1559Transaction(BigInteger.ONE, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
                BigInteger.ZERO, Optional.empty(), two256, new byte[0], List.of()));
        bad.add(() -> new Eip2930Transaction(BigInteger.ONE, BigInteger.ZERO, BigInteger.ONE.negate(),
                BigInteger.ZERO, Optional.empty(), BigInteger.ZERO, new byte[0], List.of()));
        bad.add(() -> new AccessListEntry(EthAddress.parse("0x" + "35".repeat(20)), List.of(new byte[31])));
        for (Runnable r : bad) {
            assertThrows(InvalidPayloadException.class, r::run);
        }
        // The largest values are accepted.
        new Eip1559Transaction(two64.subtract(BigInteger.ONE), two64.subtract(BigInteger.ONE),
                two256.subtract(BigInteger.ONE), two256.subtract(BigInteger.ONE), two64.subtract(BigInteger.ONE),
                Optional.empty(), two256.subtract(BigInteger.ONE), new byte[0], List.of());
    }

    @Test
    void legacyV_isChainIdTimesTwoPlus35PlusYParity_evenBeyond64Bits() {
        BigInteger chainId = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        try (SigningKey key = TestKeys.fromHex("46".repeat(32))) {
            SignedTransaction t = (SignedTransaction) SIGNER.sign(key, new LegacyTransaction(chainId, BigInteger.ONE,
                    BigInteger.ONE, BigInteger.valueOf(21000), Optional.empty(), BigInteger.ZERO, new byte[0]));
            assertEquals(chainId.shiftLeft(1).add(BigInteger.valueOf(35 + t.signature().yParity())), t.v());
            assertEquals(Hex.encode0x(Keccak.keccak256(t.rawTransaction())), Hex.encode0x(t.transactionHash()));
        }
    }

    @Test
    void payloads_areDefensivelyCopied() {
        byte[] data = {1, 2, 3};
        Eip191Message m = new Eip191Message(data);
        data[0] = 9;
        assertEquals(1, m.message()[0]);
        m.message()[1] = 9;
        assertEquals(2, m.message()[1]);
    }

    @Test
    void signatureErrors_neverContainTheKey() {
        try (SigningKey key = TestKeys.fromHex("46".repeat(32))) {
            SignedMessage m = (SignedMessage) SIGNER.sign(key, new Eip191Message(new byte[] {1}));
            byte[] corrupted = compact(m.signature());
            corrupted[40] ^= 1;
            SignatureCheckException e = assertThrows(SignatureCheckException.class,
                    () -> Secp256k1Engine.check(corrupted, m.messageHash(), 0, key.address()));
            assertFalse(e.getMessage().contains("4646"));
        }
    }

    private static EthAddress recover(byte[] hash, EcdsaSignature sig) {
        byte[] pub = fr.acinq.secp256k1.Secp256k1.get().ecdsaRecover(compact(sig), hash, sig.yParity());
        return EthAddress.fromUncompressedPublicKey(pub);
    }

    private static byte[] compact(EcdsaSignature sig) {
        byte[] out = new byte[64];
        System.arraycopy(sig.r(), 0, out, 0, 32);
        System.arraycopy(sig.s(), 0, out, 32, 32);
        return out;
    }

    private static byte[] toBytes32(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int len = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - len, out, 32 - len, len);
        return out;
    }
}
