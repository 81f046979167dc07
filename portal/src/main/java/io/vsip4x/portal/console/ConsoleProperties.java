package io.vsip4x.portal.console;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The consoles' settings ({@code portal.console.*}).
 *
 * @param guacdHost           guacd's address; the embedded default points it at the simulator's
 * @param guacdPort           guacd's port; 0 in the embedded default means "the simulator's"
 * @param tokenTtl            how long a one-time console token may wait for its tunnel
 * @param maxPerUser          how many consoles one person may have open at once
 * @param platformAdmins      whether platform admins get consoles of tenants' VMs
 * @param viewersViewOnly     whether auditors and approvers get view-only consoles of the VMs they see
 * @param keepAlive           how often an idle tunnel sends the browser a no-op (below a proxy's 60 s)
 * @param browserSilence      how long the browser may stay silent before its tunnel is closed
 * @param guacdSilence        how long guacd may stay silent before the tunnel is closed
 * @param sweep               how often open consoles are checked (session, access, end requests)
 * @param recordingDir        where recordings are written; relative to the data folder when relative
 * @param leaseTtl            how long a native-client link's lease lasts without renewal
 * @param leaseMax            the longest a native-client link's lease can be renewed to
 * @param shareMax            the longest a view-only share may last
 */
@ConfigurationProperties("portal.console")
public record ConsoleProperties(
        @DefaultValue("127.0.0.1") String guacdHost,
        @DefaultValue("0") int guacdPort,
        @DefaultValue("15s") Duration tokenTtl,
        @DefaultValue("3") int maxPerUser,
        @DefaultValue("false") boolean platformAdmins,
        @DefaultValue("false") boolean viewersViewOnly,
        @DefaultValue("20s") Duration keepAlive,
        @DefaultValue("15s") Duration browserSilence,
        @DefaultValue("15s") Duration guacdSilence,
        @DefaultValue("1s") Duration sweep,
        @DefaultValue("console-recordings") String recordingDir,
        @DefaultValue("5m") Duration leaseTtl,
        @DefaultValue("12h") Duration leaseMax,
        @DefaultValue("8h") Duration shareMax) {
}
