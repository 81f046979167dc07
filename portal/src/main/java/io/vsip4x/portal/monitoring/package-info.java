/** Monitoring of running VMs: sampling the platform, keeping and down-sampling samples, charting them. */
package io.vsip4x.portal.monitoring;
