package io.custody.awslocal.kms;

import com.fasterxml.jackson.databind.JsonNode;
import io.custody.awslocal.http.AwsService;
import io.custody.awslocal.http.Caller;
import io.custody.awslocal.http.JsonRequest;
import io.custody.awslocal.http.ProtocolError;
import io.custody.awslocal.http.ProtocolException;
import io.custody.awslocal.http.ServiceHandler;
import io.custody.awslocal.store.Journal;
import java.io.IOException;

/** The KMS emulator ({@code X-Amz-Target: TrentService.<Operation>}). */
public final class KmsHandler implements ServiceHandler {

    private final KeyOperations keys;
    private final CryptoOperations crypto;

    public KmsHandler(KmsSettings settings, Journal journal) throws IOException {
        KmsStore store = new KmsStore(journal);
        KeyResolver resolver = new KeyResolver(store, settings);
        KeyAuthorizer authorizer = new KeyAuthorizer();
        this.keys = new KeyOperations(store, settings, resolver, authorizer);
        this.crypto = new CryptoOperations(settings, store, resolver, authorizer);
    }

    @Override
    public AwsService service() {
        return AwsService.KMS;
    }

    @Override
    public JsonNode handle(String operation, JsonRequest request, Caller caller) {
        return switch (operation) {
            case "CreateKey" -> keys.createKey(request);
            case "DescribeKey" -> keys.describeKey(request, caller);
            case "ListKeys" -> keys.listKeys(request);
            case "CreateAlias" -> keys.createAlias(request, caller);
            case "ListAliases" -> keys.listAliases(request);
            case "GetKeyPolicy" -> keys.getKeyPolicy(request, caller);
            case "PutKeyPolicy" -> keys.putKeyPolicy(request, caller);
            case "EnableKey" -> keys.enableKey(request, caller);
            case "DisableKey" -> keys.disableKey(request, caller);
            case "ScheduleKeyDeletion" -> keys.scheduleKeyDeletion(request, caller);
            case "CancelKeyDeletion" -> keys.cancelKeyDeletion(request, caller);
            case "Encrypt" -> crypto.encrypt(request, caller);
            case "Decrypt" -> crypto.decrypt(request, caller);
            case "GenerateDataKey" -> crypto.generateDataKey(request, caller, true);
            case "GenerateDataKeyWithoutPlaintext" -> crypto.generateDataKey(request, caller, false);
            case "ReEncrypt" -> crypto.reEncrypt(request, caller);
            case "GenerateRandom" -> crypto.generateRandom(request);
            default -> throw new ProtocolException(ProtocolError.UNKNOWN_OPERATION,
                    "The KMS emulator does not implement " + operation);
        };
    }
}
