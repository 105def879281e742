package io.custody.attestation.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;

/**
 * COSE ES384: ECDSA P-384 with SHA-384, signature as raw {@code r || s} (48 + 48 bytes).
 * JCA's {@code SHA384withECDSA} speaks DER, so this class converts at the boundary.
 */
public final class Es384 {

    /** Size of one P-384 scalar in bytes. */
    public static final int SCALAR_LENGTH = 48;

    /** Size of a raw ES384 signature. */
    public static final int SIGNATURE_LENGTH = 2 * SCALAR_LENGTH;

    private static final String JCA_ALGORITHM = "SHA384withECDSA";

    private Es384() {}

    /** Signs {@code data} and returns the raw 96-byte {@code r || s}. */
    public static byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature signer = Signature.getInstance(JCA_ALGORITHM);
        signer.initSign(key);
        signer.update(data);
        return derToRaw(signer.sign());
    }

    /**
     * Verifies a raw {@code r || s} signature. Returns false for a wrong length or a signature
     * the provider refuses to parse, so every bad signature has one outcome.
     */
    public static boolean verify(PublicKey key, byte[] data, byte[] rawSignature)
            throws GeneralSecurityException {
        if (rawSignature.length != SIGNATURE_LENGTH) {
            return false;
        }
        Signature verifier = Signature.getInstance(JCA_ALGORITHM);
        verifier.initVerify(key);
        verifier.update(data);
        try {
            return verifier.verify(rawToDer(rawSignature));
        } catch (SignatureException e) {
            return false;
        }
    }

    /** {@code r || s} to DER {@code SEQUENCE { INTEGER r, INTEGER s }}. */
    static byte[] rawToDer(byte[] raw) {
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(raw, 0, SCALAR_LENGTH));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, SCALAR_LENGTH, SIGNATURE_LENGTH));
        try {
            return new DERSequence(new ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(s)})
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of two integers failed", e);
        }
    }

    /** DER {@code SEQUENCE { INTEGER r, INTEGER s }} to fixed-width {@code r || s}. */
    static byte[] derToRaw(byte[] der) throws SignatureException {
        ASN1Sequence seq = ASN1Sequence.getInstance(der);
        if (seq.size() != 2) {
            throw new SignatureException("ECDSA signature must have two integers");
        }
        byte[] out = new byte[SIGNATURE_LENGTH];
        putFixed(ASN1Integer.getInstance(seq.getObjectAt(0)).getPositiveValue(), out, 0);
        putFixed(ASN1Integer.getInstance(seq.getObjectAt(1)).getPositiveValue(), out, SCALAR_LENGTH);
        return out;
    }

    private static void putFixed(BigInteger v, byte[] out, int offset) throws SignatureException {
        byte[] b = v.toByteArray(); // big-endian, may carry one leading sign byte
        int start = 0;
        while (start < b.length - 1 && b[start] == 0) {
            start++;
        }
        int len = b.length - start;
        if (len > SCALAR_LENGTH) {
            throw new SignatureException("ECDSA scalar longer than 48 bytes");
        }
        System.arraycopy(b, start, out, offset + SCALAR_LENGTH - len, len);
    }
}
