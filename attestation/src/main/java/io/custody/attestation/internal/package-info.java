/**
 * Not API. CBOR, COSE_Sign1, ES384 and NSM message codecs shared by the public package and the
 * simulator. Classes are public only because Java packages cannot share otherwise; other
 * modules must not import them.
 */
package io.custody.attestation.internal;
