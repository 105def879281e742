package io.custody.awslocal.secrets;

import io.custody.awslocal.http.JsonRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The {@code Filters} of ListSecrets and BatchGetSecretValue. Filters are AND-ed, the values of one
 * filter OR-ed; a value starting with {@code !} negates. Per the model: {@code name}, {@code tag-key},
 * {@code tag-value} are case-sensitive prefix matches, {@code description} a case-insensitive one,
 * {@code all} splits the value into words, each of which must prefix-match (ignoring case) a word
 * of the name, description, a tag key or a tag value. {@code primary-region} and {@code owning-service}
 * never match: the emulator has no replicas and no managed secrets.
 */
final class SecretFilters {

    private static final Set<String> KEYS = Set.of("description", "name", "tag-key", "tag-value", "primary-region",
            "owning-service", "all");

    private SecretFilters() {
    }

    static Predicate<Secret> parse(JsonRequest request) {
        List<Predicate<Secret>> filters = new ArrayList<>();
        for (JsonRequest filter : request.objectList("Filters")) {
            String key = filter.requiredString("Key");
            if (!KEYS.contains(key)) {
                throw new SecretsException(SecretsError.INVALID_PARAMETER, "Invalid filter key: " + key);
            }
            List<String> values = filter.stringList("Values");
            if (values.isEmpty() || values.size() > 10) {
                throw new SecretsException(SecretsError.INVALID_PARAMETER, "A filter needs 1 to 10 values");
            }
            filters.add(secret -> values.stream().anyMatch(value -> matches(key, value, secret)));
        }
        return secret -> filters.stream().allMatch(f -> f.test(secret));
    }

    private static boolean matches(String key, String value, Secret secret) {
        boolean negate = value.startsWith("!");
        String term = negate ? value.substring(1) : value;
        boolean match = switch (key) {
            case "name" -> secret.name().startsWith(term);
            case "description" -> secret.description() != null && lower(secret.description()).startsWith(lower(term));
            case "tag-key" -> secret.tags().keySet().stream().anyMatch(k -> k.startsWith(term));
            case "tag-value" -> secret.tags().values().stream().anyMatch(v -> v.startsWith(term));
            case "all" -> Stream.of(term.trim().split("\\s+")).filter(w -> !w.isEmpty())
                    .allMatch(word -> words(secret).anyMatch(w -> w.startsWith(lower(word))));
            default -> false;
        };
        return negate != match;
    }

    private static Stream<String> words(Secret secret) {
        Stream<String> attributes = Stream.concat(Stream.of(secret.name(), secret.description()),
                Stream.concat(secret.tags().keySet().stream(), secret.tags().values().stream()));
        return attributes.filter(a -> a != null && !a.isEmpty())
                .flatMap(a -> Stream.concat(Stream.of(lower(a)), Stream.of(lower(a).split("[^a-z0-9]+"))));
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
