package io.custody.enclave.internal;

import io.custody.enclave.Eip712Field;
import io.custody.enclave.EthAddress;
import io.custody.enclave.InvalidPayloadException;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * EIP-712 encoding (https://eips.ethereum.org/EIPS/eip-712), {@code eth_signTypedData_v4} rules:
 * {@code digest = keccak256(0x19 0x01 || hashStruct(EIP712Domain, domain) || hashStruct(primary, message))},
 * {@code hashStruct(T, v) = keccak256(encodeData(T, v))},
 * {@code encodeData(T, v) = typeHash(T) || enc(member_1) || ... || enc(member_n)}.
 */
public final class Eip712Encoder {

    public static final String DOMAIN = "EIP712Domain";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern ARRAY_SUFFIX = Pattern.compile("\\[(0|[1-9][0-9]{0,5})?]$");
    private static final Pattern BYTES_N = Pattern.compile("bytes([1-9]|[12][0-9]|3[0-2])");
    private static final Pattern INT_N = Pattern.compile("u?int([1-9][0-9]{0,2})");
    /** Canonical domain members, in the order used when {@code types} has no EIP712Domain. */
    private static final List<Eip712Field> DOMAIN_MEMBERS = List.of(
            new Eip712Field("name", "string"),
            new Eip712Field("version", "string"),
            new Eip712Field("chainId", "uint256"),
            new Eip712Field("verifyingContract", "address"),
            new Eip712Field("salt", "bytes32"));

    private final Map<String, List<Eip712Field>> types;
    private final Map<String, byte[]> typeHashes = new HashMap<>();

    private Eip712Encoder(Map<String, List<Eip712Field>> types) {
        this.types = types;
    }

    /** Type-checks the definitions: names, duplicate members, every member type resolvable. */
    public static void checkTypes(Map<String, List<Eip712Field>> types, String primaryType) {
        for (Map.Entry<String, List<Eip712Field>> e : types.entrySet()) {
            String name = e.getKey();
            if (!IDENTIFIER.matcher(name).matches() || isAtomic(name) || isDynamic(name)) {
                throw new InvalidPayloadException("invalid EIP-712 struct name '" + name + "'");
            }
            Set<String> seen = new HashSet<>();
            for (Eip712Field f : e.getValue()) {
                if (!IDENTIFIER.matcher(f.name()).matches() || !seen.add(f.name())) {
                    throw new InvalidPayloadException("invalid or duplicate member '" + f.name() + "' in " + name);
                }
                String base = baseType(f.type());
                if (!isAtomic(base) && !isDynamic(base) && !types.containsKey(base)) {
                    throw new InvalidPayloadException("unknown type '" + f.type() + "' in " + name);
                }
            }
        }
        if (!types.containsKey(primaryType) && !DOMAIN.equals(primaryType)) {
            throw new InvalidPayloadException("primaryType '" + primaryType + "' is not defined");
        }
    }

    /** The 32-byte hash an EIP-712 signature signs. */
    public static byte[] digest(Map<String, List<Eip712Field>> types, String primaryType,
            Map<String, Object> domain, Map<String, Object> message) {
        Eip712Encoder enc = withDomain(types, domain);
        byte[] domainSeparator = Keccak.keccak256(enc.encodeData(DOMAIN, domain, 0));
        if (DOMAIN.equals(primaryType)) {
            return Keccak.keccak256(new byte[] {0x19, 0x01}, domainSeparator);
        }
        byte[] messageHash = Keccak.keccak256(enc.encodeData(primaryType, message, 0));
        return Keccak.keccak256(new byte[] {0x19, 0x01}, domainSeparator, messageHash);
    }

    /** {@code encodeData(primaryType, message)}: the type hash followed by one word per member. */
    public static byte[] encodeData(Map<String, List<Eip712Field>> types, String primaryType,
            Map<String, Object> domain, Map<String, Object> message) {
        return withDomain(types, domain).encodeData(primaryType, message, 0);
    }

    /** {@code encodeType(T)}: T's signature followed by its struct dependencies, sorted by name. */
    public static String encodeType(Map<String, List<Eip712Field>> types, String primaryType) {
        return new Eip712Encoder(types).encodeType(primaryType);
    }

    private static Eip712Encoder withDomain(Map<String, List<Eip712Field>> types, Map<String, Object> domain) {
        if (types.containsKey(DOMAIN)) {
            return new Eip712Encoder(types);
        }
        List<Eip712Field> members = new ArrayList<>();
        for (Eip712Field f : DOMAIN_MEMBERS) {
            if (domain.containsKey(f.name())) {
                members.add(f);
            }
        }
        Map<String, List<Eip712Field>> all = new LinkedHashMap<>(types);
        all.put(DOMAIN, List.copyOf(members));
        return new Eip712Encoder(all);
    }

    private String encodeType(String primary) {
        Set<String> deps = new TreeSet<>();
        collectDependencies(primary, deps);
        deps.remove(primary);
        StringBuilder sb = new StringBuilder();
        appendSignature(sb, primary);
        for (String dep : deps) {
            appendSignature(sb, dep);
        }
        return sb.toString();
    }

    private void appendSignature(StringBuilder sb, String type) {
        sb.append(type).append('(');
        List<Eip712Field> fields = types.get(type);
        for (int i = 0; i < fields.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(fields.get(i).type()).append(' ').append(fields.get(i).name());
        }
        sb.append(')');
    }

    private void collectDependencies(String type, Set<String> found) {
        if (!types.containsKey(type) || !found.add(type)) {
            return;
        }
        for (Eip712Field f : types.get(type)) {
            collectDependencies(baseType(f.type()), found);
        }
    }

    private byte[] typeHash(String type) {
        return typeHashes.computeIfAbsent(type,
                t -> Keccak.keccak256(encodeType(t).getBytes(StandardCharsets.UTF_8)));
    }

    private byte[] encodeData(String type, Object value, int depth) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidPayloadException("value of struct " + type + " must be an object");
        }
        List<Eip712Field> fields = types.get(type);
        for (Object key : map.keySet()) {
            if (fields.stream().noneMatch(f -> f.name().equals(key))) {
                throw new InvalidPayloadException("member '" + key + "' is not declared in " + type);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * (fields.size() + 1));
        out.writeBytes(typeHash(type));
        for (Eip712Field f : fields) {
            if (!map.containsKey(f.name())) {
                throw new InvalidPayloadException("member '" + f.name() + "' of " + type + " is missing");
            }
            out.writeBytes(encodeValue(f.type(), map.get(f.name()), type + "." + f.name(), depth + 1));
        }
        return out.toByteArray();
    }

    /** One 32-byte word for a member value. */
    private byte[] encodeValue(String type, Object value, String path, int depth) {
        if (depth > Eip712Values.MAX_DEPTH) {
            throw new InvalidPayloadException(path + " is nested too deeply");
        }
        var arrayMatch = ARRAY_SUFFIX.matcher(type);
        if (arrayMatch.find()) {
            String element = type.substring(0, arrayMatch.start());
            if (!(value instanceof List<?> list)) {
                throw new InvalidPayloadException(path + " must be an array");
            }
            String fixed = arrayMatch.group(1);
            if (fixed != null && list.size() != Integer.parseInt(fixed)) {
                throw new InvalidPayloadException(path + " must have exactly " + fixed + " elements");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(32 * list.size());
            for (int i = 0; i < list.size(); i++) {
                out.writeBytes(encodeValue(element, list.get(i), path + "[" + i + "]", depth + 1));
            }
            return Keccak.keccak256(out.toByteArray());
        }
        if (types.containsKey(type)) {
            return Keccak.keccak256(encodeData(type, value, depth));
        }
        return switch (type) {
            case "string" -> {
                if (!(value instanceof String s)) {
                    throw new InvalidPayloadException(path + " must be a string");
                }
                yield Keccak.keccak256(utf8(s, path));
            }
            case "bytes" -> Keccak.keccak256(bytes(value, path));
            case "bool" -> {
                if (!(value instanceof Boolean b)) {
                    throw new InvalidPayloadException(path + " must be a boolean");
                }
                yield word(b ? BigInteger.ONE : BigInteger.ZERO);
            }
            case "address" -> {
                EthAddress a = value instanceof EthAddress given ? given
                        : value instanceof String s ? EthAddress.parse(s) : null;
                if (a == null) {
                    throw new InvalidPayloadException(path + " must be an address");
                }
                yield leftPad(a.bytes());
            }
            default -> encodeSized(type, value, path);
        };
    }

    private static byte[] encodeSized(String type, Object value, String path) {
        var bytesN = BYTES_N.matcher(type);
        if (bytesN.matches()) {
            int n = Integer.parseInt(bytesN.group(1));
            byte[] b = bytes(value, path);
            if (b.length != n) {
                throw new InvalidPayloadException(path + " must be exactly " + n + " bytes");
            }
            byte[] word = new byte[32];
            System.arraycopy(b, 0, word, 0, n); // bytesN is left-aligned, zero-padded on the right
            return word;
        }
        var intN = INT_N.matcher(type);
        if (intN.matches() && isAtomic(type)) {
            int bits = Integer.parseInt(intN.group(1));
            BigInteger v = integer(value, path);
            boolean signed = !type.startsWith("u");
            BigInteger min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
            BigInteger maxExclusive = BigInteger.ONE.shiftLeft(signed ? bits - 1 : bits);
            if (v.compareTo(min) < 0 || v.compareTo(maxExclusive) >= 0) {
                throw new InvalidPayloadException(path + " is out of range for " + type);
            }
            return word(v);
        }
        throw new InvalidPayloadException(path + " has unsupported type " + type);
    }

    /** A 32-byte two's-complement big-endian word. */
    private static byte[] word(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] word = new byte[32];
        if (v.signum() < 0) {
            java.util.Arrays.fill(word, (byte) 0xff);
        }
        int len = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - len, word, 32 - len, len);
        return word;
    }

    private static byte[] leftPad(byte[] b) {
        byte[] word = new byte[32];
        System.arraycopy(b, 0, word, 32 - b.length, b.length);
        return word;
    }

    private static byte[] bytes(Object value, String path) {
        return switch (value) {
            case byte[] b -> b.clone();
            case String s -> Hex.decode0x(s, path);
            default -> throw new InvalidPayloadException(path + " must be 0x hex bytes");
        };
    }

    private static BigInteger integer(Object value, String path) {
        if (value instanceof BigInteger i) {
            return i;
        }
        if (!(value instanceof String s) || s.isEmpty()) {
            throw new InvalidPayloadException(path + " must be an integer or a decimal/0x string");
        }
        boolean negative = s.startsWith("-");
        String digits = negative ? s.substring(1) : s;
        try {
            BigInteger magnitude = digits.startsWith("0x") || digits.startsWith("0X")
                    ? new BigInteger(requireDigits(digits.substring(2), path), 16)
                    : new BigInteger(requireDigits(digits, path), 10);
            return negative ? magnitude.negate() : magnitude;
        } catch (NumberFormatException e) {
            throw new InvalidPayloadException(path + " is not a valid integer");
        }
    }

    private static String requireDigits(String digits, String path) {
        if (digits.isEmpty() || digits.startsWith("-") || digits.startsWith("+")) {
            throw new InvalidPayloadException(path + " is not a valid integer");
        }
        return digits;
    }

    /** Strict UTF-8: an unpaired surrogate is refused rather than silently replaced. */
    private static byte[] utf8(String s, String path) {
        try {
            ByteBuffer buf = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new InvalidPayloadException(path + " is not valid Unicode text");
        }
    }

    private static String baseType(String type) {
        String t = type;
        var m = ARRAY_SUFFIX.matcher(t);
        while (m.find()) {
            t = t.substring(0, m.start());
            m = ARRAY_SUFFIX.matcher(t);
        }
        return t;
    }

    private static boolean isDynamic(String type) {
        return type.equals("string") || type.equals("bytes");
    }

    private static boolean isAtomic(String type) {
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
}
