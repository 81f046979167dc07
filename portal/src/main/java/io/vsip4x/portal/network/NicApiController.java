package io.vsip4x.portal.network;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.UserService;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A VM's NICs as JSON: the same rules and codes as its NIC page ({@link NicService}). */
@RestController
@RequestMapping("/api/v1/vms/{vmId}/nics")
@Tag(name = "nics", description = "A VM's NICs: list, add, change network and addresses")
class NicApiController {

    private final NicService nics;

    NicApiController(NicService nics) {
        this.nics = nics;
    }

    @GetMapping
    @Operation(summary = "The VM's NICs as the platform reports them; 404 when the VM is not the caller's to see, "
            + "503 when the platform cannot be reached")
    List<NicService.Nic> list(@PathVariable String vmId) {
        return nics.list(UserService.current(), vmId);
    }

    @PostMapping
    @Operation(summary = "Adds a NIC on one of the tenant's networks: a fixed address (ipAddress, subnetMask, "
            + "gateway, dnsServers) or DHCP when ipAddress is empty; 201 with the NIC; 400 with errors per field; "
            + "409 with 2052 when the VM is not stopped or running or busy, 2066 when DHCP has no address left, "
            + "without a code when the VM has 8 NICs already (the most a VM may have); a fixed address must lie in "
            + "the network's subnet and be none of its gateway, DNS servers, network or broadcast addresses, nor "
            + "used by another VM")
    ResponseEntity<NicService.Nic> add(@PathVariable String vmId, @RequestBody NicRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(nics.add(UserService.current(), vmId, body));
    }

    @PutMapping("/{mac}")
    @Operation(summary = "Gives the NIC of MAC address mac a network and addresses (as for adding); 200 with the "
            + "NIC; 400 with an error on macAddress when mac is no MAC address; 404 with 2060 when the VM has no such "
            + "NIC; other refusals as for adding")
    NicService.Nic change(@PathVariable String vmId, @PathVariable String mac, @RequestBody NicRequest body) {
        return nics.change(UserService.current(), vmId, mac, body);
    }
}
