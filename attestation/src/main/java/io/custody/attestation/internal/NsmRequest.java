package io.custody.attestation.internal;

import java.util.Map;
import java.util.Set;

/**
 * NSM API requests (nitro-kms-spec §2.1; nsm-api {@code Request}): serde externally tagged
 * enums with text keys. Struct variants are {@code {"Name": {fields...}}}, unit variants the
 * bare text {@code "Name"}. Fields are encoded in the Rust struct's order.
 */
public sealed interface NsmRequest {

    /** Every operation name the NSM API defines. */
    Set<String> OPERATIONS = Set.of(
            "Attestation", "DescribePCR", "ExtendPCR", "LockPCR", "LockPCRs", "DescribeNSM", "GetRandom");

    /** Each field may be null (absent, encoded as CBOR null). */
    record Attestation(byte[] userData, byte[] nonce, byte[] publicKey) implements NsmRequest {}

    record DescribePcr(int index) implements NsmRequest {}

    record ExtendPcr(int index, byte[] data) implements NsmRequest {}

    record LockPcr(int index) implements NsmRequest {}

    /** Locks PCRs {@code [0, range)}. */
    record LockPcrs(int range) implements NsmRequest {}

    record DescribeNsm() implements NsmRequest {}

    record GetRandom() implements NsmRequest {}

    default byte[] encode() {
        CborValue value = switch (this) {
            case Attestation a -> variant("Attestation", CborValue.CborMap.builder()
                    .put("user_data", CborValue.bytesOrNull(a.userData()))
                    .put("nonce", CborValue.bytesOrNull(a.nonce()))
                    .put("public_key", CborValue.bytesOrNull(a.publicKey())));
            case DescribePcr d -> variant("DescribePCR", CborValue.CborMap.builder().put("index", u16(d.index())));
            case ExtendPcr e -> variant("ExtendPCR", CborValue.CborMap.builder()
                    .put("index", u16(e.index()))
                    .put("data", new CborValue.Bytes(e.data().clone())));
            case LockPcr l -> variant("LockPCR", CborValue.CborMap.builder().put("index", u16(l.index())));
            case LockPcrs l -> variant("LockPCRs", CborValue.CborMap.builder().put("range", u16(l.range())));
            case DescribeNsm d -> new CborValue.Text("DescribeNSM");
            case GetRandom g -> new CborValue.Text("GetRandom");
        };
        return CborEncoder.encode(value);
    }

    /** The operation name of an encoded request, or {@code null} if it has neither request shape. */
    static String operationName(CborValue request) {
        if (request instanceof CborValue.Text t) {
            return t.value();
        }
        if (request instanceof CborValue.CborMap m && m.entries().size() == 1
                && m.entries().keySet().iterator().next() instanceof CborValue.Text t) {
            return t.value();
        }
        return null;
    }

    /** Decodes a request; a malformed or unknown one is a {@link CborException}. */
    static NsmRequest decode(byte[] encoded) {
        return decode(CborDecoder.decode(encoded));
    }

    static NsmRequest decode(CborValue request) {
        String name = operationName(request);
        if (name == null) {
            throw new CborException("request is neither a text nor a one-entry map");
        }
        if (request instanceof CborValue.Text) {
            return switch (name) {
                case "DescribeNSM" -> new DescribeNsm();
                case "GetRandom" -> new GetRandom();
                default -> throw new CborException("operation " + name + " needs arguments or is unknown");
            };
        }
        CborValue.CborMap args = request.asMap().require(name).asMap();
        return switch (name) {
            case "Attestation" -> {
                onlyKeys(args, "user_data", "nonce", "public_key");
                yield new Attestation(optional(args, "user_data"), optional(args, "nonce"), optional(args, "public_key"));
            }
            case "DescribePCR" -> {
                onlyKeys(args, "index");
                yield new DescribePcr(u16(args.require("index")));
            }
            case "ExtendPCR" -> {
                onlyKeys(args, "index", "data");
                yield new ExtendPcr(u16(args.require("index")), args.require("data").asBytes());
            }
            case "LockPCR" -> {
                onlyKeys(args, "index");
                yield new LockPcr(u16(args.require("index")));
            }
            case "LockPCRs" -> {
                onlyKeys(args, "range");
                yield new LockPcrs(u16(args.require("range")));
            }
            default -> throw new CborException("operation " + name + " takes no arguments or is unknown");
        };
    }

    private static CborValue variant(String name, CborValue.CborMap.Builder fields) {
        return CborValue.CborMap.builder().put(name, fields.build()).build();
    }

    private static CborValue u16(int value) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException("NSM index/range is a u16, got " + value);
        }
        return new CborValue.Int(value);
    }

    private static int u16(CborValue value) {
        long v = value.asLong();
        if (v < 0 || v > 0xffff) {
            throw new CborException("expected u16, got " + v);
        }
        return (int) v;
    }

    private static byte[] optional(CborValue.CborMap args, String key) {
        CborValue v = args.get(key);
        return v == null ? null : v.asBytesOrNull();
    }

    private static void onlyKeys(CborValue.CborMap args, String... allowed) {
        Set<CborValue> keys = new java.util.HashSet<>();
        for (String k : allowed) {
            keys.add(new CborValue.Text(k));
        }
        for (Map.Entry<CborValue, CborValue> e : args.entries().entrySet()) {
            if (!keys.contains(e.getKey())) {
                throw new CborException("unknown field " + e.getKey());
            }
        }
    }
}
