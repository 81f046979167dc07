package io.vsip4x.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Background work takes a correlation id for its span and gives the previous one back. */
class CorrelationTest {

    @Test
    void aScopeRestoresTheIdBeforeItAndANullIdKeepsTheCurrentOne() {
        assertThat(Correlation.current()).isNull();
        try (Correlation.Scope outer = Correlation.open("outer")) {
            try (Correlation.Scope inner = Correlation.open("inner")) {
                assertThat(Correlation.current()).isEqualTo("inner");
            }
            assertThat(Correlation.current()).isEqualTo("outer");
            try (Correlation.Scope none = Correlation.open(null)) {
                assertThat(Correlation.current()).isEqualTo("outer");
            }
            assertThat(Correlation.current()).isEqualTo("outer");
        }
        assertThat(Correlation.current()).isNull();
        assertThat(Correlation.newId()).hasSize(36).isNotEqualTo(Correlation.newId());
    }
}
