/** The operation log: who did what, to what, with which result, from where. */
package io.vsip4x.portal.audit;
