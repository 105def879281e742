package io.custody.awslocal.kms;

import io.custody.attestation.kms.RecipientEnvelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custody.awslocal.http.Caller;
import io.custody.awslocal.http.Json;
import io.custody.awslocal.http.JsonRequest;
import io.custody.awslocal.http.ProtocolException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Encrypt, Decrypt, GenerateDataKey(WithoutPlaintext), ReEncrypt and GenerateRandom.
 *
 * <p>Order of checks for a key operation: resolve the key (NotFoundException), verify the
 * Recipient if any (ValidationException), evaluate the key policy (AccessDeniedException),
 * check the key state (DisabledException / KMSInvalidStateException), then do the cryptography.
 *
 * <p>With a verified Recipient the plaintext is returned only as {@code CiphertextForRecipient}
 * and the {@code Plaintext} member is omitted (not sent as null), as KMS does.
 */
final class CryptoOperations {

    private static final String ALGORITHM = "SYMMETRIC_DEFAULT";
    private static final int MAX_PLAINTEXT_BYTES = 4096;

    private final KmsSettings settings;
    private final KmsStore store;
    private final KeyResolver resolver;
    private final KeyAuthorizer authorizer;

    CryptoOperations(KmsSettings settings, KmsStore store, KeyResolver resolver, KeyAuthorizer authorizer) {
        this.settings = settings;
        this.store = store;
        this.resolver = resolver;
        this.authorizer = authorizer;
    }

    JsonNode encrypt(JsonRequest request, Caller caller) {
        KmsKey key = resolver.resolve(request.requiredString("KeyId"));
        byte[] plaintext = request.requiredBlob("Plaintext");
        if (plaintext.length < 1 || plaintext.length > MAX_PLAINTEXT_BYTES) {
            throw ProtocolException.validation("plaintext", "have length between 1 and " + MAX_PLAINTEXT_BYTES);
        }
        requireSymmetric(request, "EncryptionAlgorithm");
        Map<String, String> context = request.stringMap("EncryptionContext");
        authorizer.authorize(key, "kms:Encrypt", caller, new KeyAuthorizer.Extras(context, null, true));
        key.requireUsable();
        ObjectNode response = Json.object();
        Json.putBlob(response, "CiphertextBlob", seal(key, plaintext, context));
        response.put("KeyId", key.arn());
        response.put("EncryptionAlgorithm", ALGORITHM);
        return response;
    }

    JsonNode decrypt(JsonRequest request, Caller caller) {
        CiphertextFormat.Parsed blob = CiphertextFormat.parse(request.requiredBlob("CiphertextBlob"));
        KmsKey key = keyOfCiphertext(blob, request.string("KeyId"));
        requireSymmetric(request, "EncryptionAlgorithm");
        Map<String, String> context = request.stringMap("EncryptionContext");
        Optional<Recipient> recipient = Recipient.from(request, settings.attestationCheck());
        authorizer.authorize(key, "kms:Decrypt", caller,
                new KeyAuthorizer.Extras(context, recipient.orElse(null), true));
        key.requireUsable();
        byte[] plaintext = CiphertextFormat.open(blob, key.material(), context);
        try {
            ObjectNode response = Json.object();
            response.put("KeyId", key.arn());
            putPlaintextOrRecipient(response, plaintext, recipient);
            response.put("EncryptionAlgorithm", ALGORITHM);
            return response;
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    JsonNode generateDataKey(JsonRequest request, Caller caller, boolean withPlaintext) {
        KmsKey key = resolver.resolve(request.requiredString("KeyId"));
        int length = dataKeyLength(request);
        Map<String, String> context = request.stringMap("EncryptionContext");
        Optional<Recipient> recipient = withPlaintext
                ? Recipient.from(request, settings.attestationCheck()) : Optional.empty();
        String action = withPlaintext ? "kms:GenerateDataKey" : "kms:GenerateDataKeyWithoutPlaintext";
        authorizer.authorize(key, action, caller, new KeyAuthorizer.Extras(context, recipient.orElse(null), true));
        key.requireUsable();
        byte[] dataKey = new byte[length];
        KmsSettings.random().nextBytes(dataKey);
        try {
            ObjectNode response = Json.object();
            Json.putBlob(response, "CiphertextBlob", seal(key, dataKey, context));
            response.put("KeyId", key.arn());
            if (withPlaintext) {
                putPlaintextOrRecipient(response, dataKey, recipient);
            }
            return response;
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    JsonNode reEncrypt(JsonRequest request, Caller caller) {
        CiphertextFormat.Parsed blob = CiphertextFormat.parse(request.requiredBlob("CiphertextBlob"));
        KmsKey source = keyOfCiphertext(blob, request.string("SourceKeyId"));
        KmsKey destination = resolver.resolve(request.requiredString("DestinationKeyId"));
        requireSymmetric(request, "SourceEncryptionAlgorithm");
        requireSymmetric(request, "DestinationEncryptionAlgorithm");
        Map<String, String> sourceContext = request.stringMap("SourceEncryptionContext");
        Map<String, String> destinationContext = request.stringMap("DestinationEncryptionContext");
        authorizer.authorize(source, "kms:ReEncryptFrom", caller, new KeyAuthorizer.Extras(sourceContext, null, true));
        authorizer.authorize(destination, "kms:ReEncryptTo", caller,
                new KeyAuthorizer.Extras(destinationContext, null, true));
        source.requireUsable();
        destination.requireUsable();
        byte[] plaintext = CiphertextFormat.open(blob, source.material(), sourceContext);
        try {
            ObjectNode response = Json.object();
            Json.putBlob(response, "CiphertextBlob", seal(destination, plaintext, destinationContext));
            response.put("SourceKeyId", source.arn());
            response.put("KeyId", destination.arn());
            response.put("SourceEncryptionAlgorithm", ALGORITHM);
            response.put("DestinationEncryptionAlgorithm", ALGORITHM);
            return response;
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * GenerateRandom uses no key, so no key policy applies; in AWS, IAM policies govern it and the
     * emulator has none: any caller may call it. A Recipient is still verified.
     */
    JsonNode generateRandom(JsonRequest request) {
        if (request.has("CustomKeyStoreId")) {
            throw new KmsException(KmsError.UNSUPPORTED_OPERATION, "Custom key stores are not emulated.");
        }
        int length = request.integer("NumberOfBytes", 1, 1024)
                .orElseThrow(() -> ProtocolException.validation("numberOfBytes", "not be null"));
        Optional<Recipient> recipient = Recipient.from(request, settings.attestationCheck());
        byte[] random = new byte[length];
        KmsSettings.random().nextBytes(random);
        try {
            ObjectNode response = Json.object();
            putPlaintextOrRecipient(response, random, recipient);
            return response;
        } finally {
            Arrays.fill(random, (byte) 0);
        }
    }

    /**
     * The key named in the blob, cross-checked against the caller's KeyId: a blob of another key is
     * IncorrectKeyException; a blob naming no key of this emulator is InvalidCiphertextException.
     */
    private KmsKey keyOfCiphertext(CiphertextFormat.Parsed blob, Optional<String> requestedKeyId) {
        if (requestedKeyId.isPresent()) {
            KmsKey requested = resolver.resolve(requestedKeyId.get());
            if (!requested.id().equals(blob.keyId())) {
                throw new KmsException(KmsError.INCORRECT_KEY,
                        "The key ID in the request does not identify a KMS key that can perform this operation.");
            }
            return requested;
        }
        KmsKey key = store.key(blob.keyId(), settings.nowMillis());
        if (key == null) {
            throw new KmsException(KmsError.INVALID_CIPHERTEXT,
                    "The ciphertext refers to a KMS key that does not exist or is not accessible.");
        }
        return key;
    }

    private byte[] seal(KmsKey key, byte[] plaintext, Map<String, String> context) {
        return CiphertextFormat.seal(key.id(), key.material(), plaintext, context, KmsSettings.random());
    }

    private static void putPlaintextOrRecipient(ObjectNode response, byte[] plaintext, Optional<Recipient> recipient) {
        if (recipient.isPresent()) {
            Json.putBlob(response, "CiphertextForRecipient", RecipientEnvelope.seal(plaintext, recipient.get().publicKey()));
        } else {
            Json.putBlob(response, "Plaintext", plaintext);
        }
    }

    private static int dataKeyLength(JsonRequest request) {
        Optional<String> keySpec = request.string("KeySpec");
        Optional<Integer> numberOfBytes = request.integer("NumberOfBytes", 1, 1024);
        if (keySpec.isPresent() == numberOfBytes.isPresent()) {
            throw new KmsException(KmsError.VALIDATION, "Specify exactly one of KeySpec and NumberOfBytes.");
        }
        return keySpec.map(spec -> switch (spec) {
            case "AES_256" -> 32;
            case "AES_128" -> 16;
            default -> throw ProtocolException.validation("keySpec", "satisfy enum value set: [AES_256, AES_128]");
        }).orElseGet(numberOfBytes::get);
    }

    private static void requireSymmetric(JsonRequest request, String field) {
        request.string(field).filter(a -> !a.equals(ALGORITHM)).ifPresent(a -> {
            throw new KmsException(KmsError.INVALID_KEY_USAGE,
                    "This emulator's keys are symmetric and support only " + ALGORITHM);
        });
    }
}
