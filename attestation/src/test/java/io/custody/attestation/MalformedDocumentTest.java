package io.custody.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.custody.attestation.AttestationException.Check;
import io.custody.attestation.internal.CborEncoder;
import io.custody.attestation.internal.CborValue;
import io.custody.attestation.internal.CoseSign1;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hostile input is refused as SYNTAX (or another check), never with an unexpected exception type. */
class MalformedDocumentTest {

    private final AttestationVerifier verifier = AttestationVerifier.awsNitro();
    private final byte[] real = TestVectors.realDocument();

    @Test
    void verify_refusesNullAndEmptyInput_asSyntax() {
        assertSyntax(null);
        assertSyntax(new byte[0]);
    }

    @Test
    void verify_refusesEveryTruncationOfRealDocument_asSyntax() {
        for (int length = 1; length < real.length; length++) {
            assertSyntax(Arrays.copyOf(real, length));
        }
    }

    @Test
    void verify_refusesTrailingByte_asSyntax() {
        assertSyntax(Arrays.copyOf(real, real.length + 1));
    }

    @Test
    void verify_refusesOversizeInput_beforeDecoding() {
        byte[] huge = new byte[ParsedDocument.MAX_DOCUMENT_BYTES + 1];
        huge[0] = (byte) 0x84;
        assertSyntax(huge);
    }

    @Test
    void verify_refusesRandomGarbage_asSyntax() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] garbage = new byte[1 + random.nextInt(300)];
            random.nextBytes(garbage);
            assertSyntax(garbage);
        }
    }

    @Test
    void verify_refusesIndefiniteLengthEnvelope_asSyntax() {
        byte[] indefinite = real.clone();
        indefinite[0] = (byte) 0x9f; // array of indefinite length
        byte[] withBreak = Arrays.copyOf(indefinite, indefinite.length + 1);
        withBreak[withBreak.length - 1] = (byte) 0xff;
        assertSyntax(withBreak);
    }

    @Test
    void verify_refusesDeeplyNestedInput_asSyntax() {
        byte[] nested = new byte[1000];
        Arrays.fill(nested, (byte) 0x81); // [[[[...
        assertSyntax(nested);
    }

    @Test
    void verify_refusesOtherTagThan18_asSyntax() {
        byte[] tagged = new byte[real.length + 1];
        tagged[0] = (byte) 0xd1; // tag(17), COSE_Mac0
        System.arraycopy(real, 0, tagged, 1, real.length);
        assertSyntax(tagged);
    }

    @Test
    void verify_refusesSignatureOfWrongLength_asSyntax() throws Exception {
        CoseSign1 cose = CoseSign1.decode(real);
        byte[] shortSig = new CoseSign1(cose.protectedHeader(), cose.payload(), Arrays.copyOf(cose.signature(), 64))
                .encode(false);
        assertSyntax(shortSig);
    }

    @Test
    void verify_refusesPayloadThatIsNotAMap_asSyntax() {
        byte[] doc = CborEncoder.encode(new CborValue.Array(List.of(
                new CborValue.Bytes(CoseSign1.es384ProtectedHeader()),
                CborValue.CborMap.builder().build(),
                new CborValue.Bytes(new byte[] {(byte) 0x80}),
                new CborValue.Bytes(new byte[96]))));
        assertSyntax(doc);
    }

    @Test
    void verify_refusesRandomMutationsOfRealDocument_withAttestationExceptionOnly() {
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            byte[] mutated = real.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                mutated[random.nextInt(mutated.length)] ^= (byte) (1 + random.nextInt(255));
            }
            if (Arrays.equals(mutated, real)) {
                continue; // two flips of one byte cancelled out
            }
            assertThrows(AttestationException.class,
                    () -> verifier.verify(mutated, TestVectors.REAL_DOC_VALID_AT, Expectations.none()));
        }
    }

    @Test
    void unsafeParse_refusesGarbage_asSyntax() {
        AttestationException e = assertThrows(AttestationException.class,
                () -> AttestationDocument.unsafeParse(new byte[] {(byte) 0xff}));
        assertEquals(Check.SYNTAX, e.check());
    }

    private void assertSyntax(byte[] document) {
        AttestationException e = assertThrows(AttestationException.class,
                () -> verifier.verify(document, TestVectors.REAL_DOC_VALID_AT, Expectations.none()));
        assertEquals(Check.SYNTAX, e.check(), e.getMessage());
    }
}
