/**
 * UKEY sign-in: the challenges a key signs, the platform's {@code ukeyLogin} check, which key
 * signs in which account, and the sign-in policy per role and tenant (password, UKEY or both).
 */
package io.vsip4x.portal.identity.ukey;
