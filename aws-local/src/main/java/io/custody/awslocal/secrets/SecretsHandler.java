package io.custody.awslocal.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import io.custody.awslocal.http.AwsService;
import io.custody.awslocal.http.Caller;
import io.custody.awslocal.http.JsonRequest;
import io.custody.awslocal.http.ProtocolError;
import io.custody.awslocal.http.ProtocolException;
import io.custody.awslocal.http.ServiceHandler;
import io.custody.awslocal.store.Journal;
import java.io.IOException;

/**
 * The Secrets Manager emulator ({@code X-Amz-Target: secretsmanager.<Operation>}).
 * Access is not policy-checked: any caller may use any secret (see README).
 */
public final class SecretsHandler implements ServiceHandler {

    private final SecretWrites writes;
    private final SecretReads reads;

    public SecretsHandler(SecretsSettings settings, Journal journal) throws IOException {
        SecretsStore store = new SecretsStore(journal);
        this.writes = new SecretWrites(store, settings);
        this.reads = new SecretReads(store, settings);
    }

    @Override
    public AwsService service() {
        return AwsService.SECRETS_MANAGER;
    }

    @Override
    public JsonNode handle(String operation, JsonRequest request, Caller caller) {
        return switch (operation) {
            case "CreateSecret" -> writes.create(request);
            case "PutSecretValue" -> writes.putValue(request);
            case "DeleteSecret" -> writes.delete(request);
            case "RestoreSecret" -> writes.restore(request);
            case "TagResource" -> writes.tag(request);
            case "UntagResource" -> writes.untag(request);
            case "GetSecretValue" -> reads.getValue(request);
            case "BatchGetSecretValue" -> reads.batchGetValue(request);
            case "DescribeSecret" -> reads.describe(request);
            case "ListSecrets" -> reads.list(request);
            default -> throw new ProtocolException(ProtocolError.UNKNOWN_OPERATION,
                    "The Secrets Manager emulator does not implement " + operation);
        };
    }
}
