package io.vsip4x.portal.tenancy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.UserService;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The platform admins' tenants table (usage against quota, sortable by {@code sort}) as a page, as
 * JSON and as CSV: {@code /admin/tenants/export.csv} and {@code /api/v1/admin/tenants.csv}. An
 * unknown {@code sort} is a 400 in the API and the CSV, and the default order (by code) with a
 * notice on the page.
 */
@Controller
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
@Tag(name = "Platform admin")
class TenantTableController {

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final TenantTable table;

    TenantTableController(TenantTable table) {
        this.table = table;
    }

    /** A tenant's line as JSON. */
    record TenantUsage(String code, String name, Quota limits, Quota used, Quota reserved, Quota free,
            long sharePercent) {

        static TenantUsage of(TenantTable.Row row) {
            QuotaService.Report r = row.report();
            return new TenantUsage(row.tenant().code(), row.tenant().name(), r.limits(), r.used(), r.reserved(),
                    r.free(), row.sharePercent());
        }
    }

    @GetMapping("/admin/tenants")
    String list(@RequestParam(required = false) String sort, Model model) {
        Optional<TenantSort> named = TenantSort.read(sort);
        TenantSort order = named.orElse(TenantSort.DEFAULT);
        if (named.isEmpty()) {
            // An order that names no column: the default order, and a notice saying so.
            model.addAttribute("sortUnknown", TenantSort.params());
        }
        model.addAttribute("rows", table.rows(UserService.current(), order));
        model.addAttribute("sort", order);
        model.addAttribute("columns", TenantSort.COLUMNS.stream().map(Resource::key).toList());
        return "tenants/list";
    }

    @GetMapping("/admin/tenants/export.csv")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String sort, Locale locale) {
        return csv(sort, locale);
    }

    @GetMapping("/api/v1/admin/tenants")
    @ResponseBody
    @Operation(summary = "Every department with its limits, used, reserved and free, and its largest share of a "
            + "limit held; sort=name|code|vms|cpu|memoryMb|diskGb|dataDiskGb|snapshots|backups|share, a leading "
            + "'-' for descending, none by code; 400 for another sort; as CSV at /api/v1/admin/tenants.csv")
    List<TenantUsage> api(@RequestParam(required = false) String sort) {
        return table.rows(UserService.current(), TenantSort.parse(sort)).stream().map(TenantUsage::of).toList();
    }

    @GetMapping("/api/v1/admin/tenants/{code}")
    @ResponseBody
    @Operation(summary = "One department with its limits, used, reserved and free, and its largest share of a "
            + "limit held; 404 for an unknown code")
    TenantUsage apiOne(@PathVariable String code) {
        return TenantUsage.of(table.row(UserService.current(), code));
    }

    @GetMapping("/api/v1/admin/tenants.csv")
    @Operation(summary = "The departments table as CSV (UTF-8 with BOM, formula-safe), same sort parameter; "
            + "audited as an export")
    ResponseEntity<byte[]> apiCsv(@RequestParam(required = false) String sort, Locale locale) {
        return csv(sort, locale);
    }

    private ResponseEntity<byte[]> csv(String sort, Locale locale) {
        byte[] file = table.csv(UserService.current(), TenantSort.parse(sort), locale);
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("tenants-usage.csv").build().toString())
                .body(file);
    }
}
