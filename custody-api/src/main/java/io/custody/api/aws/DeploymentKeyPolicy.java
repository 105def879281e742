package io.custody.api.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The key policy of the deployment KMS key (ARCHITECTURE.md §2): only the attested enclave
 * image may obtain key material, and only through a Recipient.
 * <ol>
 *   <li>{@code EnclaveGenerateAndDecrypt}: the parent role may call Decrypt and GenerateDataKey
 *       only when the request's attestation document carries the enclave image's PCR0 (and PCR8,
 *       the signing certificate, when given).</li>
 *   <li>{@code DenyKeyMaterialWithoutAttestation}: any caller asking for key material without an
 *       attestation document is denied explicitly, so no later Allow can open a plaintext path.</li>
 *   <li>{@code KeyAdministration}: the administrator manages the key's life but holds no
 *       cryptographic permission.</li>
 * </ol>
 * The local KMS emulator evaluates this same document, so tests prove what it allows and denies.
 */
public final class DeploymentKeyPolicy {
    private static final Pattern PCR = Pattern.compile("[0-9a-fA-F]{96}");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> KEY_MATERIAL_ACTIONS = List.of("kms:Decrypt", "kms:GenerateDataKey", "kms:GenerateRandom");

    private DeploymentKeyPolicy() {
    }

    public static String forEnclave(String parentRoleArn, String administratorArn, String pcr0Hex, Optional<String> pcr8Hex) {
        requirePcr("PCR0", pcr0Hex);
        pcr8Hex.ifPresent(pcr8 -> requirePcr("PCR8", pcr8));
        ObjectNode policy = JSON.createObjectNode().put("Version", "2012-10-17");
        ArrayNode statements = policy.putArray("Statement");

        ObjectNode enclave = statements.addObject().put("Sid", "EnclaveGenerateAndDecrypt").put("Effect", "Allow");
        enclave.putObject("Principal").put("AWS", parentRoleArn);
        enclave.putArray("Action").add("kms:Decrypt").add("kms:GenerateDataKey");
        enclave.put("Resource", "*");
        ObjectNode equals = enclave.putObject("Condition").putObject("StringEqualsIgnoreCase");
        equals.put("kms:RecipientAttestation:ImageSha384", pcr0Hex.toLowerCase());
        pcr8Hex.ifPresent(pcr8 -> equals.put("kms:RecipientAttestation:PCR8", pcr8.toLowerCase()));

        ObjectNode deny = statements.addObject().put("Sid", "DenyKeyMaterialWithoutAttestation").put("Effect", "Deny");
        deny.put("Principal", "*");
        ArrayNode denied = deny.putArray("Action");
        KEY_MATERIAL_ACTIONS.forEach(denied::add);
        deny.put("Resource", "*");
        deny.putObject("Condition").putObject("Null").put("kms:RecipientAttestation:ImageSha384", "true");

        ObjectNode admin = statements.addObject().put("Sid", "KeyAdministration").put("Effect", "Allow");
        admin.putObject("Principal").put("AWS", administratorArn);
        admin.putArray("Action").add("kms:DescribeKey").add("kms:GetKeyPolicy").add("kms:PutKeyPolicy")
                .add("kms:EnableKey").add("kms:DisableKey").add("kms:ScheduleKeyDeletion").add("kms:CreateAlias")
                .add("kms:ListAliases").add("kms:TagResource").add("kms:UntagResource");
        admin.put("Resource", "*");
        return policy.toString();
    }

    private static void requirePcr(String name, String hex) {
        if (hex == null || !PCR.matcher(hex).matches()) {
            throw new IllegalArgumentException(name + " must be 96 hex characters (SHA-384)");
        }
    }
}
