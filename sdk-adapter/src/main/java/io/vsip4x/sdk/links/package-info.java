/**
 * The native clients' console links of the spec's appendix 2: {@code fastrap://} and
 * {@code rdp://}, each the Base64 of a {@code |}-joined UTF-8 payload.
 */
package io.vsip4x.sdk.links;
