/**
 * The portal's benchmark: starts a portal on the embedded default in a scratch folder, seeds a
 * tenant of 10,000 VMs and 99 more tenants and an operation log of ten million events, and
 * measures the VM list and the operation log's search against a static page, callback ingestion
 * against plain inserts and with the audit sealer paused, and the pipeline from approval to
 * running VMs against the simulator driven directly. See {@code bench/README.md}.
 */
package io.vsip4x.bench;
