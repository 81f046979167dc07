package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.http.ArgType;
import io.vsip4x.simulator.http.Call;
import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.lifecycle.TemplateBuilds;
import io.vsip4x.simulator.lifecycle.VmInstalls;
import java.util.Map;

/** {@code buildTemplate} (synchronous) and {@code installVm} (queued). */
public final class BuildMethods {

    private final TemplateBuilds builds;
    private final VmInstalls installs;

    public BuildMethods(TemplateBuilds builds, VmInstalls installs) {
        this.builds = builds;
        this.installs = installs;
    }

    /** Serves this group's methods through {@code registry}. */
    public void registerIn(MethodRegistry registry) {
        registry.register(TemplateBuilds.BUILD, this::buildTemplate, ArgType.STRING, ArgType.MAP);
        registry.register(VmInstalls.INSTALL, this::installVm, ArgType.MAP);
    }

    /**
     * Makes a template of a stopped VM; the answer carries the new template's id as
     * {@code templateId} beside {@code result}, as the spec gives no other way to learn it
     * (catalog A22). 2003 for a blank id or options other than {@code vmEncrypt} true/false,
     * {@code encrypt_fmt} sm4/aes when encrypting, {@code chksum} true/false; else the codes of
     * {@link TemplateBuilds#build}.
     */
    private Object buildTemplate(Call call) {
        String vmId = call.string(0).trim();
        if (vmId.isEmpty()) {
            throw new InvalidParamsException("vmId must not be blank");
        }
        Params options = new Params(call.map(1));
        String checksum = options.text("chksum");
        if (checksum != null && !checksum.equalsIgnoreCase("true") && !checksum.equalsIgnoreCase("false")) {
            throw new InvalidParamsException("chksum must be true or false");
        }
        TemplateBuilds.Outcome outcome = builds.build(vmId, CreateVmParser.encryption(options),
                "true".equalsIgnoreCase(checksum));
        Map<String, Object> answer = Answers.result(outcome.code());
        if (outcome.templateId() != null) {
            answer.put("templateId", outcome.templateId());
        }
        return answer;
    }

    /** Accepts the installation, or refuses it with 2003 (parameters) or the code of {@link VmInstalls#install}. */
    private Object installVm(Call call) {
        return Answers.result(installs.install(InstallVmParser.parse(call.map(0)), call.callbackUrl()));
    }
}
