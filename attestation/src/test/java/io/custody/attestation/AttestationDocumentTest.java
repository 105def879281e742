package io.custody.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AttestationDocumentTest {

    private final byte[] real = TestVectors.realDocument();

    @Test
    void unsafeParse_readsRealDocumentFields_withoutVerifying() throws Exception {
        AttestationDocument doc = AttestationDocument.unsafeParse(real);
        assertEquals(TestVectors.REAL_MODULE_ID, doc.moduleId());
        assertEquals(TestVectors.REAL_DOC_TIMESTAMP, doc.timestamp());
        assertArrayEquals(TestVectors.REAL_PCR0, doc.pcr(0).orElseThrow());
    }

    @Test
    void accessors_returnCopies_soCallersCannotAlterADocument() throws Exception {
        AttestationDocument doc = AttestationDocument.unsafeParse(real);
        doc.pcr(0).orElseThrow()[0] ^= 1;
        doc.pcrs().get(0)[1] ^= 1;
        doc.certificate()[0] ^= 1;
        doc.cabundle().get(0)[0] ^= 1;
        doc.userData().orElseThrow()[0] ^= 1;

        assertEquals(AttestationDocument.unsafeParse(real), doc);
        assertArrayEquals(TestVectors.REAL_PCR0, doc.pcr(0).orElseThrow());
        assertThrows(UnsupportedOperationException.class, () -> doc.pcrs().put(1, new byte[48]));
    }

    @Test
    void toString_showsPcrsButNotUserData() throws Exception {
        AttestationDocument doc = AttestationDocument.unsafeParse(real);
        String text = doc.toString();
        assertFalse(text.contains(HexFormat.of().formatHex(doc.userData().orElseThrow())));
        assertFalse(text.contains(HexFormat.of().formatHex(doc.publicKey().orElseThrow())));
        assertEquals(true, text.contains(HexFormat.of().formatHex(TestVectors.REAL_PCR0)));
    }
}
