package io.vsip4x.simulator.lifecycle;

/**
 * The resources one VM takes.
 *
 * @param cpu         vCPUs, at least 1
 * @param memoryBytes memory, in bytes, more than 0
 * @param diskBytes   system disk, in bytes; 0 for none
 */
public record Shape(int cpu, long memoryBytes, long diskBytes) {

    public Shape {
        if (cpu < 1 || memoryBytes < 1 || diskBytes < 0) {
            throw new IllegalArgumentException("Not a VM shape: " + cpu + " vCPU, " + memoryBytes
                    + " B memory, " + diskBytes + " B disk");
        }
    }
}
