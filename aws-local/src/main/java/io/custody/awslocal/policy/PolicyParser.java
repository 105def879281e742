package io.custody.awslocal.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns policy JSON into a {@link PolicyDocument}, rejecting what the emulator cannot evaluate faithfully. */
final class PolicyParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");
    /** KMS limits a key policy to 32 KiB. */
    private static final int MAX_POLICY_CHARS = 32_768;

    private PolicyParser() {
    }

    static PolicyDocument parse(String json) throws MalformedPolicyException {
        if (json == null || json.isBlank()) {
            throw new MalformedPolicyException("the policy is empty");
        }
        if (json.length() > MAX_POLICY_CHARS) {
            throw new MalformedPolicyException("the policy is longer than " + MAX_POLICY_CHARS + " characters");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedPolicyException("the policy is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPolicyException("the policy must be a JSON object");
        }
        JsonNode version = root.get("Version");
        if (version != null && !(version.isTextual()
                && (version.textValue().equals("2012-10-17") || version.textValue().equals("2008-10-17")))) {
            throw new MalformedPolicyException("unsupported policy Version");
        }
        JsonNode statementNode = root.get("Statement");
        if (statementNode == null) {
            throw new MalformedPolicyException("the policy has no Statement");
        }
        List<Statement> statements = new ArrayList<>();
        for (JsonNode node : statementNode.isArray() ? statementNode : List.of(statementNode)) {
            statements.add(statement(node));
        }
        if (statements.isEmpty()) {
            throw new MalformedPolicyException("the policy has no Statement");
        }
        return new PolicyDocument(statements);
    }

    private static Statement statement(JsonNode node) throws MalformedPolicyException {
        if (!node.isObject()) {
            throw new MalformedPolicyException("each Statement must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!STATEMENT_FIELDS.contains(field.getKey())) {
                throw new MalformedPolicyException("unknown statement element " + field.getKey());
            }
        }
        String sid = node.path("Sid").asText(null);
        String effect = node.path("Effect").asText("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new MalformedPolicyException("Effect must be Allow or Deny");
        }
        boolean notPrincipal = exactlyOne(node, "Principal", "NotPrincipal");
        boolean notAction = exactlyOne(node, "Action", "NotAction");
        boolean notResource = exactlyOne(node, "Resource", "NotResource");
        return new Statement(sid, effect.equals("Deny"),
                principal(node.get(notPrincipal ? "NotPrincipal" : "Principal")), notPrincipal,
                strings(node.get(notAction ? "NotAction" : "Action"), "Action"), notAction,
                strings(node.get(notResource ? "NotResource" : "Resource"), "Resource"), notResource,
                conditions(node.get("Condition")));
    }

    /** Requires exactly one of the two elements; returns true if it is the {@code Not*} one. */
    private static boolean exactlyOne(JsonNode node, String positive, String negative)
            throws MalformedPolicyException {
        boolean hasPositive = node.has(positive);
        boolean hasNegative = node.has(negative);
        if (hasPositive == hasNegative) {
            throw new MalformedPolicyException("a statement needs exactly one of " + positive + " and " + negative);
        }
        return hasNegative;
    }

    private static PrincipalSpec principal(JsonNode node) throws MalformedPolicyException {
        if (node.isTextual()) {
            if (!node.textValue().equals("*")) {
                throw new MalformedPolicyException("a string Principal must be \"*\"");
            }
            return new PrincipalSpec(true, List.of());
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new MalformedPolicyException("Principal must be \"*\" or an object such as {\"AWS\": ...}");
        }
        List<String> aws = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            List<String> values = strings(entry.getValue(), "Principal." + entry.getKey());
            switch (entry.getKey()) {
                case "AWS" -> aws.addAll(values);
                case "Service", "Federated", "CanonicalUser" -> {
                    // Valid grammar; no such caller exists in the emulator, so these never match.
                }
                default -> throw new MalformedPolicyException("unknown principal type " + entry.getKey());
            }
        }
        return new PrincipalSpec(aws.contains("*"), List.copyOf(aws));
    }

    private static List<Condition> conditions(JsonNode node) throws MalformedPolicyException {
        if (node == null) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new MalformedPolicyException("Condition must be a JSON object");
        }
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> block : node.properties()) {
            if (!block.getValue().isObject() || block.getValue().isEmpty()) {
                throw new MalformedPolicyException("condition " + block.getKey() + " must map keys to values");
            }
            for (Map.Entry<String, JsonNode> test : block.getValue().properties()) {
                conditions.add(condition(block.getKey(), test.getKey(), test.getValue()));
            }
        }
        return List.copyOf(conditions);
    }

    private static Condition condition(String operatorText, String key, JsonNode valuesNode)
            throws MalformedPolicyException {
        String name = operatorText;
        Condition.Qualifier qualifier = Condition.Qualifier.NONE;
        if (name.startsWith("ForAnyValue:")) {
            qualifier = Condition.Qualifier.FOR_ANY_VALUE;
            name = name.substring("ForAnyValue:".length());
        } else if (name.startsWith("ForAllValues:")) {
            qualifier = Condition.Qualifier.FOR_ALL_VALUES;
            name = name.substring("ForAllValues:".length());
        }
        boolean ifExists = name.endsWith("IfExists");
        if (ifExists) {
            name = name.substring(0, name.length() - "IfExists".length());
        }
        Condition.Operator operator = Condition.Operator.byName(name);
        if (operator == null || (operator == Condition.Operator.NULL && (ifExists
                || qualifier != Condition.Qualifier.NONE))) {
            throw new MalformedPolicyException("unsupported condition operator " + operatorText);
        }
        return new Condition(operator, qualifier, ifExists, key, strings(valuesNode, "Condition " + operatorText));
    }

    /** A string, number or boolean, or a non-empty array of them, as strings. */
    private static List<String> strings(JsonNode node, String element) throws MalformedPolicyException {
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode item : node) {
                values.add(scalar(item, element));
            }
        } else {
            values.add(scalar(node, element));
        }
        if (values.isEmpty()) {
            throw new MalformedPolicyException(element + " must not be empty");
        }
        return List.copyOf(values);
    }

    private static String scalar(JsonNode node, String element) throws MalformedPolicyException {
        if (node == null || !(node.isTextual() || node.isNumber() || node.isBoolean())) {
            throw new MalformedPolicyException(element + " must be a string or a list of strings");
        }
        return node.asText();
    }
}
