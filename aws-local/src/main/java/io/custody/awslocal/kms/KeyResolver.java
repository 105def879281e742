package io.custody.awslocal.kms;

/**
 * Resolves every form KMS accepts for a {@code KeyId}: key id, key ARN, {@code alias/name} and
 * alias ARN. ARNs of another region or account are not found, as in a single-region KMS.
 */
final class KeyResolver {

    private final KmsStore store;
    private final KmsSettings settings;

    KeyResolver(KmsStore store, KmsSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    KmsKey resolve(String keyIdOrAlias) {
        String reference = keyIdOrAlias;
        if (reference.startsWith("arn:")) {
            String[] parts = reference.split(":", 6);
            if (parts.length != 6 || !parts[2].equals("kms") || !parts[3].equals(settings.region())
                    || !parts[4].equals(settings.account())) {
                throw notFound("Invalid arn " + keyIdOrAlias);
            }
            reference = parts[5];
            if (reference.startsWith("key/")) {
                reference = reference.substring("key/".length());
            } else if (!reference.startsWith("alias/")) {
                throw notFound("Invalid arn " + keyIdOrAlias);
            }
        }
        long now = settings.nowMillis();
        if (reference.startsWith("alias/")) {
            Alias alias = store.alias(reference);
            KmsKey key = alias == null ? null : store.key(alias.targetKeyId(), now);
            if (key == null) {
                throw notFound("Alias " + settings.aliasArn(reference) + " is not found.");
            }
            return key;
        }
        KmsKey key = store.key(reference, now);
        if (key == null) {
            throw notFound(isUuid(reference) ? "Key '" + settings.keyArn(reference) + "' does not exist"
                    : "Invalid keyId '" + reference + "'");
        }
        return key;
    }

    static boolean isUuid(String value) {
        return value.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    private static KmsException notFound(String message) {
        return new KmsException(KmsError.NOT_FOUND, message);
    }
}
