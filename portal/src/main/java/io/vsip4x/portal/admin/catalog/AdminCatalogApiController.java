package io.vsip4x.portal.admin.catalog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalog as JSON for platform admins: templates, images, virtual networks and storage nodes,
 * each with the tenants it is open to; 503 when the platform does not answer.
 */
@RestController
@RequestMapping("/api/v1/admin")
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
@Tag(name = "Platform admin")
class AdminCatalogApiController {

    private final CatalogReads reads;
    private final TemplateSyncs syncs;

    AdminCatalogApiController(CatalogReads reads, TemplateSyncs syncs) {
        this.reads = reads;
        this.syncs = syncs;
    }

    @GetMapping("/templates")
    @Operation(summary = "Every template of every pool: OS, shape, the classification the portal uses, its pools "
            + "and the departments it is open to")
    List<CatalogRows.Template> templates() {
        return reads.templates();
    }

    @GetMapping("/templates/{templateId}")
    @Operation(summary = "One template; 404 when the platform lists none of that id")
    CatalogRows.Template template(@PathVariable String templateId) {
        return reads.template(templateId);
    }

    @PostMapping("/templates/{templateId}/sync")
    @Operation(summary = "Sync a template (syncVmTemplate): whether the platform has it (status 1, with its disk "
            + "size) or not (status 2); 400 for a malformed id, 409 with the platform's code when it refuses")
    CatalogRows.Sync sync(@PathVariable String templateId) {
        return syncs.sync(templateId);
    }

    @GetMapping("/images")
    @Operation(summary = "Installation images (optionally those whose OS type or family contains type, in any "
            + "case), each open to the departments granted its pool")
    List<CatalogRows.Image> images(@RequestParam(required = false) String type) {
        return reads.images(type);
    }

    @GetMapping("/images/{imageId}")
    @Operation(summary = "One installation image; 404 when the platform lists none of that id")
    CatalogRows.Image image(@PathVariable String imageId) {
        return reads.image(imageId);
    }

    @GetMapping("/networks")
    @Operation(summary = "Virtual networks with the pools they reach, the departments they are granted to and how "
            + "many portal VMs use them")
    List<CatalogRows.Network> networks() {
        return reads.networks();
    }

    @GetMapping("/networks/{networkId}")
    @Operation(summary = "One virtual network; 404 when no pool has a network of that id")
    CatalogRows.Network network(@PathVariable String networkId) {
        return reads.network(networkId);
    }

    @GetMapping("/storage-nodes")
    @Operation(summary = "Distributed storage nodes of one pool (pool=id) or of every pool, with space, online "
            + "state and the departments granted their pool; the space summed over the storage (volume) nodes "
            + "only (storageNodes of them); 404 for an unknown pool")
    CatalogRows.StorageNodes storageNodes(@RequestParam(required = false) String pool) {
        return reads.storageNodes(pool);
    }

    @GetMapping("/storage-nodes/{nodeId}")
    @Operation(summary = "One distributed storage node of any pool; 404 when no pool's storage has that node")
    CatalogRows.StorageNode storageNode(@PathVariable String nodeId) {
        return reads.storageNode(nodeId);
    }
}
