package io.vsip4x.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.sdk.model.HostInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the typed methods read answers of the wrong shape, whichever client made the call: a
 * client that answers every call with one given value stands in for the transport.
 */
class AnswerShapeTest {

    @Test
    void aListWithEntriesThatAreNotMapsIsAProtocolErrorNotAShorterList() {
        Vsip4xClient client = answering(Arrays.asList(1, 2, "x", null));

        assertThatThrownBy(() -> client.searchHostList(Map.of()))
                .isInstanceOfSatisfying(Vsip4xProtocolException.class,
                        e -> assertThat(e.method()).isEqualTo("searchHostList"))
                .hasMessageContaining("not maps");
    }

    @Test
    void aDataListWithEntriesThatAreNotMapsIsAProtocolErrorToo() {
        Vsip4xClient client = answering(Map.of("result", "0", "data", List.of("host-01")));

        assertThatThrownBy(() -> client.searchHostList(Map.of())).isInstanceOf(Vsip4xProtocolException.class);
    }

    @Test
    void noAnswerWhereAListIsExpectedIsAProtocolError() {
        assertThatThrownBy(() -> answering(null).searchHostList(Map.of())).isInstanceOf(Vsip4xProtocolException.class)
                .hasMessageContaining("no list");
    }

    @Test
    void aWellFormedListIsRead() {
        Vsip4xClient client = answering(List.of(Map.of("hostId ", "host-01", "host.online", "true")));

        assertThat(client.searchHostList(Map.of())).extracting(HostInfo::hostId).containsExactly("host-01");
    }

    private static Vsip4xClient answering(Object answer) {
        return new AbstractVsip4xClient() {
            @Override
            public Object call(String method, Object... args) {
                return answer instanceof Map<?, ?> map ? SdkMaps.trimKeys(map)
                        : answer instanceof List<?> list ? list.stream()
                                .map(item -> item instanceof Map<?, ?> m ? SdkMaps.trimKeys(m) : item).toList()
                        : answer;
            }
        };
    }
}
