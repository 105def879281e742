package io.custody.attestation.internal;

import io.custody.attestation.NsmDescription;
import io.custody.attestation.NsmErrorCode;
import java.util.List;
import java.util.TreeSet;

/**
 * NSM API responses (nitro-kms-spec §2.1; nsm-api {@code Response}), same serde shapes as
 * {@link NsmRequest}: {@code {"Name": {fields...}}}, bare {@code "LockPCR"}/{@code "LockPCRs"},
 * and errors as {@code {"Error": "InvalidIndex"}}.
 */
public sealed interface NsmResponse {

    record Attestation(byte[] document) implements NsmResponse {}

    record DescribePcr(boolean lock, byte[] data) implements NsmResponse {}

    record ExtendPcr(byte[] data) implements NsmResponse {}

    record LockPcr() implements NsmResponse {}

    record LockPcrs() implements NsmResponse {}

    record DescribeNsm(NsmDescription description) implements NsmResponse {}

    record GetRandom(byte[] random) implements NsmResponse {}

    record Error(NsmErrorCode code) implements NsmResponse {}

    default byte[] encode() {
        CborValue value = switch (this) {
            case Attestation a -> variant("Attestation", CborValue.CborMap.builder()
                    .put("document", new CborValue.Bytes(a.document().clone())));
            case DescribePcr d -> variant("DescribePCR", CborValue.CborMap.builder()
                    .put("lock", new CborValue.Bool(d.lock()))
                    .put("data", new CborValue.Bytes(d.data().clone())));
            case ExtendPcr e -> variant("ExtendPCR", CborValue.CborMap.builder()
                    .put("data", new CborValue.Bytes(e.data().clone())));
            case LockPcr l -> new CborValue.Text("LockPCR");
            case LockPcrs l -> new CborValue.Text("LockPCRs");
            case DescribeNsm d -> {
                NsmDescription n = d.description();
                List<CborValue> locked = n.lockedPcrs().stream().<CborValue>map(i -> new CborValue.Int(i)).toList();
                yield variant("DescribeNSM", CborValue.CborMap.builder()
                        .put("version_major", new CborValue.Int(n.versionMajor()))
                        .put("version_minor", new CborValue.Int(n.versionMinor()))
                        .put("version_patch", new CborValue.Int(n.versionPatch()))
                        .put("module_id", new CborValue.Text(n.moduleId()))
                        .put("max_pcrs", new CborValue.Int(n.maxPcrs()))
                        .put("locked_pcrs", new CborValue.Array(locked))
                        .put("digest", new CborValue.Text(n.digest())));
            }
            case GetRandom g -> variant("GetRandom", CborValue.CborMap.builder()
                    .put("random", new CborValue.Bytes(g.random().clone())));
            case Error e -> CborValue.CborMap.builder().put("Error", new CborValue.Text(e.code().wireName())).build();
        };
        return CborEncoder.encode(value);
    }

    /** Decodes a response; anything malformed is a {@link CborException}. */
    static NsmResponse decode(byte[] encoded) {
        CborValue response = CborDecoder.decode(encoded);
        if (response instanceof CborValue.Text t) {
            return switch (t.value()) {
                case "LockPCR" -> new LockPcr();
                case "LockPCRs" -> new LockPcrs();
                default -> throw new CborException("unknown unit response " + t.value());
            };
        }
        CborValue.CborMap top = response.asMap();
        if (top.entries().size() != 1) {
            throw new CborException("response map must have exactly one entry");
        }
        String name = top.entries().keySet().iterator().next().asText();
        CborValue body = top.require(name);
        if (name.equals("Error")) {
            String code = body.asText();
            return new Error(NsmErrorCode.fromWireName(code)
                    .orElseThrow(() -> new CborException("unknown NSM error code " + code)));
        }
        CborValue.CborMap f = body.asMap();
        return switch (name) {
            case "Attestation" -> new Attestation(f.require("document").asBytes());
            case "DescribePCR" -> new DescribePcr(f.require("lock").asBool(), f.require("data").asBytes());
            case "ExtendPCR" -> new ExtendPcr(f.require("data").asBytes());
            case "GetRandom" -> new GetRandom(f.require("random").asBytes());
            case "DescribeNSM" -> {
                TreeSet<Integer> locked = new TreeSet<>();
                for (CborValue v : f.require("locked_pcrs").asArray()) {
                    locked.add(u16(v));
                }
                yield new DescribeNsm(new NsmDescription(
                        u16(f.require("version_major")), u16(f.require("version_minor")),
                        u16(f.require("version_patch")), f.require("module_id").asText(),
                        u16(f.require("max_pcrs")), locked, f.require("digest").asText()));
            }
            default -> throw new CborException("unknown response " + name);
        };
    }

    private static CborValue variant(String name, CborValue.CborMap.Builder fields) {
        return CborValue.CborMap.builder().put(name, fields.build()).build();
    }

    private static int u16(CborValue value) {
        long v = value.asLong();
        if (v < 0 || v > 0xffff) {
            throw new CborException("expected u16, got " + v);
        }
        return (int) v;
    }
}
