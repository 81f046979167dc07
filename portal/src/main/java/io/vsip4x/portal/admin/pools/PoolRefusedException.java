package io.vsip4x.portal.admin.pools;

import io.vsip4x.portal.web.PortalException;
import org.springframework.http.HttpStatus;

/**
 * The platform lists a pool but refuses to describe it ({@code getRepositoryInfo} or
 * {@code getRepositoryMonitor} answered a non-zero code): not a pool that does not exist, but the
 * platform unavailable for it. Answered 503 with the platform's code; the page shows its note instead.
 */
class PoolRefusedException extends PortalException {

    PoolRefusedException(String repoId, String code) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "pools.error.refused", code, repoId, code);
    }
}
