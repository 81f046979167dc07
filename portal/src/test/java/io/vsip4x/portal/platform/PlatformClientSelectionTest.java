package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.sdk.Vsip4xSettings;
import io.vsip4x.sdk.http.HttpVsip4xClient;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** The choice of the platform client by {@code portal.platform.client}, without an application context. */
class PlatformClientSelectionTest {

    private static final Vsip4xSettings SETTINGS = new Vsip4xSettings("127.0.0.1",
            URI.create("http://127.0.0.1:10000/vsip4x"), "portal", "site-password", null, null, null, null);

    @Test
    void usesTheHttpBindingUnlessTheVendorSdkIsChosen() {
        assertThat(bind(Map.of()).client()).isEqualTo(PlatformProperties.Client.HTTP);
        assertThat(bind(Map.of("portal.platform.client", "vendor-sdk")).client())
                .isEqualTo(PlatformProperties.Client.VENDOR_SDK);
        assertThat(PlatformClient.create(PlatformProperties.Client.HTTP, SETTINGS, PlatformClient.classLoader()))
                .isInstanceOf(HttpVsip4xClient.class);
    }

    @Test
    void refusesToStartWithTheVendorSdkWhenItsClassIsNotOnTheClassPath() {
        // The portal's test class path has no com.wisersoft.sdk.WSSdkImpl.
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test",
                    Map.of("portal.platform.client", "vendor-sdk")));

            assertThatThrownBy(() -> new PlatformSettingsCheck().initialize(context))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("portal.platform.client")
                    .hasMessageContaining("com.wisersoft.sdk.WSSdkImpl is not there");
        }
        assertThatThrownBy(() -> PlatformClient.create(PlatformProperties.Client.VENDOR_SDK, SETTINGS,
                PlatformClient.classLoader()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("site-password");
    }

    @Test
    void startsWithTheHttpBindingWithoutTheVendorsClass() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            assertThatNoException().isThrownBy(() -> new PlatformSettingsCheck().initialize(context));
        }
    }

    private static PlatformProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("portal.platform", PlatformProperties.class);
    }
}
