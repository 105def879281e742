package io.custody.awslocal.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custody.awslocal.http.Json;
import io.custody.awslocal.http.JsonRequest;
import io.custody.awslocal.http.PageToken;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** GetSecretValue, BatchGetSecretValue, DescribeSecret, ListSecrets. */
final class SecretReads {

    private static final long DAY_MILLIS = 86_400_000L;

    private final SecretsStore store;
    private final SecretsSettings settings;
    /** LastAccessedDate (day precision, as AWS reports it); kept in memory only, not journaled. */
    private final Map<String, Long> lastAccessed = new ConcurrentHashMap<>();

    SecretReads(SecretsStore store, SecretsSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    JsonNode getValue(JsonRequest request) {
        Secret secret = readableSecret(request.requiredString("SecretId"));
        return SecretJson.value(secret, version(secret, request.string("VersionId"), request.string("VersionStage")));
    }

    JsonNode batchGetValue(JsonRequest request) {
        List<String> ids = request.stringList("SecretIdList");
        boolean byFilter = request.has("Filters");
        if (ids.isEmpty() == !byFilter) {
            throw new SecretsException(SecretsError.INVALID_PARAMETER,
                    "Specify either SecretIdList or Filters, but not both.");
        }
        if (!byFilter && request.has("MaxResults")) {
            throw new SecretsException(SecretsError.INVALID_PARAMETER, "MaxResults can only be used with Filters.");
        }
        if (ids.size() > 20) {
            throw new SecretsException(SecretsError.INVALID_PARAMETER, "SecretIdList can name at most 20 secrets.");
        }
        ObjectNode response = Json.object();
        ArrayNode values = response.putArray("SecretValues");
        ArrayNode errors = response.putArray("Errors");
        if (byFilter) {
            List<Secret> matches = listed(request, false);
            PageToken.Page page = page(request, matches.size(), 20, 20);
            matches.subList(page.from(), page.to()).forEach(s -> addValue(s.arn(), values, errors));
            putNextToken(response, page);
        } else {
            ids.forEach(id -> addValue(id, values, errors));
        }
        return response;
    }

    private void addValue(String secretId, ArrayNode values, ArrayNode errors) {
        try {
            Secret secret = readableSecret(secretId);
            values.add(SecretJson.value(secret, version(secret, Optional.empty(), Optional.empty())));
        } catch (SecretsException e) {
            ObjectNode error = errors.addObject();
            error.put("SecretId", secretId);
            error.put("ErrorCode", switch (e.error()) {
                case RESOURCE_NOT_FOUND -> "ResourceNotFoundException";
                case INVALID_REQUEST -> "InvalidRequestException";
                default -> "InvalidParameterException";
            });
            error.put("Message", e.getMessage());
        }
    }

    /** Works on secrets scheduled for deletion too (it reports DeletedDate), as in AWS. */
    JsonNode describe(JsonRequest request) {
        Secret secret = store.find(request.requiredString("SecretId"), settings.nowMillis());
        if (secret == null) {
            throw SecretsException.notFound();
        }
        return SecretJson.description(secret, lastAccessed.get(secret.arn()), "VersionIdsToStages");
    }

    JsonNode list(JsonRequest request) {
        List<Secret> matches = listed(request, request.bool("IncludePlannedDeletion"));
        PageToken.Page page = page(request, matches.size(), 100, 100);
        ObjectNode response = Json.object();
        ArrayNode list = response.putArray("SecretList");
        matches.subList(page.from(), page.to()).forEach(s ->
                list.add(SecretJson.description(s, lastAccessed.get(s.arn()), "SecretVersionsToStages")));
        putNextToken(response, page);
        return response;
    }

    private List<Secret> listed(JsonRequest request, boolean includeDeleted) {
        Predicate<Secret> filter = SecretFilters.parse(request);
        Comparator<Secret> order = switch (request.string("SortBy").orElse("created-date")) {
            case "created-date" -> Comparator.comparingLong(Secret::createdMillis);
            case "last-changed-date" -> Comparator.comparingLong(Secret::lastChangedMillis);
            case "last-accessed-date" -> Comparator.comparingLong(s -> lastAccessed.getOrDefault(s.arn(), 0L));
            case "name" -> Comparator.comparing(Secret::name);
            default -> throw new SecretsException(SecretsError.INVALID_PARAMETER, "Invalid SortBy value");
        };
        order = order.thenComparing(Secret::name).thenComparing(Secret::arn);
        String sortOrder = request.string("SortOrder").orElse("asc");
        if (!sortOrder.equals("asc") && !sortOrder.equals("desc")) {
            throw new SecretsException(SecretsError.INVALID_PARAMETER, "SortOrder must be asc or desc");
        }
        return store.all(settings.nowMillis()).stream()
                .filter(s -> includeDeleted || !s.isScheduledForDeletion())
                .filter(filter)
                .sorted(sortOrder.equals("asc") ? order : order.reversed())
                .toList();
    }

    private Secret readableSecret(String secretId) {
        long now = settings.nowMillis();
        Secret secret = store.find(secretId, now);
        if (secret == null) {
            throw SecretsException.notFound();
        }
        if (secret.isScheduledForDeletion()) {
            throw SecretsException.markedForDeletion();
        }
        lastAccessed.put(secret.arn(), now - now % DAY_MILLIS);
        return secret;
    }

    private static SecretVersion version(Secret secret, Optional<String> versionId, Optional<String> stage) {
        if (versionId.isPresent()) {
            SecretVersion version = secret.versions().get(versionId.get());
            if (version == null || stage.isPresent() && !version.stages().contains(stage.get())) {
                throw new SecretsException(SecretsError.RESOURCE_NOT_FOUND,
                        "Secrets Manager can't find the specified secret value for VersionId: " + versionId.get());
            }
            return version;
        }
        String label = stage.orElse(SecretVersion.CURRENT);
        return secret.versionWithStage(label).orElseThrow(() -> new SecretsException(SecretsError.RESOURCE_NOT_FOUND,
                "Secrets Manager can't find the specified secret value for staging label: " + label));
    }

    private static PageToken.Page page(JsonRequest request, int total, int defaultSize, int maxSize) {
        int size = request.integer("MaxResults", 1, maxSize).orElse(defaultSize);
        int from = request.string("NextToken").map(token -> PageToken.decode(token, total)).orElse(0);
        if (from < 0) {
            throw new SecretsException(SecretsError.INVALID_NEXT_TOKEN, "The NextToken value is invalid.");
        }
        return new PageToken.Page(from, Math.min(total, from + size), total);
    }

    private static void putNextToken(ObjectNode response, PageToken.Page page) {
        if (page.to() < page.total()) {
            response.put("NextToken", PageToken.encode(page.to()));
        }
    }
}
