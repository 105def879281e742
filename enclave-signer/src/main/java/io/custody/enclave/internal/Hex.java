package io.custody.enclave.internal;

import io.custody.enclave.InvalidPayloadException;

/** Lower-case hex for public values (hashes, addresses, signatures). Never used on secrets in messages. */
public final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** {@code "0x"} followed by {@link #encode}. */
    public static String encode0x(byte[] bytes) {
        return "0x" + encode(bytes);
    }

    /**
     * Decodes {@code 0x}-prefixed hex with an even number of digits (either case); {@code "0x"} is
     * the empty array.
     *
     * @throws InvalidPayloadException naming {@code field} when the text is not such hex
     */
    public static byte[] decode0x(String text, String field) {
        if (text == null || !(text.startsWith("0x") || text.startsWith("0X"))) {
            throw new InvalidPayloadException(field + " must be 0x-prefixed hex");
        }
        return decode(text, 2, field);
    }

    /** Decodes hex without prefix (test vectors, Wycheproof). */
    public static byte[] decode(String text) {
        return decode(text, 0, "hex");
    }

    private static byte[] decode(String text, int from, String field) {
        int digits = text.length() - from;
        if ((digits & 1) != 0) {
            throw new InvalidPayloadException(field + " must have an even number of hex digits");
        }
        byte[] out = new byte[digits / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(text.charAt(from + 2 * i), 16);
            int lo = Character.digit(text.charAt(from + 2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new InvalidPayloadException(field + " contains a non-hex character");
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }
}
