package io.custody.enclave.protocol;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The request and response messages of every operation. Each encodes itself to a frame payload
 * and decodes strictly from one ({@link WireReader#end()} refuses trailing bytes).
 */
public final class Messages {
    /** The most accounts one CreateAccounts request may ask for. */
    public static final int MAX_ACCOUNTS_PER_REQUEST = 20_000;
    public static final int MAX_NONCE = 512;
    public static final int MAX_POLICY = 256 * 1024;

    private Messages() {
    }

    // --- Health -------------------------------------------------------------------------------

    public record HealthResponse(String status, String version, byte[] pcr0) {
        public byte[] encode() {
            return new WireWriter().string(status).string(version).bytes(pcr0).toByteArray();
        }

        public static HealthResponse decode(byte[] payload) throws WireFormatException {
            WireReader in = new WireReader(payload);
            var message = new HealthResponse(in.string(64, "status"), in.string(128, "version"), in.bytes(64, "pcr0"));
            in.end();
            return message;
        }
    }

    // --- Attest -------------------------------------------------------------------------------

    public record AttestRequest(byte[] nonce) {
        public byte[] encode() {
            return new WireWriter().bytes(nonce).toByteArray();
        }

        public static AttestRequest decode(byte[] payload) throws WireFormatException {
            WireReader in = new WireReader(payload);
            var message = new AttestRequest(in.bytes(MAX_NONCE, "nonce"));
            in.end();
            return message;
        }
    }

    public record AttestResponse(byte[] document) {
        public byte[] encode() {
            return new WireWriter(document.length + 8).bytes(document).toByteArray();
        }

        public static AttestResponse decode(byte[] payload) throws WireFormatException {
            WireReader in = new WireReader(payload);
            var message = new AttestResponse(in.bytes(16 * 1024, "attestation document"));
            in.end();
            return message;
        }
    }

    // --- CreateTenantKey ---------------------------------------------------------------------

    public record CreateTenantKeyRequest(UUID tenantId, int dekVersion, String kmsKeyId, AwsCredentials credentials) {
        public byte[] encode() {
            WireWriter out = new WireWriter().uuid(tenantId).u32(dekVersion).string(kmsKeyId);
            credentials.encode(out);
            return out.toByteArray();
        }

        public static CreateTenantKeyRequest decode(byte[] payload) throws WireFormatException {
            WireReader in = new WireReader(payload);
            UUID tenant = in.uuid();
            long version = in.u32();
            if (version < 1 || version > Integer.MAX_VALUE) {
                throw new WireFormatException("DEK version out of range");
            }
            var message = new CreateTenantKeyRequest(tenant, (int) version, in.string(2048, "KMS key id"),
                    AwsCredentials.decode(in));
            in.end();
            return message;
        }
    }

    public record CreateTenantKeyResponse(DataKeyRef dek) {
        public byte[] encode() {
            WireWriter out = new WireWriter();
            dek.encode(out);
            return out.toByteArray();
        }

        public static CreateTenantKeyResponse decode(byte[] payload) throws WireFormatException {
            WireReader in = new WireReader(payload);
            var message = new CreateTenantKeyResponse(DataKeyRef.decode(in));
            in.end();
            return message;
        }
    }

    // --- CreateAccounts ----------------------------------------------------------------------

    public record CreateAccountsRequest(UUID tenantId, DataKeyRef dek, AwsCredentials credentials, List<UUID> accountIds) {
        public byte[] encode() {
            WireWriter out = new WireWriter(64 + accountIds.size() * 16).uuid(tenantId);
            dek.encode(out);
            credentials.encode(out);
            out.u32(accountIds.size());
            accountIds.forEach(out::uuid);
            return out.toByteArray();
        }

        public static CreateAccountsRequest decode(byte[] payload) throws WireFormatException {
            WireReader in = new WireReader(payload);
            UUID tenant = in.uuid();
            DataKeyRef dek = DataKeyRef.decode(in);
            AwsCredentials credentials = AwsCredentials.decode(in);
            int count = in.count(MAX_ACCOUNTS_PER_REQUEST, "accountIds");
            List<UUID> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ids.add(in.uuid());
            }
            in.end();
            return new CreateAccountsRequest(tenant, dek, credentials, List.copyOf(ids));
        }
    }

    /** A generated account: its address and public key, and its private key wrapped under the tenant DEK. */
    public record CreatedAccount(UUID accountId, byte[] address, byte[] publicKey, byte[] wrappedKey) {
    }

    public record CreateAccountsResponse(List<CreatedAccount> accounts) {
        public byte[] encode() {
            WireWriter out = new WireWriter(8 + accounts.size() * 160).u32(accounts.size());
            for (CreatedAccount account : accounts) {
                out.uuid(account.accountId()).bytes(account.address()).bytes(account.publicKey()).bytes(account.wrappedKey());
            }
            return out.toByteArray();
        }

        public static CreateAccountsResponse decode(byte[] payload) throws WireFormatException {
            WireReader in = new WireReader(payload);
            int count = in.count(MAX_ACCOUNTS_PER_REQUEST, "accounts");
            List<CreatedAccount> accounts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                accounts.add(new CreatedAccount(in.uuid(), in.fixedBytes(20, "address"), in.bytes(65, "public key"),
                        in.bytes(1024, "wrapped key")));
            }
            in.end();
            return new CreateAccountsResponse(List.copyOf(accounts));
        }
    }

    // --- Sign ----------------------------------------------------------------------------------

    /** A policy version with the enclave's seal over it (see SealPolicy). */
    public record SealedPolicy(int version, byte[] document, byte[] seal) {
        void encode(WireWriter out) {
            out.u32(version).bytes(document).bytes(seal);
        }

        static SealedPolicy decode(WireReader in) throws WireFormatException {
            return new SealedPolicy((int) in.u32(), in.bytes(MAX_POLICY, "policy document"), in.bytes(64, "policy seal"));
        }
    }

    /**
     * What a windowed limit of the policy has let through so far, as the host read it from the
     * signature records: for limit {@code limit} (its index) of rule {@code ruleId}.
     */
    public record LimitUsage(String ruleId, int limit, BigInteger value, long count) {
        static final int MAX = 800; // 100 rules x 8 limits

        void encode(WireWriter out) {
            out.string(ruleId).u32(limit).unsigned(value).u64(count);
        }

        static LimitUsage decode(WireReader in) throws WireFormatException {
            return new LimitUsage(in.string(256, "rule id"), (int) in.u32(), in.unsigned(256, "used value"), in.u64());
        }

        static void encodeAll(List<LimitUsage> usage, WireWriter out) {
            out.u32(usage.size());
            usage.forEach(u -> u.encode(out));
        }

        static List<LimitUsage> decodeAll(WireReader in) throws WireFormatException {
            int count = in.count(MAX, "limit usage");
            List<LimitUsage> usage = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                usage.add(decode(in));
            }
            return List.copyOf(usage);
        }
    }

    /** @param usage the totals of every windowed limit of the policy (empty when it has none) */
    public record SignRequest(UUID tenantId, UUID accountId, DataKeyRef dek, AwsCredentials credentials,
            byte[] address, byte[] wrappedKey, SignPayload payload, SealedPolicy policy, List<LimitUsage> usage) {

        public SignRequest(UUID tenantId, UUID accountId, DataKeyRef dek, AwsCredentials credentials, byte[] address,
                byte[] wrappedKey, SignPayload payload, SealedPolicy policy) {
            this(tenantId, accountId, dek, credentials, address, wrappedKey, payload, policy, List.of());
        }

        public byte[] encode() {
            WireWriter out = new WireWriter(512).uuid(tenantId).uuid(accountId);
            dek.encode(out);
            credentials.encode(out);
            out.bytes(address).bytes(wrappedKey);
            SignPayload.encode(payload, out);
            out.bool(policy != null);
            if (policy != null) {
                policy.encode(out);
            }
            LimitUsage.encodeAll(usage, out);
            return out.toByteArray();
        }

        public static SignRequest decode(byte[] payload) throws WireFormatException {
            WireReader in = new WireReader(payload);
            var message = new SignRequest(in.uuid(), in.uuid(), DataKeyRef.decode(in), AwsCredentials.decode(in),
                    in.fixedBytes(20, "address"), in.bytes(1024, "wrapped key"), SignPayload.decode(in),
                    in.bool() ? SealedPolicy.decode(in) : null, LimitUsage.decodeAll(in));
            in.end();
            return message;
        }
    }

    /**
     * A signature over the payload's hash: r and s (32 bytes each, s low), yParity (0 or 1) and v
     * (for legacy transactions chainId * 2 + 35 + yParity, otherwise 27 + yParity); for transactions
     * also the signed raw transaction and its hash, for messages the signed hash.
     */
    public record SignResponse(byte[] r, byte[] s, int yParity, BigInteger v, byte[] signedTransaction,
            byte[] transactionHash, byte[] messageHash, String policyRuleId) {

        public SignResponse(byte[] r, byte[] s, int yParity, BigInteger v, byte[] signedTransaction,
                byte[] transactionHash, byte[] messageHash) {
            this(r, s, yParity, v, signedTransaction, transactionHash, messageHash, null);
        }

        public byte[] encode() {
            return new WireWriter(160 + (signedTransaction == null ? 0 : signedTransaction.length))
                    .bytes(r).bytes(s).u8(yParity).unsigned(v).optionalBytes(signedTransaction)
                    .optionalBytes(transactionHash).optionalBytes(messageHash).optionalString(policyRuleId)
                    .toByteArray();
        }

        public static SignResponse decode(byte[] payload) throws WireFormatException {
            WireReader in = new WireReader(payload);
            var message = new SignResponse(in.fixedBytes(32, "r"), in.fixedBytes(32, "s"), in.u8(),
                    in.unsigned(72, "v"), in.optionalBytes(SignPayload.MAX_DATA + 4096, "signed transaction"),
                    in.optionalBytes(32, "transaction hash"), in.optionalBytes(32, "message hash"),
                    in.optionalString(256, "policy rule id"));
            in.end();
            return message;
        }
    }

    // --- SealPolicy ----------------------------------------------------------------------------

    public record SealPolicyRequest(UUID tenantId, DataKeyRef dek, AwsCredentials credentials, int version,
            byte[] document) {
        public byte[] encode() {
            WireWriter out = new WireWriter(256 + document.length).uuid(tenantId);
            dek.encode(out);
            credentials.encode(out);
            return out.u32(version).bytes(document).toByteArray();
        }

        public static SealPolicyRequest decode(byte[] payload) throws WireFormatException {
            WireReader in = new WireReader(payload);
            var message = new SealPolicyRequest(in.uuid(), DataKeyRef.decode(in), AwsCredentials.decode(in),
                    (int) in.u32(), in.bytes(MAX_POLICY, "policy document"));
            in.end();
            return message;
        }
    }

    public record SealPolicyResponse(byte[] seal) {
        public byte[] encode() {
            return new WireWriter(40).bytes(seal).toByteArray();
        }

        public static SealPolicyResponse decode(byte[] payload) throws WireFormatException {
            WireReader in = new WireReader(payload);
            var message = new SealPolicyResponse(in.bytes(64, "policy seal"));
            in.end();
            return message;
        }
    }

    // --- EvaluatePolicy: a dry run of SIGN's policy step; no account key is involved ------------

    public record EvaluatePolicyRequest(UUID tenantId, DataKeyRef dek, AwsCredentials credentials, SignPayload payload,
            SealedPolicy policy, List<LimitUsage> usage) {
        public byte[] encode() {
            WireWriter out = new WireWriter(512).uuid(tenantId);
            dek.encode(out);
            credentials.encode(out);
            SignPayload.encode(payload, out);
            policy.encode(out);
            LimitUsage.encodeAll(usage, out);
            return out.toByteArray();
        }

        public static EvaluatePolicyRequest decode(byte[] payload) throws WireFormatException {
            WireReader in = new WireReader(payload);
            var message = new EvaluatePolicyRequest(in.uuid(), DataKeyRef.decode(in), AwsCredentials.decode(in),
                    SignPayload.decode(in), SealedPolicy.decode(in), LimitUsage.decodeAll(in));
            in.end();
            return message;
        }
    }

    /**
     * @param ruleId         the deciding rule, or null when no rule allowed the request
     * @param matchedRuleIds every rule whose conditions matched, in document order
     */
    public record EvaluatePolicyResponse(boolean allowed, String ruleId, String reason, List<String> matchedRuleIds) {
        private static final int MAX_RULES = 100;

        public byte[] encode() {
            WireWriter out = new WireWriter(256).bool(allowed).optionalString(ruleId).string(reason)
                    .u32(matchedRuleIds.size());
            matchedRuleIds.forEach(out::string);
            return out.toByteArray();
        }

        public static EvaluatePolicyResponse decode(byte[] payload) throws WireFormatException {
            WireReader in = new WireReader(payload);
            boolean allowed = in.bool();
            String ruleId = in.optionalString(256, "rule id");
            String reason = in.string(1024, "reason");
            int count = in.count(MAX_RULES, "matched rules");
            List<String> matched = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                matched.add(in.string(256, "rule id"));
            }
            in.end();
            return new EvaluatePolicyResponse(allowed, ruleId, reason, List.copyOf(matched));
        }
    }
}
