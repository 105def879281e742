package io.custody.enclave.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.attestation.AttestationDocument;
import io.custody.attestation.AttestationVerifier;
import io.custody.attestation.Expectations;
import io.custody.enclave.client.EnclaveClient;
import io.custody.enclave.internal.Keccak;
import io.custody.enclave.protocol.DataKeyRef;
import io.custody.enclave.protocol.EnclaveException;
import io.custody.enclave.protocol.ErrorCode;
import io.custody.enclave.protocol.Messages;
import io.custody.enclave.protocol.Messages.CreatedAccount;
import io.custody.enclave.protocol.SignPayload;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The signer end to end, in-process: simulated NSM → real FrameServer with the real handler →
 * EnclaveClient, and the KMS emulator evaluating a PCR0-pinned deployment key policy on every
 * Recipient call.
 */
class EndToEndTest {

    private static SignerFixture fixture;
    private static byte[] pcr0;
    private static String keyArn;
    private static SignerServer server;
    private static EnclaveClient client;
    private static UUID tenant;
    private static DataKeyRef dek;
    private static CreatedAccount account;
    private static Messages.SealedPolicy allowAll;
    static final String ALLOW_ALL = "{\"rules\": [{\"id\": \"everything\", \"effect\": \"ALLOW\"}]}";

    @BeforeAll
    static void start() throws Exception {
        fixture = SignerFixture.start();
        pcr0 = SignerFixture.randomPcr0();
        keyArn = fixture.deploymentKey(pcr0);
        server = fixture.signer(pcr0);
        client = SignerFixture.client(server);
        tenant = UUID.randomUUID();
        dek = createTenantKey(client, tenant, 1, keyArn);
        account = createAccounts(client, tenant, dek, 1).getFirst();
        allowAll = seal(client, tenant, dek, 1, ALLOW_ALL);
    }

    static Messages.SealedPolicy seal(EnclaveClient client, UUID tenant, DataKeyRef dek, int version, String document)
            throws EnclaveException {
        byte[] bytes = document.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new Messages.SealedPolicy(version, bytes, client.sealPolicy(new Messages.SealPolicyRequest(tenant, dek,
                SignerFixture.parentCredentials(), version, bytes)).seal());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        fixture.close();
    }

    static DataKeyRef createTenantKey(EnclaveClient client, UUID tenant, int version, String keyId)
            throws EnclaveException {
        return client.createTenantKey(new Messages.CreateTenantKeyRequest(tenant, version, keyId,
                SignerFixture.parentCredentials())).dek();
    }

    static List<CreatedAccount> createAccounts(EnclaveClient client, UUID tenant, DataKeyRef dek, int count)
            throws EnclaveException {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID());
        }
        return client.createAccounts(new Messages.CreateAccountsRequest(tenant, dek, SignerFixture.parentCredentials(),
                ids)).accounts();
    }

    /** Tenants' allow-everything policies, sealed once per tenant and signer (so signing costs no extra call). */
    private static final java.util.Map<String, Messages.SealedPolicy> ALLOW_ALL_SEALS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Signs under the tenant's allow-everything policy (version 1). */
    static Messages.SignResponse sign(EnclaveClient client, UUID tenant, DataKeyRef dek, CreatedAccount account,
            SignPayload payload) throws EnclaveException {
        String key = System.identityHashCode(client) + "/" + tenant;
        Messages.SealedPolicy policy = ALLOW_ALL_SEALS.get(key);
        if (policy == null) {
            policy = seal(client, tenant, dek, 1, ALLOW_ALL);
            ALLOW_ALL_SEALS.put(key, policy);
        }
        return sign(client, tenant, dek, account, payload, policy);
    }

    static Messages.SignResponse sign(EnclaveClient client, UUID tenant, DataKeyRef dek, CreatedAccount account,
            SignPayload payload, Messages.SealedPolicy policy) throws EnclaveException {
        return client.sign(new Messages.SignRequest(tenant, account.accountId(), dek, SignerFixture.parentCredentials(),
                account.address(), account.wrappedKey(), payload, policy));
    }

    @Test
    void createTenantKey_returnsTheKeyArnAndCiphertextOnly() {
        assertEquals(1, dek.version());
        assertEquals(keyArn, dek.kmsKeyId(), "the ARN KMS reported, so later Decrypts can check it");
        assertTrue(dek.ciphertextBlob().length > 32, "a KMS ciphertext blob, not a 32-byte key");
    }

    @Test
    void createTenantKey_byAlias_recordsTheKeyArnKmsReported() throws Exception {
        fixture.admin.createAlias(r -> r.aliasName("alias/custody-e2e").targetKeyId(keyArn));
        DataKeyRef byAlias = createTenantKey(client, UUID.randomUUID(), 1, "alias/custody-e2e");
        assertEquals(keyArn, byAlias.kmsKeyId());
    }

    @Test
    void createAccounts_returnsAddressPublicKeyAndWrappedKey_forEveryIdInOrder() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            ids.add(UUID.randomUUID());
        }
        List<CreatedAccount> accounts = client.createAccounts(new Messages.CreateAccountsRequest(tenant, dek,
                SignerFixture.parentCredentials(), ids)).accounts();
        assertEquals(ids.size(), accounts.size());
        Set<String> addresses = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            CreatedAccount a = accounts.get(i);
            assertEquals(ids.get(i), a.accountId());
            assertEquals(65, a.publicKey().length);
            assertEquals(0x04, a.publicKey()[0]);
            assertArrayEquals(java.util.Arrays.copyOfRange(Keccak.keccak256(a.publicKey(), 1, 64), 12, 32), a.address());
            assertEquals(61, a.wrappedKey().length);
            addresses.add(HexFormat.of().formatHex(a.address()));
        }
        assertEquals(ids.size(), addresses.size(), "every account has its own key");
    }

    @Test
    void createAccounts_withDuplicateIds_isInvalidRequest() {
        UUID id = UUID.randomUUID();
        EnclaveException e = assertThrows(EnclaveException.class, () -> client.createAccounts(
                new Messages.CreateAccountsRequest(tenant, dek, SignerFixture.parentCredentials(), List.of(id, id))));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
    }

    @Test
    void sign_everyPayloadKind_recoversToTheAccountAddress() throws Exception {
        for (SignPayload payload : Payloads.everyKind()) {
            Payloads.assertSignedBy(account.address(), payload, sign(client, tenant, dek, account, payload));
        }
    }

    @Test
    void sign_eip712MailExample_signsThePublishedDigest() throws Exception {
        Messages.SignResponse response = sign(client, tenant, dek, account, new SignPayload.TypedData(Payloads.MAIL_JSON));
        assertEquals(Payloads.MAIL_DIGEST, HexFormat.of().formatHex(response.messageHash()));
    }

    @Test
    void kms_refusesAnotherEnclaveImage_withKmsAccessDenied() throws Exception {
        try (SignerServer otherImage = fixture.signer(SignerFixture.randomPcr0());
                EnclaveClient other = SignerFixture.client(otherImage)) {
            EnclaveException create = assertThrows(EnclaveException.class,
                    () -> createTenantKey(other, UUID.randomUUID(), 1, keyArn));
            assertEquals(ErrorCode.KMS_ACCESS_DENIED, create.code());
            assertEquals("AccessDeniedException", create.detail().orElseThrow());
            EnclaveException decrypt = assertThrows(EnclaveException.class,
                    () -> sign(other, tenant, dek, account, Payloads.personal("hello")));
            assertEquals(ErrorCode.KMS_ACCESS_DENIED, decrypt.code());
        }
    }

    @Test
    void sign_isRefused_whenTheWrappedKeyIsMovedToAnotherAccount() {
        CreatedAccount moved = new CreatedAccount(UUID.randomUUID(), account.address(), account.publicKey(),
                account.wrappedKey());
        EnclaveException e = assertThrows(EnclaveException.class,
                () -> sign(client, tenant, dek, moved, Payloads.personal("hello")));
        assertEquals(ErrorCode.KEY_UNWRAP_FAILED, e.code());
        assertEquals("AUTHENTICATION_FAILED", e.detail().orElseThrow());
    }

    @Test
    void sign_isRefused_whenTheWrappedKeyIsMovedToAnotherTenant() throws Exception {
        UUID otherTenant = UUID.randomUUID();
        DataKeyRef otherDek = createTenantKey(client, otherTenant, 1, keyArn);
        EnclaveException e = assertThrows(EnclaveException.class,
                () -> sign(client, otherTenant, otherDek, account, Payloads.personal("hello")));
        assertEquals(ErrorCode.KEY_UNWRAP_FAILED, e.code());
        assertEquals("AUTHENTICATION_FAILED", e.detail().orElseThrow());
    }

    @Test
    void dekCiphertext_presentedForAnotherTenant_isRefusedByKms() {
        EnclaveException e = assertThrows(EnclaveException.class,
                () -> sign(client, UUID.randomUUID(), dek, account, Payloads.personal("hello")));
        assertEquals(ErrorCode.KMS_FAILURE, e.code());
        assertEquals("InvalidCiphertextException", e.detail().orElseThrow(), "encryption context binds the tenant");
    }

    @Test
    void dekCiphertext_presentedAsAnotherVersion_isRefusedByKms() {
        DataKeyRef otherVersion = new DataKeyRef(2, dek.kmsKeyId(), dek.ciphertextBlob());
        EnclaveException e = assertThrows(EnclaveException.class,
                () -> sign(client, tenant, otherVersion, account, Payloads.personal("hello")));
        assertEquals(ErrorCode.KMS_FAILURE, e.code());
        assertEquals("InvalidCiphertextException", e.detail().orElseThrow());
    }

    @Test
    void dataKeyRef_namingAnotherKeyArn_isRefused() {
        String otherKey = fixture.deploymentKey(pcr0);
        DataKeyRef lying = new DataKeyRef(dek.version(), otherKey, dek.ciphertextBlob());
        EnclaveException e = assertThrows(EnclaveException.class,
                () -> sign(client, tenant, lying, account, Payloads.personal("hello")));
        assertEquals(ErrorCode.KMS_FAILURE, e.code());
        assertEquals("IncorrectKeyException", e.detail().orElseThrow());
    }

    @Test
    void dataKeyRef_namingTheKeyByAlias_isRefused_becauseDecryptMustCheckTheArn() {
        DataKeyRef byAlias = new DataKeyRef(dek.version(), "alias/anything", dek.ciphertextBlob());
        EnclaveException e = assertThrows(EnclaveException.class,
                () -> sign(client, tenant, byAlias, account, Payloads.personal("hello")));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
    }

    @Test
    void sign_withFeeFieldsOfAnotherType_isInvalidRequest_andCostsNoKmsCall() {
        server.cache().clear();
        long decrypts = fixture.kmsCalls("Decrypt");
        SignPayload.Transaction tx = Payloads.eip1559(1);
        SignPayload.Transaction withGasPrice = new SignPayload.Transaction(tx.type(), tx.chainId(), tx.nonce(), tx.to(),
                tx.value(), tx.gasLimit(), BigInteger.ONE, tx.maxFeePerGas(), tx.maxPriorityFeePerGas(), tx.data(),
                tx.accessList());
        EnclaveException e = assertThrows(EnclaveException.class,
                () -> sign(client, tenant, dek, account, withGasPrice));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertEquals(decrypts, fixture.kmsCalls("Decrypt"));
    }

    @Test
    void sign_withChainIdZero_isInvalidRequest() {
        SignPayload.Transaction tx = Payloads.legacy(1);
        SignPayload.Transaction chainZero = new SignPayload.Transaction(tx.type(), BigInteger.ZERO, tx.nonce(), tx.to(),
                tx.value(), tx.gasLimit(), tx.gasPrice(), null, null, tx.data(), List.of());
        EnclaveException e = assertThrows(EnclaveException.class, () -> sign(client, tenant, dek, account, chainZero));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertTrue(e.getMessage().contains("chainId"), e.getMessage());
    }

    @Test
    void sign_withMalformedTypedData_isInvalidRequest() {
        EnclaveException e = assertThrows(EnclaveException.class, () -> sign(client, tenant, dek, account,
                new SignPayload.TypedData("{\"types\": {}, \"types\": {}}")));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
    }

    @Test
    void health_reportsUpThePcr0AndTheCacheCounters() throws Exception {
        Messages.HealthResponse health = client.health();
        assertEquals("UP", health.status());
        assertArrayEquals(pcr0, health.pcr0());
        assertTrue(health.version().startsWith("enclave-signer "), health.version());
        assertTrue(health.version().contains("hits="), health.version());
    }

    @Test
    void attest_returnsADocumentOfThisImageWithTheNonce() throws Exception {
        byte[] nonce = "client-nonce-123".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] document = client.attest(new Messages.AttestRequest(nonce)).document();
        AttestationDocument verified = AttestationVerifier.pinnedTo(fixture.root.certificate())
                .verify(document, Instant.now(), Expectations.none().withNonce(nonce).withPcr(0, pcr0));
        assertArrayEquals(pcr0, verified.pcrs().get(0));
    }

    private static final SignPayload MAINNET_TRANSFER = Payloads.eip1559(0); // chain id 1

    @Test
    void sign_needsItsTenantsSealedPolicy_unalteredAndNotSuperseded() throws Exception {
        UUID other = UUID.randomUUID();
        DataKeyRef otherDek = createTenantKey(client, other, 1, keyArn);
        CreatedAccount otherAccount = createAccounts(client, other, otherDek, 1).getFirst();
        Messages.SealedPolicy v1 = seal(client, other, otherDek, 1, ALLOW_ALL);
        sign(client, other, otherDek, otherAccount, MAINNET_TRANSFER, v1);

        EnclaveException none = assertThrows(EnclaveException.class,
                () -> sign(client, other, otherDek, otherAccount, MAINNET_TRANSFER, null));
        assertEquals(ErrorCode.POLICY_SEAL_INVALID, none.code());
        byte[] altered = ALLOW_ALL.replace("everything", "everythinG").getBytes();
        EnclaveException tampered = assertThrows(EnclaveException.class, () -> sign(client, other, otherDek, otherAccount,
                MAINNET_TRANSFER, new Messages.SealedPolicy(1, altered, v1.seal())));
        assertEquals(ErrorCode.POLICY_SEAL_INVALID, tampered.code());
        EnclaveException anotherTenants = assertThrows(EnclaveException.class, () -> sign(client, other, otherDek,
                otherAccount, MAINNET_TRANSFER, allowAll));
        assertEquals(ErrorCode.POLICY_SEAL_INVALID, anotherTenants.code());

        seal(client, other, otherDek, 2, "{\"rules\": [{\"id\": \"testnet-only\", \"effect\": \"ALLOW\", "
                + "\"when\": {\"chainIds\": [\"11155111\"]}}]}");
        EnclaveException superseded = assertThrows(EnclaveException.class,
                () -> sign(client, other, otherDek, otherAccount, MAINNET_TRANSFER, v1));
        assertEquals(ErrorCode.POLICY_SEAL_INVALID, superseded.code());
        assertEquals("superseded", superseded.detail().orElseThrow());
    }

    @Test
    void sign_deniedByThePolicy_namesTheRule_andEvaluateExplainsTheSameDecision() throws Exception {
        UUID other = UUID.randomUUID();
        DataKeyRef otherDek = createTenantKey(client, other, 1, keyArn);
        CreatedAccount otherAccount = createAccounts(client, other, otherDek, 1).getFirst();
        Messages.SealedPolicy policy = seal(client, other, otherDek, 1, """
                {"rules": [{"id": "any-chain", "effect": "ALLOW"},
                           {"id": "no-mainnet", "effect": "DENY", "when": {"chainIds": ["1"]}}]}""");

        EnclaveException denied = assertThrows(EnclaveException.class,
                () -> sign(client, other, otherDek, otherAccount, MAINNET_TRANSFER, policy));
        assertEquals(ErrorCode.POLICY_DENIED, denied.code());
        assertEquals("no-mainnet", denied.detail().orElseThrow());

        Messages.EvaluatePolicyResponse evaluation = client.evaluatePolicy(new Messages.EvaluatePolicyRequest(other,
                otherDek, SignerFixture.parentCredentials(), MAINNET_TRANSFER, policy, List.of()));
        assertEquals(new Messages.EvaluatePolicyResponse(false, "no-mainnet", "denied by rule no-mainnet",
                List.of("any-chain", "no-mainnet")), evaluation);
    }

    @Test
    void sign_underAPolicyWithLimits_needsEveryLimitsTotals_andDecidesOnThem() throws Exception {
        UUID other = UUID.randomUUID();
        DataKeyRef otherDek = createTenantKey(client, other, 1, keyArn);
        CreatedAccount otherAccount = createAccounts(client, other, otherDek, 1).getFirst();
        Messages.SealedPolicy policy = seal(client, other, otherDek, 1, """
                {"rules": [{"id": "two-a-day", "effect": "ALLOW",
                            "limits": [{"scope": "account", "window": "24h", "maxCount": 2}]}]}""");
        Messages.SignRequest withoutTotals = new Messages.SignRequest(other, otherAccount.accountId(), otherDek,
                SignerFixture.parentCredentials(), otherAccount.address(), otherAccount.wrappedKey(), MAINNET_TRANSFER,
                policy, List.of());
        EnclaveException missing = assertThrows(EnclaveException.class, () -> client.sign(withoutTotals));
        assertEquals(ErrorCode.INVALID_REQUEST, missing.code());

        Messages.SignResponse allowed = client.sign(new Messages.SignRequest(other, otherAccount.accountId(), otherDek,
                SignerFixture.parentCredentials(), otherAccount.address(), otherAccount.wrappedKey(), MAINNET_TRANSFER,
                policy, List.of(new Messages.LimitUsage("two-a-day", 0, BigInteger.ZERO, 1))));
        assertEquals("two-a-day", allowed.policyRuleId());
        EnclaveException full = assertThrows(EnclaveException.class, () -> client.sign(new Messages.SignRequest(other,
                otherAccount.accountId(), otherDek, SignerFixture.parentCredentials(), otherAccount.address(),
                otherAccount.wrappedKey(), MAINNET_TRANSFER, policy,
                List.of(new Messages.LimitUsage("two-a-day", 0, BigInteger.ZERO, 2)))));
        assertEquals(ErrorCode.POLICY_DENIED, full.code());
        assertEquals("two-a-day", full.detail().orElseThrow());
    }

    @Test
    void sealPolicy_refusesAnInvalidDocument_withThePathOfTheProblem() {
        EnclaveException e = assertThrows(EnclaveException.class, () -> seal(client, tenant, dek, 1,
                "{\"rules\": [{\"id\": \"a\", \"effect\": \"ALLOW\", \"when\": {\"chainId\": [\"1\"]}}]}"));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertEquals("invalid_policy", e.detail().orElseThrow());
        assertTrue(e.getMessage().startsWith("$.rules[0].when.chainId: unknown member"), e.getMessage());
    }

    @Test
    void recipientKeyRotation_betweenRequests_keepsKmsCallsWorking() throws Exception {
        server.recipientKeys().rotate();
        server.cache().clear();
        Payloads.assertSignedBy(account.address(), Payloads.personal("after rotation"),
                sign(client, tenant, dek, account, Payloads.personal("after rotation")));
        server.recipientKeys().rotate();
        Payloads.assertSignedBy(account.address(), Payloads.personal("x"),
                sign(client, tenant, dek, account, Payloads.personal("x")));
    }
}
