/**
 * National-algorithm cryptography of the binding: SM2 keys as PEM, SM2/SM3 signatures of
 * requests and callbacks, and the UKEY envelope of {@code ukeyLogin} (SM4-GCM under an
 * SM2-wrapped key) with the platform's signature authenticating its answer, all through
 * BouncyCastle.
 */
package io.vsip4x.sdk.ukey;
