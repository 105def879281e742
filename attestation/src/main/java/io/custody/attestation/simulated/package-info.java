/**
 * DEV AND TEST ONLY. A simulated Nitro Secure Module whose root certificate is marked
 * {@code NOT FOR PRODUCTION} and refused by
 * {@link io.custody.attestation.TrustedRoots#requireProductionRoot}.
 */
package io.custody.attestation.simulated;
