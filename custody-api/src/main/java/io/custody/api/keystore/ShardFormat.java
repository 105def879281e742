package io.custody.api.keystore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The binary form of a {@link Shard}, stored as a Secrets Manager {@code SecretBinary}.
 *
 * <pre>
 * magic "CKSH" (4) | format version u8 = 1 | tenant id (16) | shard id (16) | DEK version u32 |
 * curve code u16 | entry count u32 | entries [account id (16) | length u16 | wrapped key] |
 * SHA-256 of everything before it (32)
 * </pre>
 * Big-endian. The checksum only detects corruption: anyone able to write the secret can
 * recompute it. Integrity comes from the enclave, which opens each wrapped key with AES-GCM
 * under associated data naming tenant, account, DEK version and curve.
 *
 * <p>Decoding is strict, each check with the mistake it catches:
 * <ol>
 *   <li>size within [{@link #MIN_BYTES}, {@link #MAX_BYTES}] — truncation, or not a shard at all;
 *   <li>magic and version — another format, or a future version this code cannot read;
 *   <li>checksum — any changed byte before it;
 *   <li>DEK version >= 1 and a known curve code — a header this code cannot have written;
 *   <li>entry count and every entry length within bounds and within the bytes present — forged
 *       lengths, checked before anything is allocated from them;
 *   <li>no account twice and no bytes left over — mixed-up or padded shards.
 * </ol>
 */
public final class ShardFormat {

    /** The one format version this code writes and reads. */
    public static final int VERSION = 1;
    /** Secrets Manager's limit on a secret value. */
    public static final int MAX_BYTES = 65_536;

    private static final byte[] MAGIC = "CKSH".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = 4 + 1 + 16 + 16 + 4 + 2 + 4;
    private static final int ENTRY_OVERHEAD = 16 + 2;
    private static final int CHECKSUM_BYTES = 32;
    /** Header and checksum, no entries: nothing shorter can be a shard. */
    public static final int MIN_BYTES = HEADER_BYTES + CHECKSUM_BYTES;

    private ShardFormat() {
    }

    /** How many entries with wrapped keys of this length fit in one shard (828 for 61 bytes). */
    public static int maxEntries(int wrappedKeyLength) {
        if (wrappedKeyLength < ShardEntry.MIN_WRAPPED_KEY || wrappedKeyLength > ShardEntry.MAX_WRAPPED_KEY) {
            throw new IllegalArgumentException("a wrapped key must be " + ShardEntry.MIN_WRAPPED_KEY + ".."
                    + ShardEntry.MAX_WRAPPED_KEY + " bytes, got " + wrappedKeyLength);
        }
        return (MAX_BYTES - MIN_BYTES) / (ENTRY_OVERHEAD + wrappedKeyLength);
    }

    /** The encoded size of a shard holding these entries (may exceed {@link #MAX_BYTES}). */
    static int encodedSize(List<ShardEntry> entries) {
        long size = MIN_BYTES;
        for (ShardEntry entry : entries) {
            size += ENTRY_OVERHEAD + entry.wrappedKeyLength();
        }
        return (int) Math.min(size, Integer.MAX_VALUE);
    }

    /** The bytes of {@code shard}; a {@link Shard} always fits, it checks so when built. */
    public static byte[] encode(Shard shard) {
        ByteBuffer out = ByteBuffer.allocate(encodedSize(shard.entries()));
        out.put(MAGIC).put((byte) VERSION);
        putUuid(out, shard.tenantId());
        putUuid(out, shard.shardId());
        out.putInt(shard.dekVersion());
        out.putShort((short) shard.curve().code());
        out.putInt(shard.size());
        for (ShardEntry entry : shard.entries()) {
            putUuid(out, entry.accountId());
            out.putShort((short) entry.wrappedKeyLength());
            entry.writeWrappedKeyTo(out);
        }
        out.put(sha256(out.array(), out.position()));
        return out.array();
    }

    /** The shard in {@code bytes}, after every check listed on the class. */
    public static Shard decode(byte[] bytes) throws ShardFormatException {
        if (bytes == null) {
            throw new ShardFormatException("no shard bytes");
        }
        // Check 1: size.
        if (bytes.length < MIN_BYTES) {
            throw new ShardFormatException("truncated: " + bytes.length + " bytes, a shard has at least " + MIN_BYTES);
        }
        if (bytes.length > MAX_BYTES) {
            throw new ShardFormatException("too large: " + bytes.length + " bytes, at most " + MAX_BYTES);
        }
        // Check 2: magic and version.
        if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new ShardFormatException("bad magic: not a Custody shard");
        }
        int version = bytes[MAGIC.length] & 0xFF;
        if (version != VERSION) {
            throw new ShardFormatException("unsupported format version " + version);
        }
        // Check 3: checksum over everything before it.
        int bodyLength = bytes.length - CHECKSUM_BYTES;
        byte[] expected = sha256(bytes, bodyLength);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, bodyLength, bytes.length))) {
            throw new ShardFormatException("checksum mismatch: the shard is corrupt");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, bodyLength).position(MAGIC.length + 1);
        UUID tenantId = getUuid(in);
        UUID shardId = getUuid(in);
        // Check 4: header values.
        long dekVersion = Integer.toUnsignedLong(in.getInt());
        if (dekVersion < 1 || dekVersion > Integer.MAX_VALUE) {
            throw new ShardFormatException("DEK version out of range: " + dekVersion);
        }
        int curveCode = Short.toUnsignedInt(in.getShort());
        KeyCurve curve = KeyCurve.ofCode(curveCode);
        if (curve == null) {
            throw new ShardFormatException("unknown curve code " + curveCode);
        }
        // Check 5: counts and lengths against the bytes actually present.
        long count = Integer.toUnsignedLong(in.getInt());
        long mostPossible = in.remaining() / (ENTRY_OVERHEAD + ShardEntry.MIN_WRAPPED_KEY);
        if (count < 1 || count > mostPossible) {
            throw new ShardFormatException("entry count " + count + " out of range 1.." + mostPossible);
        }
        List<ShardEntry> entries = new ArrayList<>((int) count);
        Set<UUID> seen = new HashSet<>();
        for (int slot = 0; slot < count; slot++) {
            if (in.remaining() < ENTRY_OVERHEAD) {
                throw new ShardFormatException("entry " + slot + " is truncated");
            }
            UUID accountId = getUuid(in);
            int length = Short.toUnsignedInt(in.getShort());
            if (length < ShardEntry.MIN_WRAPPED_KEY || length > ShardEntry.MAX_WRAPPED_KEY) {
                throw new ShardFormatException("entry " + slot + " has a wrapped key of " + length + " bytes");
            }
            if (in.remaining() < length) {
                throw new ShardFormatException("entry " + slot + " is truncated");
            }
            // Check 6a: one account, one slot.
            if (!seen.add(accountId)) {
                throw new ShardFormatException("entry " + slot + " repeats an account");
            }
            byte[] wrapped = new byte[length];
            in.get(wrapped);
            entries.add(new ShardEntry(accountId, wrapped));
        }
        // Check 6b: nothing after the last entry.
        if (in.hasRemaining()) {
            throw new ShardFormatException(in.remaining() + " trailing bytes after the last entry");
        }
        try {
            return new Shard(tenantId, shardId, (int) dekVersion, curve, entries);
        } catch (IllegalArgumentException e) { // unreachable after the checks above; kept as a net
            throw new ShardFormatException("inconsistent shard: " + e.getMessage());
        }
    }

    private static void putUuid(ByteBuffer out, UUID id) {
        out.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    }

    private static UUID getUuid(ByteBuffer in) {
        return new UUID(in.getLong(), in.getLong());
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
