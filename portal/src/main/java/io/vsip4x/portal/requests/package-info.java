/** Requests for VMs, the approval queue, and the decisions taken on each request. */
package io.vsip4x.portal.requests;
