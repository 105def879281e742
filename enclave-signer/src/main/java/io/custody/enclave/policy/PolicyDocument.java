package io.custody.enclave.policy;

import io.custody.enclave.EthAddress;
import io.custody.enclave.InvalidPayloadException;
import io.custody.enclave.InvalidPolicyException;
import io.custody.enclave.internal.StrictJson;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tenant's signing policy, parsed strictly: every member is known (an unknown one is an error,
 * never ignored), every value has its type and range, rule ids are unique. The language is
 * documented with examples in docs/policies.md.
 *
 * @param rules in document order; DENY rules win over ALLOW rules wherever they stand
 */
public record PolicyDocument(List<Rule> rules) {
    /** Largest document accepted, in characters (the database keeps at most 256 KiB). */
    public static final int MAX_CHARS = 256 * 1024;
    public static final int MAX_RULES = 100;
    public static final int MAX_LIST = 1_000;
    public static final int MAX_LIMITS_PER_RULE = 8;
    public static final Duration MAX_WINDOW = Duration.ofDays(31);

    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern SELECTOR = Pattern.compile("0x([0-9a-fA-F]{8})?");
    private static final Pattern WINDOW = Pattern.compile("([1-9][0-9]{0,4})([mhd])");
    private static final Set<String> TYPES = Set.of("eip1559_transaction", "eip2930_transaction", "legacy_transaction",
            "eip191_message", "eip712_typed_data");
    private static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    public enum Effect { ALLOW, DENY }

    public enum Scope { ACCOUNT, TENANT }

    /**
     * One rule. It matches a request when every condition it states holds; an ALLOW rule also needs
     * each of its limits to have room for the request.
     */
    public record Rule(String id, Effect effect, Conditions when, List<Limit> limits) {
    }

    /**
     * Conditions; null means "not stated" (no constraint). Transaction conditions ({@code chainIds},
     * {@code to}, {@code maxValue}, {@code maxFeePerGas}, {@code methodSelectors}) never match a
     * message, and {@code eip712Domain} matches only typed data.
     *
     * @param to              lower-case hex addresses without 0x
     * @param methodSelectors lower-case hex, 8 digits, or "" for a transaction without call data
     */
    public record Conditions(Set<String> types, Set<BigInteger> chainIds, Set<String> to, BigInteger maxValue,
            BigInteger maxFeePerGas, Set<String> methodSelectors, Domain eip712Domain) {
    }

    /** EIP-712 domain conditions; null means not stated. Addresses as in {@link Conditions#to()}. */
    public record Domain(Set<String> names, Set<BigInteger> chainIds, Set<String> verifyingContracts) {
    }

    /**
     * A windowed limit on what one ALLOW rule lets through: at most {@code maxCount} signatures and
     * {@code maxValue} wei of transaction value in any {@code window}, per account or per tenant.
     */
    public record Limit(Scope scope, Duration window, BigInteger maxValue, Long maxCount) {
    }

    /** Parses and checks a policy document. */
    public static PolicyDocument parse(String json) {
        Object root;
        try {
            root = StrictJson.parse(json, MAX_CHARS);
        } catch (InvalidPayloadException e) {
            throw new InvalidPolicyException("$", e.getMessage());
        }
        Map<String, Object> document = object(root, "$", Set.of("rules"), Set.of("rules"));
        List<Object> rawRules = list(document.get("rules"), "$.rules", 1, MAX_RULES);
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rawRules.size(); i++) {
            Rule rule = rule(rawRules.get(i), "$.rules[" + i + "]");
            if (!ids.add(rule.id())) {
                throw new InvalidPolicyException("$.rules[" + i + "].id", "rule id is used twice");
            }
            rules.add(rule);
        }
        return new PolicyDocument(List.copyOf(rules));
    }

    private static Rule rule(Object raw, String path) {
        Map<String, Object> rule = object(raw, path, Set.of("id", "effect", "description", "when", "limits"),
                Set.of("id", "effect"));
        String id = string(rule.get("id"), path + ".id");
        if (!RULE_ID.matcher(id).matches()) {
            throw new InvalidPolicyException(path + ".id", "must be 1 to 64 of A-Z a-z 0-9 . _ - starting with a letter or digit");
        }
        String effectText = string(rule.get("effect"), path + ".effect");
        Effect effect = switch (effectText) {
            case "ALLOW" -> Effect.ALLOW;
            case "DENY" -> Effect.DENY;
            default -> throw new InvalidPolicyException(path + ".effect", "must be ALLOW or DENY");
        };
        if (rule.containsKey("description") && string(rule.get("description"), path + ".description").length() > 500) {
            throw new InvalidPolicyException(path + ".description", "must be at most 500 characters");
        }
        Conditions when = rule.containsKey("when") ? conditions(rule.get("when"), path + ".when")
                : new Conditions(null, null, null, null, null, null, null);
        List<Limit> limits = List.of();
        if (rule.containsKey("limits")) {
            if (effect == Effect.DENY) {
                throw new InvalidPolicyException(path + ".limits", "limits belong to ALLOW rules");
            }
            List<Object> raw2 = list(rule.get("limits"), path + ".limits", 1, MAX_LIMITS_PER_RULE);
            List<Limit> parsed = new ArrayList<>();
            for (int i = 0; i < raw2.size(); i++) {
                parsed.add(limit(raw2.get(i), path + ".limits[" + i + "]"));
            }
            limits = List.copyOf(parsed);
        }
        return new Rule(id, effect, when, limits);
    }

    private static Conditions conditions(Object raw, String path) {
        Map<String, Object> when = object(raw, path, Set.of("types", "chainIds", "to", "maxValue", "maxFeePerGas",
                "methodSelectors", "eip712Domain"), Set.of());
        Set<String> types = null;
        if (when.containsKey("types")) {
            types = new LinkedHashSet<>();
            List<Object> values = list(when.get("types"), path + ".types", 1, TYPES.size());
            for (int i = 0; i < values.size(); i++) {
                String type = string(values.get(i), path + ".types[" + i + "]");
                if (!TYPES.contains(type)) {
                    throw new InvalidPolicyException(path + ".types[" + i + "]", "unknown payload type");
                }
                types.add(type);
            }
        }
        Set<String> selectors = null;
        if (when.containsKey("methodSelectors")) {
            selectors = new LinkedHashSet<>();
            List<Object> values = list(when.get("methodSelectors"), path + ".methodSelectors", 1, MAX_LIST);
            for (int i = 0; i < values.size(); i++) {
                Matcher m = SELECTOR.matcher(string(values.get(i), path + ".methodSelectors[" + i + "]"));
                if (!m.matches()) {
                    throw new InvalidPolicyException(path + ".methodSelectors[" + i + "]",
                            "must be 0x and 8 hex digits (the first 4 bytes of call data), or 0x for none");
                }
                selectors.add(m.group(1) == null ? "" : m.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return new Conditions(types == null ? null : Set.copyOf(types),
                when.containsKey("chainIds") ? chainIds(when.get("chainIds"), path + ".chainIds") : null,
                when.containsKey("to") ? addresses(when.get("to"), path + ".to") : null,
                when.containsKey("maxValue") ? quantity(when.get("maxValue"), path + ".maxValue") : null,
                when.containsKey("maxFeePerGas") ? quantity(when.get("maxFeePerGas"), path + ".maxFeePerGas") : null,
                selectors == null ? null : Set.copyOf(selectors),
                when.containsKey("eip712Domain") ? domain(when.get("eip712Domain"), path + ".eip712Domain") : null);
    }

    private static Domain domain(Object raw, String path) {
        Map<String, Object> domain = object(raw, path, Set.of("names", "chainIds", "verifyingContracts"), Set.of());
        Set<String> names = null;
        if (domain.containsKey("names")) {
            names = new LinkedHashSet<>();
            List<Object> values = list(domain.get("names"), path + ".names", 1, MAX_LIST);
            for (int i = 0; i < values.size(); i++) {
                names.add(string(values.get(i), path + ".names[" + i + "]"));
            }
        }
        return new Domain(names == null ? null : Set.copyOf(names),
                domain.containsKey("chainIds") ? chainIds(domain.get("chainIds"), path + ".chainIds") : null,
                domain.containsKey("verifyingContracts")
                        ? addresses(domain.get("verifyingContracts"), path + ".verifyingContracts") : null);
    }

    private static Limit limit(Object raw, String path) {
        Map<String, Object> limit = object(raw, path, Set.of("scope", "window", "maxValue", "maxCount"),
                Set.of("scope", "window"));
        Scope scope = switch (string(limit.get("scope"), path + ".scope")) {
            case "account" -> Scope.ACCOUNT;
            case "tenant" -> Scope.TENANT;
            default -> throw new InvalidPolicyException(path + ".scope", "must be account or tenant");
        };
        Matcher window = WINDOW.matcher(string(limit.get("window"), path + ".window"));
        Duration duration = null;
        if (window.matches()) {
            long amount = Long.parseLong(window.group(1));
            duration = switch (window.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        if (duration == null || duration.compareTo(MAX_WINDOW) > 0) {
            throw new InvalidPolicyException(path + ".window", "must be minutes, hours or days such as 30m, 24h, 7d; at most 31d");
        }
        BigInteger maxValue = limit.containsKey("maxValue") ? quantity(limit.get("maxValue"), path + ".maxValue") : null;
        Long maxCount = null;
        if (limit.containsKey("maxCount")) {
            Object count = limit.get("maxCount");
            if (!(count instanceof BigInteger n) || n.signum() < 0 || n.bitLength() > 31) {
                throw new InvalidPolicyException(path + ".maxCount", "must be an integer from 0 to 2147483647");
            }
            maxCount = n.longValue();
        }
        if (maxValue == null && maxCount == null) {
            throw new InvalidPolicyException(path, "a limit needs maxValue, maxCount or both");
        }
        return new Limit(scope, duration, maxValue, maxCount);
    }

    private static Set<BigInteger> chainIds(Object raw, String path) {
        Set<BigInteger> ids = new LinkedHashSet<>();
        List<Object> values = list(raw, path, 1, MAX_LIST);
        for (int i = 0; i < values.size(); i++) {
            BigInteger id = quantity(values.get(i), path + "[" + i + "]");
            if (id.signum() == 0 || id.bitLength() > 64) {
                throw new InvalidPolicyException(path + "[" + i + "]", "a chain id is from 1 to 2^64-1");
            }
            ids.add(id);
        }
        return Set.copyOf(ids);
    }

    private static Set<String> addresses(Object raw, String path) {
        Set<String> addresses = new LinkedHashSet<>();
        List<Object> values = list(raw, path, 1, MAX_LIST);
        for (int i = 0; i < values.size(); i++) {
            String text = string(values.get(i), path + "[" + i + "]");
            try {
                addresses.add(EthAddress.parse(text).toChecksumString().substring(2).toLowerCase(Locale.ROOT));
            } catch (InvalidPayloadException e) {
                throw new InvalidPolicyException(path + "[" + i + "]", "must be a 0x address (EIP-55 checksum if mixed case)");
            }
        }
        return Set.copyOf(addresses);
    }

    /** A uint256 as a decimal or 0x-hex string. */
    private static BigInteger quantity(Object raw, String path) {
        String text = string(raw, path);
        BigInteger value = null;
        if (text.matches("0|[1-9][0-9]{0,77}")) {
            value = new BigInteger(text);
        } else if (text.matches("0x(0|[1-9a-fA-F][0-9a-fA-F]{0,63})")) {
            value = new BigInteger(text.substring(2), 16);
        }
        if (value == null || value.compareTo(UINT256_MAX) > 0) {
            throw new InvalidPolicyException(path, "must be a decimal or 0x-hex string of an integer from 0 to 2^256-1");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object raw, String path, Set<String> known, Set<String> required) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw new InvalidPolicyException(path, "must be an object");
        }
        for (Object key : map.keySet()) {
            if (!known.contains(key)) {
                // The name is the client's: shown only when it is short and plain.
                String name = key instanceof String k && k.matches("[A-Za-z0-9_]{1,64}") ? (String) key : "?";
                throw new InvalidPolicyException(path + "." + name, "unknown member (allowed: " + String.join(", ",
                        known.stream().sorted().toList()) + ")");
            }
        }
        for (String key : required) {
            if (!map.containsKey(key)) {
                throw new InvalidPolicyException(path + "." + key, "is required");
            }
        }
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object raw, String path, int min, int max) {
        if (!(raw instanceof List<?> list)) {
            throw new InvalidPolicyException(path, "must be an array");
        }
        if (list.size() < min || list.size() > max) {
            throw new InvalidPolicyException(path, "must have " + min + " to " + max + " entries");
        }
        return (List<Object>) list;
    }

    private static String string(Object raw, String path) {
        if (!(raw instanceof String text)) {
            throw new InvalidPolicyException(path, "must be a string");
        }
        return text;
    }
}
