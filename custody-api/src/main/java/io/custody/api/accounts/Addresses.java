package io.custody.api.accounts;

import io.custody.api.error.ApiException;
import io.custody.api.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.bouncycastle.jcajce.provider.digest.Keccak;

/** Ethereum addresses as the API shows and accepts them: 0x + 40 hex digits, EIP-55 checksummed. */
public final class Addresses {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private Addresses() {
    }

    /** The EIP-55 mixed-case form of a 20-byte address. */
    public static String checksummed(byte[] address) {
        String hex = HexFormat.of().formatHex(address);
        byte[] hash = new Keccak.Digest256().digest(hex.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder("0x");
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0F;
            out.append(nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    public static boolean looksLikeAddress(String text) {
        return text != null && ADDRESS.matcher(text).matches();
    }

    /**
     * Parses an address; a mixed-case one must carry a correct EIP-55 checksum (a typo in a
     * checksummed address must not name another account).
     */
    public static byte[] parse(String field, String text) {
        if (!looksLikeAddress(text)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, field, field + " must be 0x followed by 40 hex digits.");
        }
        byte[] bytes = HexFormat.of().parseHex(text.substring(2));
        String digits = text.substring(2);
        boolean mixedCase = !digits.equals(digits.toLowerCase()) && !digits.equals(digits.toUpperCase());
        if (mixedCase && !checksummed(bytes).equals(text)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, field, field + " has an invalid EIP-55 checksum.");
        }
        return bytes;
    }
}
