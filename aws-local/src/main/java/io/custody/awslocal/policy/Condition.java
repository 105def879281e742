package io.custody.awslocal.policy;

import java.util.List;
import java.util.Locale;

/**
 * One condition test: {@code "<Qualifier:>Operator<IfExists>": {"key": [values]}}.
 * Several values are OR-ed; the conditions of a statement are AND-ed by the caller.
 */
record Condition(Operator operator, Qualifier qualifier, boolean ifExists, String key, List<String> values) {

    enum Qualifier { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    enum Operator {
        STRING_EQUALS("StringEquals", false),
        STRING_NOT_EQUALS("StringNotEquals", true),
        STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", false),
        STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", true),
        STRING_LIKE("StringLike", false),
        STRING_NOT_LIKE("StringNotLike", true),
        BOOL("Bool", false),
        NULL("Null", false);

        private final String policyName;
        private final boolean negated;

        Operator(String policyName, boolean negated) {
            this.policyName = policyName;
            this.negated = negated;
        }

        static Operator byName(String name) {
            for (Operator op : values()) {
                if (op.policyName.equals(name)) {
                    return op;
                }
            }
            return null;
        }

        /** The comparison without negation: does the request value match this policy value? */
        boolean compare(String policyValue, String requestValue) {
            return switch (this) {
                case STRING_EQUALS, STRING_NOT_EQUALS -> policyValue.equals(requestValue);
                case STRING_EQUALS_IGNORE_CASE, STRING_NOT_EQUALS_IGNORE_CASE ->
                        policyValue.toLowerCase(Locale.ROOT).equals(requestValue.toLowerCase(Locale.ROOT));
                case STRING_LIKE, STRING_NOT_LIKE -> Wildcard.matches(policyValue, requestValue, false);
                case BOOL -> policyValue.equalsIgnoreCase(requestValue);
                case NULL -> throw new IllegalStateException("Null has no value comparison");
            };
        }
    }

    boolean test(RequestContext context) {
        List<String> requestValues = context.values(key);
        boolean absent = requestValues == null || requestValues.isEmpty();
        if (operator == Operator.NULL) {
            // "Null": {"k": "true"} holds when k is absent; "false" when it is present.
            return values.stream().anyMatch(v -> Boolean.parseBoolean(v) == absent);
        }
        if (absent) {
            if (ifExists) {
                return true;
            }
            return switch (qualifier) {
                case FOR_ALL_VALUES -> true;   // IAM: vacuously true for an empty set
                case FOR_ANY_VALUE -> false;
                case NONE -> operator.negated; // a negated operator holds when the key is missing
            };
        }
        return switch (qualifier) {
            case NONE -> operator.negated
                    ? requestValues.stream().noneMatch(this::matchesAnyPolicyValue)
                    : requestValues.stream().anyMatch(this::matchesAnyPolicyValue);
            case FOR_ANY_VALUE -> operator.negated
                    ? requestValues.stream().anyMatch(r -> !matchesAnyPolicyValue(r))
                    : requestValues.stream().anyMatch(this::matchesAnyPolicyValue);
            case FOR_ALL_VALUES -> operator.negated
                    ? requestValues.stream().noneMatch(this::matchesAnyPolicyValue)
                    : requestValues.stream().allMatch(this::matchesAnyPolicyValue);
        };
    }

    private boolean matchesAnyPolicyValue(String requestValue) {
        return values.stream().anyMatch(v -> operator.compare(v, requestValue));
    }
}
