package io.vsip4x.portal.admin.catalog;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.platform.CatalogService;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.model.TemplateSync;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Asks the platform to sync a template ({@code syncVmTemplate}): whether it has it (status 1) or not
 * (status 2), and its disk size. Every attempt is audited as {@value #ACTION}: a refusal with the
 * platform's code, an id that cannot be a template's as refused with {@link #MALFORMED}.
 */
@Service
class TemplateSyncs {

    /** The audit action of a template sync. */
    static final String ACTION = "TEMPLATE_SYNC";
    private static final Logger log = LoggerFactory.getLogger(TemplateSyncs.class);
    private static final Pattern TEMPLATE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** The audit note of a sync refused for an id that cannot be a template's (nothing is sent). */
    static final String MALFORMED = "malformed id";
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final PlatformClient platform;
    private final CatalogService catalog;
    private final AuditService audit;

    TemplateSyncs(PlatformClient platform, CatalogService catalog, AuditService audit) {
        this.platform = platform;
        this.catalog = catalog;
        this.audit = audit;
    }

    /**
     * Syncs template {@code templateId}.
     *
     * @throws PortalException              400 for an id that cannot be a template's (nothing is sent);
     *                                      409 with the platform's code when it refuses
     * @throws PlatformUnavailableException when the platform cannot be reached
     */
    CatalogRows.Sync sync(String templateId) {
        if (templateId == null || !TEMPLATE_ID.matcher(templateId).matches()) {
            String shown = templateId == null ? "" : CONTROL.matcher(templateId).replaceAll("?");
            audit.event(ACTION).target("TEMPLATE", shown).params(AuditParams.of("templateId", templateId))
                    .result(AuditService.DENIED, null, MALFORMED).recordAlone();
            throw new PortalException(HttpStatus.BAD_REQUEST, "admin.templates.sync.badId", null).audited();
        }
        TemplateSync answer;
        try {
            answer = platform.call(c -> c.syncVmTemplate(templateId));
        } catch (Vsip4xException e) {
            log.warn("Could not sync template \"{}\": the platform did not answer", templateId, e);
            audit.event(ACTION).target("TEMPLATE", templateId).params("platform unreachable")
                    .result(AuditService.FAILURE, null, null).recordAlone();
            throw new PlatformUnavailableException(e);
        }
        if (!answer.result().ok()) {
            String code = answer.result().code();
            log.info("The platform refused to sync template \"{}\" with code {}", templateId, code);
            audit.event(ACTION).target("TEMPLATE", templateId).params("refused")
                    .result(AuditService.FAILURE, code, null).recordAlone();
            throw new PortalException(HttpStatus.CONFLICT, "admin.templates.sync.refused", code, templateId, code)
                    .audited();
        }
        String status = answer.result().get("status");
        audit.event(ACTION).target("TEMPLATE", templateId)
                .params("status=" + status + (answer.exists() ? " diskBytes=" + answer.diskBytes() : ""))
                .result(AuditService.SUCCESS, answer.result().code(), null).recordAlone();
        catalog.forget();
        return new CatalogRows.Sync(templateId, answer.exists(), status, answer.diskBytes());
    }
}
