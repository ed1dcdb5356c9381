package io.tessera.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one history difference {@link KillAndRestartTest} tolerates: a stretch of changes applied a second time. */
class RedeliveryShapeTest {

    @Test
    void aStretchAppliedAgainRightAfterItselfIsTheRedeliveryShape() {
        assertThat(KillAndRestartTest.isOneStretchAppliedTwice(List.of("v0", "v1", "v2", "v1", "v2"),
                List.of("v0", "v1", "v2"))).isTrue();
        assertThat(KillAndRestartTest.isOneStretchAppliedTwice(List.of("v0", "v1", "v2", "v2", "v3"),
                List.of("v0", "v1", "v2", "v3"))).isTrue();
    }

    @Test
    void aLostAReorderedOrAForeignChangeIsNot() {
        assertThat(KillAndRestartTest.isOneStretchAppliedTwice(List.of("v0", "v2"), List.of("v0", "v1", "v2")))
                .as("lost").isFalse();
        assertThat(KillAndRestartTest.isOneStretchAppliedTwice(List.of("v0", "v2", "v1"), List.of("v0", "v1", "v2")))
                .as("reordered").isFalse();
        assertThat(KillAndRestartTest.isOneStretchAppliedTwice(List.of("v0", "v1", "vX", "v2"),
                List.of("v0", "v1", "v2"))).as("a version that never was").isFalse();
        assertThat(KillAndRestartTest.isOneStretchAppliedTwice(List.of("v0", "v1", "v0", "v2"),
                List.of("v0", "v1", "v2"))).as("an older stretch, not the one just applied").isFalse();
    }
}
