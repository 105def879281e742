package io.custody.attestation.simulated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.custody.attestation.AttestationException;
import io.custody.attestation.AttestationVerifier;
import io.custody.attestation.Expectations;
import io.custody.attestation.NsmClient;
import io.custody.attestation.TrustedRoots;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedRootTest {

    @Test
    void aRootKeptOnDisk_letsAnotherProcessVerifyTheNsmsDocuments(@TempDir Path dir) throws Exception {
        SimulatedRoot created = SimulatedRoot.loadOrCreate(dir);
        SimulatedNsm nsm = SimulatedNsm.builder().root(SimulatedRoot.loadOrCreate(dir)).build();
        byte[] document = new NsmClient(nsm).attest(null, new byte[] {1}, null);

        AttestationVerifier verifier = AttestationVerifier.pinnedTo(SimulatedRoot.loadCertificate(dir));
        verifier.verify(document, Instant.now(), Expectations.none().withNonce(new byte[] {1}));
        assertArrayEquals(created.certificate().getEncoded(), nsm.rootCertificate().getEncoded());
    }

    @Test
    void twoNsmsWithFreshRoots_doNotTrustEachOther() throws Exception {
        SimulatedNsm first = SimulatedNsm.builder().build();
        SimulatedNsm second = SimulatedNsm.builder().build();
        byte[] document = new NsmClient(second).attest(null, null, null);
        AttestationException e = assertThrows(AttestationException.class,
                () -> AttestationVerifier.pinnedTo(first.rootCertificate()).verify(document, Instant.now(), Expectations.none()));
        assertEquals(AttestationException.Check.UNTRUSTED_ROOT, e.check());
    }

    @Test
    void productionConfiguration_refusesAKeptSimulatedRoot(@TempDir Path dir) throws Exception {
        SimulatedRoot.loadOrCreate(dir);
        AttestationException e = assertThrows(AttestationException.class,
                () -> TrustedRoots.requireProductionRoot(SimulatedRoot.loadCertificate(dir)));
        assertEquals(AttestationException.Check.UNTRUSTED_ROOT, e.check());
    }
}
