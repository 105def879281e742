package io.custody.api.dev;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The local stand-in for an enclave image measurement: PCR0 of the simulated enclave is the
 * SHA-384 of the enclave-signer artifact, so rebuilding the signer changes PCR0 exactly as
 * rebuilding an enclave image file does.
 */
public final class EnclaveArtifact {
    private EnclaveArtifact() {
    }

    public static byte[] pcr0(Path artifact) throws IOException {
        try (InputStream in = Files.newInputStream(artifact)) {
            MessageDigest sha384 = MessageDigest.getInstance("SHA-384");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha384.update(buffer, 0, n);
            }
            return sha384.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pcr0Hex(Path artifact) throws IOException {
        return HexFormat.of().formatHex(pcr0(artifact));
    }
}
