package io.custody.enclave;

/** Tests of the signing core that are not about policies sign under this one. */
public final class AllowEverything {
    public static final SigningPolicy POLICY = request -> PolicyDecision.allow();

    private AllowEverything() {
    }
}
