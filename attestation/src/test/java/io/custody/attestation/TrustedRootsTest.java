package io.custody.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.attestation.AttestationException.Check;
import io.custody.attestation.simulated.SimulatedNsm;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class TrustedRootsTest {

    @Test
    void awsNitroRootG1_isThePinnedCertificate() throws Exception {
        X509Certificate root = TrustedRoots.awsNitroRootG1();

        assertEquals(TrustedRoots.AWS_NITRO_ROOT_G1_SHA256, TrustedRoots.sha256Fingerprint(root));
        assertEquals("CN=aws.nitro-enclaves,OU=AWS,O=Amazon,C=US", root.getSubjectX500Principal().getName());
        assertArrayEquals(TrustedRoots.parseCertificate(TestVectors.awsRootPem()).getEncoded(), root.getEncoded());
    }

    @Test
    void requireProductionRoot_acceptsAwsRoot() throws Exception {
        X509Certificate aws = TrustedRoots.parseCertificate(TestVectors.awsRootPem());
        assertSame(aws, TrustedRoots.requireProductionRoot(aws));
    }

    @Test
    void requireProductionRoot_refusesSimulatedRoot() {
        X509Certificate simulated = SimulatedNsm.builder().build().rootCertificate();

        assertTrue(simulated.getSubjectX500Principal().getName().contains("NOT FOR PRODUCTION"));
        assertFalse(TrustedRoots.isAwsNitroRootG1(simulated));
        AttestationException e = assertThrows(AttestationException.class,
                () -> TrustedRoots.requireProductionRoot(simulated));
        assertEquals(Check.UNTRUSTED_ROOT, e.check());
        assertTrue(e.getMessage().contains("simulated NSM root"), e.getMessage());
        assertEquals(TrustedRoots.AWS_NITRO_ROOT_G1_SHA256, e.expected().orElseThrow());
    }

    @Test
    void requireProductionRoot_refusesAnyOtherCertificate() throws Exception {
        byte[] intermediate = AttestationDocument.unsafeParse(TestVectors.realDocument()).cabundle().get(1);
        X509Certificate other = TrustedRoots.parseCertificate(intermediate);

        AttestationException e = assertThrows(AttestationException.class,
                () -> TrustedRoots.requireProductionRoot(other));
        assertEquals(Check.UNTRUSTED_ROOT, e.check());
    }

    @Test
    void requireProductionRoot_refusesMissingRoot() {
        AttestationException e = assertThrows(AttestationException.class,
                () -> TrustedRoots.requireProductionRoot(null));
        assertEquals(Check.UNTRUSTED_ROOT, e.check());
    }
}
