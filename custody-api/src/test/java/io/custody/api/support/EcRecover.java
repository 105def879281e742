package io.custody.api.support;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9IntegerConverter;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.jcajce.provider.digest.Keccak;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/** Independent check of the signer's output: recovers the Ethereum address from a signature (test only). */
public final class EcRecover {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");

    private EcRecover() {
    }

    public static byte[] address(byte[] hash, byte[] r, byte[] s, int yParity) {
        BigInteger n = CURVE.getN();
        BigInteger rValue = new BigInteger(1, r);
        BigInteger sValue = new BigInteger(1, s);
        X9IntegerConverter converter = new X9IntegerConverter();
        byte[] compressed = converter.integerToBytes(rValue, 1 + converter.getByteLength(CURVE.getCurve()));
        compressed[0] = (byte) (yParity == 1 ? 0x03 : 0x02);
        ECPoint bigR = CURVE.getCurve().decodePoint(compressed);
        BigInteger e = new BigInteger(1, hash);
        BigInteger rInverse = rValue.modInverse(n);
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(CURVE.getG(), e.negate().mod(n).multiply(rInverse).mod(n),
                bigR, sValue.multiply(rInverse).mod(n)).normalize();
        byte[] publicKey = q.getEncoded(false);
        byte[] digest = new Keccak.Digest256().digest(Arrays.copyOfRange(publicKey, 1, 65));
        return Arrays.copyOfRange(digest, 12, 32);
    }

    public static byte[] keccak(byte[] data) {
        return new Keccak.Digest256().digest(data);
    }
}
