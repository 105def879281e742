package io.custody.api.signing;

import com.fasterxml.jackson.databind.JsonNode;
import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import io.custody.enclave.protocol.SignPayload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code typedData} of an EIP-712 request ({@code eth_signTypedData_v4}): checked here against
 * the rules the enclave applies (its strict JSON parser, {@code PayloadMapper}, {@code Eip712Encoder}),
 * so that what the enclave would refuse is a 4xx with a field, not a signer failure. Checks, each
 * with the threat it blocks:
 * <ol>
 *   <li>exactly {@code types, primaryType, domain, message}, and type members exactly
 *       {@code {name, type}} — content a wallet would show that the signature does not cover;
 *   <li>struct and member names are identifiers, member names unique, every member type
 *       resolvable, primaryType defined — a document the enclave cannot hash;
 *   <li>in domain and message: no {@code null}, integers only (no fraction or exponent) of at most
 *       80 digits, no unpaired surrogate, at most 32 levels of nesting — values that readers
 *       disagree on, and stack or CPU exhaustion;
 *   <li>without an {@code EIP712Domain} type, domain keys are among name, version, chainId,
 *       verifyingContract, salt — a domain key that would not be signed;
 *   <li>every value matches its declared type ({@link TypedDataValues}) — refused before it costs
 *       a signer call;
 *   <li>the canonical text ({@link CanonicalJson}) is at most 64 KiB of UTF-8 — the signer's limit.
 * </ol>
 * The payload is the canonical text: a client's key order and spacing do not change it.
 */
final class TypedDataParser {
    static final String DOMAIN = "EIP712Domain";
    /** {@code Eip712Values.MAX_DEPTH} of the enclave. */
    static final int MAX_VALUE_DEPTH = 32;
    /** {@code StrictJson.MAX_DIGITS} of the enclave. */
    static final int MAX_INTEGER_DIGITS = 80;

    private static final Set<String> MEMBERS = Set.of("types", "primaryType", "domain", "message");
    private static final Set<String> FIELD_MEMBERS = Set.of("name", "type");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern ARRAY_SUFFIX = Pattern.compile("\\[(0|[1-9][0-9]{0,5})?]$");
    private static final Pattern BYTES_N = Pattern.compile("bytes([1-9]|[12][0-9]|3[0-2])");
    private static final Pattern INT_N = Pattern.compile("u?int([1-9][0-9]{0,2})");
    /** The domain members used, in this order, when {@code types} has no EIP712Domain. */
    private static final Map<String, String> CANONICAL_DOMAIN = canonicalDomain();

    /** One member of a struct type. */
    record Member(String name, String type) {
    }

    private TypedDataParser() {
    }

    static SigningRequest parse(JsonNode node, String path) {
        // Check 1
        JsonFields typed = JsonFields.object(node, path).allowOnly(MEMBERS, Set.of(), "typed data");
        // Check 2
        Map<String, List<Member>> types = types(typed.required("types"), typed.path("types"));
        String primaryType = typed.requiredText("primaryType");
        if (!types.containsKey(primaryType) && !DOMAIN.equals(primaryType)) {
            throw ErrorCode.INVALID_TYPED_DATA.at(typed.path("primaryType"),
                    typed.path("primaryType") + " must name a type defined in " + typed.path("types") + ".");
        }
        JsonFields domain = JsonFields.object(typed.required("domain"), typed.path("domain"));
        JsonFields message = JsonFields.object(typed.required("message"), typed.path("message"));
        // Check 3
        valueTree(typed.required("domain"), domain.path(), 0);
        valueTree(typed.required("message"), message.path(), 0);
        // Check 4
        Map<String, List<Member>> all = withDomain(types, domain);
        // Check 5
        TypedDataValues values = new TypedDataValues(all);
        values.struct(DOMAIN, typed.required("domain"), domain.path());
        if (!DOMAIN.equals(primaryType)) { // the enclave signs the domain separator alone then
            values.struct(primaryType, typed.required("message"), message.path());
        }
        // Check 6: a char is at least one UTF-8 byte, so the char bound stops early and is sound.
        String json = CanonicalJson.write(node, SignPayload.MAX_TYPED_DATA);
        if (json == null || json.getBytes(StandardCharsets.UTF_8).length > SignPayload.MAX_TYPED_DATA) {
            throw ErrorCode.PAYLOAD_TOO_LARGE.at(path,
                    path + " is larger than " + SignPayload.MAX_TYPED_DATA + " bytes in canonical JSON.");
        }
        return new SigningRequest(SignatureType.EIP712_TYPED_DATA, new SignPayload.TypedData(json), null, null, null);
    }

    private static Map<String, List<Member>> types(JsonNode node, String path) {
        JsonFields typesObject = JsonFields.object(node, path);
        Map<String, List<Member>> types = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : typesObject.members()) {
            String name = entry.getKey();
            String typePath = typesObject.path(name);
            if (!IDENTIFIER.matcher(name).matches() || isAtomic(name) || isDynamic(name)) {
                throw invalid(typePath, typePath + ": a struct name must be an identifier and not an atomic type.");
            }
            if (!entry.getValue().isArray()) {
                throw ErrorCode.INVALID_FIELD_TYPE.at(typePath, typePath + " must be a JSON array.");
            }
            List<Member> members = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < entry.getValue().size(); i++) {
                JsonFields member = JsonFields.object(entry.getValue().get(i), JsonFields.index(typePath, i))
                        .allowOnly(FIELD_MEMBERS, Set.of(), "a type member");
                String memberName = member.requiredText("name");
                String memberType = member.requiredText("type");
                if (!IDENTIFIER.matcher(memberName).matches() || !seen.add(memberName)) {
                    throw invalid(member.path("name"), member.path("name") + " must be an identifier, unique in its type.");
                }
                members.add(new Member(memberName, memberType));
            }
            types.put(name, List.copyOf(members));
        }
        for (Map.Entry<String, List<Member>> entry : types.entrySet()) {
            for (int i = 0; i < entry.getValue().size(); i++) {
                String base = baseType(entry.getValue().get(i).type());
                if (!isAtomic(base) && !isDynamic(base) && !types.containsKey(base)) {
                    String field = JsonFields.index(JsonFields.child(path, entry.getKey()), i) + ".type";
                    throw invalid(field, field + " is neither an EIP-712 type nor a type defined in " + path + ".");
                }
            }
        }
        return types;
    }

    /** The types with EIP712Domain: as declared, or derived from the domain's keys (check 4). */
    private static Map<String, List<Member>> withDomain(Map<String, List<Member>> types, JsonFields domain) {
        if (types.containsKey(DOMAIN)) {
            return types;
        }
        Set<String> present = new HashSet<>();
        for (Map.Entry<String, JsonNode> member : domain.members()) {
            if (!CANONICAL_DOMAIN.containsKey(member.getKey())) {
                String field = domain.path(member.getKey());
                throw invalid(field, field + " is not one of name, version, chainId, verifyingContract, salt;"
                        + " declare EIP712Domain in types to use other members.");
            }
            present.add(member.getKey());
        }
        List<Member> members = new ArrayList<>();
        CANONICAL_DOMAIN.forEach((name, type) -> {
            if (present.contains(name)) {
                members.add(new Member(name, type));
            }
        });
        Map<String, List<Member>> all = new LinkedHashMap<>(types);
        all.put(DOMAIN, List.copyOf(members));
        return all;
    }

    /** Check 3 on one value of domain or message, {@code depth} levels below it. */
    private static void valueTree(JsonNode node, String path, int depth) {
        if (depth > MAX_VALUE_DEPTH) {
            throw invalid(path, path + " is nested deeper than " + MAX_VALUE_DEPTH + " levels.");
        }
        switch (node.getNodeType()) {
            case OBJECT -> {
                for (Map.Entry<String, JsonNode> member : node.properties()) {
                    String field = JsonFields.child(path, member.getKey());
                    requireWellFormed(member.getKey(), field);
                    valueTree(member.getValue(), field, depth + 1);
                }
            }
            case ARRAY -> {
                for (int i = 0; i < node.size(); i++) {
                    valueTree(node.get(i), JsonFields.index(path, i), depth + 1);
                }
            }
            case STRING -> requireWellFormed(node.textValue(), path);
            case BOOLEAN -> { }
            case NUMBER -> {
                if (!node.isIntegralNumber()) {
                    throw invalid(path, path + " must be an integer: typed data has no fractions or exponents.");
                }
                if (node.bigIntegerValue().abs().toString().length() > MAX_INTEGER_DIGITS) {
                    throw invalid(path, path + " has more than " + MAX_INTEGER_DIGITS + " digits.");
                }
            }
            case NULL -> throw invalid(path, path + " is null: every value of typed data must be given.");
            default -> throw invalid(path, path + " is not a JSON value.");
        }
    }

    /** Text that UTF-8 and every JSON reader read the same way: no unpaired surrogate. */
    private static void requireWellFormed(String text, String path) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw invalid(path, path + " contains an unpaired UTF-16 surrogate.");
            }
        }
    }

    /** {@code T} of {@code T[]}, {@code T[2][]}, ...: the type without its array suffixes. */
    static String baseType(String type) {
        String t = type;
        var m = ARRAY_SUFFIX.matcher(t);
        while (m.find()) {
            t = t.substring(0, m.start());
            m = ARRAY_SUFFIX.matcher(t);
        }
        return t;
    }

    static Pattern arraySuffix() {
        return ARRAY_SUFFIX;
    }

    static boolean isDynamic(String type) {
        return type.equals("string") || type.equals("bytes");
    }

    /** bool, address, bytes1..bytes32, int8..int256 and uint8..uint256 in steps of 8. */
    static boolean isAtomic(String type) {
        if (type.equals("bool") || type.equals("address") || BYTES_N.matcher(type).matches()) {
            return true;
        }
        var m = INT_N.matcher(type);
        if (!m.matches()) {
            return false;
        }
        int bits = Integer.parseInt(m.group(1));
        return bits % 8 == 0 && bits >= 8 && bits <= 256;
    }

    /** The byte count of a {@code bytesN} type, or 0 for any other type. */
    static int fixedBytesLength(String type) {
        var m = BYTES_N.matcher(type);
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    static ApiException invalid(String field, String detail) {
        return ErrorCode.INVALID_TYPED_DATA.at(field, detail);
    }

    private static Map<String, String> canonicalDomain() {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("name", "string");
        members.put("version", "string");
        members.put("chainId", "uint256");
        members.put("verifyingContract", "address");
        members.put("salt", "bytes32");
        return java.util.Collections.unmodifiableMap(members);
    }
}
