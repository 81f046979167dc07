package io.vsip4x.portal.requests;

import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.Resource;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * How pages show the limits a quota request asks for ({@code ${@quotaLimitsText.entries(json)}}):
 * one entry per resource, labelled by the page with {@code quota.resource.KEY}.
 */
@Component
public class QuotaLimitsText {

    /** One limit: the resource's API key and the amount. */
    public record Entry(String key, long amount) {
    }

    private final JsonMapper json;

    QuotaLimitsText(JsonMapper json) {
        this.json = json;
    }

    /** The limits in {@code limitsJson} (as a quota request stores them), in the resources' order. */
    public List<Entry> entries(String limitsJson) {
        Quota limits = json.readValue(limitsJson, Quota.class);
        return Arrays.stream(Resource.values()).map(r -> new Entry(r.key(), limits.get(r))).toList();
    }
}
