package io.vsip4x.portal.platform;

import io.vsip4x.sdk.vendor.ReflectiveVsip4xClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Checks the platform settings before anything else starts (a database, a web server), so that
 * a production start with the demo secrets, or with the vendor's SDK client but without the
 * vendor's jar, fails at once with the reason, not after the database was reached. Registered in
 * {@code META-INF/spring.factories}.
 */
public class PlatformSettingsCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(PlatformSettingsCheck.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        PlatformProperties properties = Binder.get(context.getEnvironment())
                .bindOrCreate("portal.platform", PlatformProperties.class);
        checkVendorSdk(properties, PlatformClient.classLoader());
    }

    /**
     * Fails when {@code portal.platform.client} is {@code vendor-sdk} but the vendor's SDK class
     * cannot be found through {@code loader}.
     */
    static void checkVendorSdk(PlatformProperties properties, ClassLoader loader) {
        boolean vendorSdk = properties.client() == PlatformProperties.Client.VENDOR_SDK;
        if (vendorSdk && !ReflectiveVsip4xClient.isAvailable(loader)) {
            log.error("portal.platform.client is vendor-sdk, but the vendor's SDK class {} is not on the class "
                    + "path; the portal does not start", ReflectiveVsip4xClient.SDK_CLASS);
            throw new IllegalStateException("Set portal.platform.client to http, or put the vendor's SDK jar on the "
                    + "class path: portal.platform.client is vendor-sdk, but the class "
                    + ReflectiveVsip4xClient.SDK_CLASS + " is not there (docs/platform-binding.md, "
                    + "\"The vendor's SDK class\")");
        }
    }
}
