package io.custody.enclave.server;

import io.custody.enclave.SecretBytes;
import io.custody.enclave.policy.PolicyDocument;
import io.custody.enclave.policy.PolicySeal;
import io.custody.enclave.protocol.EnclaveException;
import io.custody.enclave.protocol.ErrorCode;
import io.custody.enclave.protocol.Messages;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seals policy versions and opens sealed ones (ARCHITECTURE.md §6). A version is opened only when
 * its seal verifies under the tenant's DEK and it is not older than the newest version of that
 * tenant this enclave has sealed or opened since it started: a host that hands back a superseded
 * version is refused. (After a restart the enclave knows no version until it sees one; the threat
 * model in docs/policies.md says what that leaves open.)
 */
final class SealedPolicies {
    /** Parsed documents by seal: opening a policy costs one HMAC, not a parse, per signature. */
    private static final int MAX_PARSED = 4_096;

    private final Map<UUID, Integer> newest = new ConcurrentHashMap<>();
    private final Map<ByteBuffer, PolicyDocument> parsed = new ConcurrentHashMap<>();

    /** Checks the document, seals it as {@code version}, and makes it the newest this enclave knows. */
    byte[] seal(UUID tenant, SecretBytes dek, int version, byte[] document) throws EnclaveException {
        if (version < 1) {
            throw new EnclaveException(ErrorCode.INVALID_REQUEST, "policy version must be 1 or more");
        }
        requireNotSuperseded(tenant, version);
        PolicyDocument policy = parse(document);
        byte[] seal = PolicySeal.seal(dek, tenant, version, document);
        remember(seal, policy);
        newest.merge(tenant, version, Math::max);
        return seal;
    }

    /** The policy of a request: sealed by this enclave for this tenant, and not superseded. */
    PolicyDocument open(UUID tenant, SecretBytes dek, Messages.SealedPolicy sealed) throws EnclaveException {
        if (sealed == null) {
            throw new EnclaveException(ErrorCode.POLICY_SEAL_INVALID, "no policy: every signature needs a sealed policy",
                    "missing");
        }
        requireNotSuperseded(tenant, sealed.version());
        if (!PolicySeal.verify(dek, tenant, sealed.version(), sealed.document(), sealed.seal())) {
            throw new EnclaveException(ErrorCode.POLICY_SEAL_INVALID,
                    "the policy's seal does not verify for this tenant, version and document", "invalid");
        }
        PolicyDocument policy = parsed.get(ByteBuffer.wrap(sealed.seal()));
        if (policy == null) {
            policy = parse(sealed.document());
            remember(sealed.seal(), policy);
        }
        newest.merge(tenant, sealed.version(), Math::max);
        return policy;
    }

    /** Refuses a version older than the newest this enclave has sealed or opened for the tenant. */
    private void requireNotSuperseded(UUID tenant, int version) throws EnclaveException {
        Integer known = newest.get(tenant);
        if (known != null && version < known) {
            throw new EnclaveException(ErrorCode.POLICY_SEAL_INVALID,
                    "policy version " + version + " is superseded by version " + known, "superseded");
        }
    }

    private void remember(byte[] seal, PolicyDocument policy) {
        if (parsed.size() >= MAX_PARSED) {
            parsed.clear(); // rare: more live policies than this; they are parsed again on use
        }
        parsed.put(ByteBuffer.wrap(seal.clone()), policy);
    }

    private static PolicyDocument parse(byte[] document) throws EnclaveException {
        String text;
        try { // strictly: a lenient decoder would parse other text than the bytes the seal covers
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(document)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new io.custody.enclave.InvalidPolicyException("$", "the document is not UTF-8");
        }
        PolicyDocument policy = PolicyDocument.parse(text);
        return policy;
    }
}
