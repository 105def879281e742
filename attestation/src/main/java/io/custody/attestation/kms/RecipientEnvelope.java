package io.custody.attestation.kms;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Collection;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

/**
 * KMS {@code CiphertextForRecipient}: a CMS ContentInfo/EnvelopedData in BER, with exactly one
 * KeyTransRecipientInfo (RSAES-OAEP, SHA-256, MGF1-SHA-256) and AES-256-CBC content
 * (nitro-kms-spec §3.2). {@link #open} is what the enclave uses to receive a key from KMS;
 * {@link #seal} is what the local KMS emulator uses to send one. Both check the algorithms, so
 * neither side accepts a weaker envelope than real KMS produces.
 */
public final class RecipientEnvelope {
    /** What an envelope holds, for inspection and tests; no secret is in it. */
    public record Inspection(byte[] encryptedKey, byte[] iv, byte[] encryptedContent) {
    }

    private RecipientEnvelope() {
    }

    /**
     * Decrypts an envelope with the recipient's RSA private key. Fails when the structure or its
     * algorithms are not those KMS uses, when the key is not the recipient's, or the content was altered.
     */
    public static byte[] open(byte[] ber, PrivateKey recipientKey) throws EnvelopeException {
        RecipientInformation recipient = checkedRecipient(parse(ber));
        try {
            return recipient.getContent(new JceKeyTransEnvelopedRecipient(recipientKey));
        } catch (CMSException e) {
            throw new EnvelopeException("the envelope does not open with this key");
        }
    }

    /** The encrypted key, IV and encrypted content, after checking structure and algorithms. */
    public static Inspection inspect(byte[] ber) throws EnvelopeException {
        CMSEnvelopedData envelope = parse(ber);
        checkedRecipient(envelope);
        try {
            EnvelopedData structure = EnvelopedData.getInstance(envelope.toASN1Structure().getContent());
            KeyTransRecipientInfo recipient = KeyTransRecipientInfo.getInstance(
                    RecipientInfo.getInstance(structure.getRecipientInfos().getObjectAt(0)).getInfo());
            byte[] iv = ASN1OctetString.getInstance(envelope.getContentEncryptionAlgorithm().getParameters()).getOctets();
            byte[] content = structure.getEncryptedContentInfo().getEncryptedContent().getOctets();
            return new Inspection(recipient.getEncryptedKey().getOctets(), iv, content);
        } catch (RuntimeException e) {
            throw new EnvelopeException("the envelope's fields are malformed");
        }
    }

    /**
     * Encrypts {@code plaintext} to {@code recipient} exactly as KMS does: BER with indefinite
     * lengths, subject key identifier = SHA-256 of the SPKI, OAEP SHA-256/MGF1-SHA-256, AES-256-CBC.
     */
    public static byte[] seal(byte[] plaintext, RSAPublicKey recipient) {
        try {
            AlgorithmIdentifier oaep = new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(
                    PKCSObjectIdentifiers.id_RSAES_OAEP,
                    new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
            byte[] subjectKeyId = MessageDigest.getInstance("SHA-256").digest(recipient.getEncoded());
            CMSEnvelopedDataStreamGenerator generator = new CMSEnvelopedDataStreamGenerator();
            generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(subjectKeyId, oaep, recipient));
            ByteArrayOutputStream out = new ByteArrayOutputStream(512);
            try (OutputStream content = generator.open(out,
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).build())) {
                content.write(plaintext);
            }
            return out.toByteArray();
        } catch (GeneralSecurityException | CMSException | IOException e) {
            throw new IllegalStateException("cannot build a recipient envelope", e);
        }
    }

    private static CMSEnvelopedData parse(byte[] ber) throws EnvelopeException {
        try {
            return new CMSEnvelopedData(ber);
        } catch (CMSException | RuntimeException e) {
            throw new EnvelopeException("not a CMS EnvelopedData");
        }
    }

    private static KeyTransRecipientInformation checkedRecipient(CMSEnvelopedData envelope) throws EnvelopeException {
        // 1. Exactly one recipient, of the key-transport kind: KMS encrypts to one enclave key.
        Collection<RecipientInformation> recipients = envelope.getRecipientInfos().getRecipients();
        if (recipients.size() != 1 || !(recipients.iterator().next() instanceof KeyTransRecipientInformation recipient)) {
            throw new EnvelopeException("expected exactly one key-transport recipient");
        }
        // 2. RSAES-OAEP with SHA-256 and MGF1-SHA-256: refuses PKCS#1 v1.5 and SHA-1 downgrades.
        AlgorithmIdentifier keyAlgorithm = recipient.getKeyEncryptionAlgorithm();
        if (!PKCSObjectIdentifiers.id_RSAES_OAEP.equals(keyAlgorithm.getAlgorithm())) {
            throw new EnvelopeException("key encryption is not RSAES-OAEP");
        }
        RSAESOAEPparams params = RSAESOAEPparams.getInstance(keyAlgorithm.getParameters());
        AlgorithmIdentifier mgf = params.getMaskGenAlgorithm();
        if (!NISTObjectIdentifiers.id_sha256.equals(params.getHashAlgorithm().getAlgorithm())
                || !PKCSObjectIdentifiers.id_mgf1.equals(mgf.getAlgorithm())
                || !NISTObjectIdentifiers.id_sha256.equals(AlgorithmIdentifier.getInstance(mgf.getParameters()).getAlgorithm())) {
            throw new EnvelopeException("OAEP must use SHA-256 and MGF1-SHA-256");
        }
        // 3. AES-256-CBC content: what KMS uses; anything else is not a KMS envelope.
        ASN1ObjectIdentifier content = envelope.getContentEncryptionAlgorithm().getAlgorithm();
        if (!NISTObjectIdentifiers.id_aes256_CBC.equals(content)) {
            throw new EnvelopeException("content encryption is not AES-256-CBC");
        }
        return recipient;
    }

    /** The envelope is malformed, uses other algorithms, or does not open with the key. */
    public static final class EnvelopeException extends Exception {
        public EnvelopeException(String message) {
            super(message, null, false, false);
        }
    }
}
