package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.http.ArgType;
import io.vsip4x.simulator.http.Call;
import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.inventory.Image;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.inventory.Pool;
import io.vsip4x.simulator.inventory.Template;
import io.vsip4x.simulator.lifecycle.Templates;
import io.vsip4x.simulator.state.BuiltTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code searchTemplateList}, {@code syncVmTemplate} and {@code searchInstallImages}. The
 * templates are the inventory's and those {@code buildTemplate} made.
 */
public final class TemplateMethods {

    private static final String TEMPLATE_EXISTS = "1";
    private static final String TEMPLATE_MISSING = "2";

    private final Inventory inventory;
    private final Templates templates;

    public TemplateMethods(Inventory inventory, Templates templates) {
        this.inventory = inventory;
        this.templates = templates;
    }

    /** Serves this group's methods through {@code registry}. */
    public void registerIn(MethodRegistry registry) {
        registry.register("searchTemplateList", this::searchTemplateList, ArgType.MAP);
        registry.register("searchInstallImages", this::searchInstallImages, ArgType.MAP);
        registry.register("syncVmTemplate", this::syncVmTemplate, ArgType.STRING);
    }

    /**
     * Whether template {@code templateId} exists: {@code result} 0 and {@code status} 1 with
     * {@code info.diskSize} (bytes), or {@code status} 2 and no {@code info} for an unknown or
     * blank id. The catalog does not say what else a sync does; the simulator only checks.
     */
    private Object syncVmTemplate(Call call) {
        Optional<Template> template = templates.find(call.string(0).trim());
        Map<String, Object> answer = Answers.result(Answers.OK);
        answer.put("status", template.isPresent() ? TEMPLATE_EXISTS : TEMPLATE_MISSING);
        template.ifPresent(t -> answer.put("info", Map.of("diskSize", Long.toString(t.diskBytes()))));
        return answer;
    }

    /**
     * The templates matching {@code templateId} and available in pool {@code repoName} (id or
     * name; {@code repName} accepted), when given. A bare list.
     */
    private Object searchTemplateList(Call call) {
        Params p = new Params(call.map(0));
        String templateId = p.text("templateId");
        String poolRef = p.text("repoName", "repName");
        Optional<String> poolId = inventory.pool(poolRef).map(Pool::id);
        return templates.all().stream()
                .filter(t -> templateId == null || t.id().equals(templateId))
                .filter(t -> poolRef == null || poolId.filter(t::availableIn).isPresent())
                .map(this::templateRow)
                .toList();
    }

    /**
     * A template in the spec's keys; a built one adds the options it was built with, in
     * {@code buildTemplate}'s keys ({@code vmEncrypt}, {@code encrypt_fmt}, {@code chksum}).
     */
    private Map<String, Object> templateRow(Template template) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("templateId", template.id());
        row.put("cpuArch", template.cpuArch());
        row.put("cpuNum", Integer.toString(template.cpuNum()));
        row.put("osBits", template.osBits());
        row.put("osFamily", template.osFamily());
        row.put("osType", template.osType());
        row.put("memSize", Long.toString(template.memoryBytes()));
        row.put("diskSize", Long.toString(template.diskBytes()));
        row.put("vncPassword", template.vncPassword());
        row.put("vm.classification", template.classification());
        templates.built(template.id()).ifPresent(built -> buildOptions(row, built));
        return row;
    }

    private static void buildOptions(Map<String, Object> row, BuiltTemplate built) {
        row.put("vmEncrypt", Boolean.toString(built.encryption() != null));
        if (built.encryption() != null) {
            row.put("encrypt_fmt", built.encryption());
        }
        row.put("chksum", Boolean.toString(built.checksum()));
    }

    /** The images whose OS type or family is {@code type} (any case), or all of them. */
    private Object searchInstallImages(Call call) {
        String type = new Params(call.map(0)).text("type");
        List<Map<String, Object>> rows = inventory.images().stream()
                .filter(i -> type == null || i.type().equalsIgnoreCase(type) || i.family().equalsIgnoreCase(type))
                .map(TemplateMethods::imageRow)
                .toList();
        return Answers.data(Answers.OK, rows);
    }

    private static Map<String, Object> imageRow(Image image) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", image.id());
        row.put("name", image.name());
        row.put("description", image.description());
        row.put("bits", image.bits());
        row.put("repository", image.poolId());
        row.put("type", image.type());
        row.put("family", image.family());
        row.put("version", image.version());
        row.put("fullpath", image.fullpath());
        return row;
    }
}
