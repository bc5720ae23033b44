package dev.runway.flags.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.flags.engine.model.FlagState;
import dev.runway.flags.engine.model.Serve;
import dev.runway.flags.ruleset.ScheduleDecision.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScheduleDecisionTest {
    private static final Instant DUE = Instant.parse("2030-01-01T09:00:00Z");
    private static final ScheduledChange OFF = new ScheduledChange.SetState(FlagState.OFF);
    private static final ScheduledChange KILL = new ScheduledChange.SetState(FlagState.KILLED);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a second early: wait", Status.SCHEDULED, DUE.minusSeconds(1), OFF, false, false, "Wait"),
                Arguments.of("exactly due: apply", Status.SCHEDULED, DUE, OFF, false, false, "Apply"),
                Arguments.of(
                        "overdue (replica was down): apply",
                        Status.SCHEDULED,
                        DUE.plusSeconds(3600),
                        OFF,
                        false,
                        false,
                        "Apply"),
                Arguments.of("guarded and approved: apply", Status.SCHEDULED, DUE, OFF, true, true, "Apply"),
                Arguments.of("guarded since, never approved: fail", Status.SCHEDULED, DUE, OFF, true, false, "FAILED"),
                Arguments.of("guarded since, a kill: apply", Status.SCHEDULED, DUE, KILL, true, false, "Apply"),
                Arguments.of(
                        "still awaiting approval when due: expire",
                        Status.AWAITING_APPROVAL,
                        DUE,
                        OFF,
                        true,
                        false,
                        "EXPIRED"),
                Arguments.of(
                        "awaiting approval, not due: wait",
                        Status.AWAITING_APPROVAL,
                        DUE.minusSeconds(1),
                        OFF,
                        true,
                        false,
                        "Wait"),
                Arguments.of("already applied: wait", Status.APPLIED, DUE, OFF, false, false, "Wait"),
                Arguments.of("cancelled: wait", Status.CANCELLED, DUE, OFF, false, false, "Wait"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesFromStatusTimeAndApproval(
            String name,
            Status status,
            Instant now,
            ScheduledChange change,
            boolean guarded,
            boolean approved,
            String expected) {
        ScheduleDecision decision = ScheduleDecision.at(status, DUE, now, change, guarded, approved);
        String actual =
                switch (decision) {
                    case ScheduleDecision.Wait wait -> "Wait";
                    case ScheduleDecision.Apply apply -> "Apply";
                    case ScheduleDecision.Close(Status closed, String reason) -> closed.name();
                };
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void onlyAKillSkipsApprovalInAGuardedEnvironment() {
        assertThat(KILL.needsApprovalIn(true)).isFalse();
        assertThat(OFF.needsApprovalIn(true)).isTrue();
        assertThat(new ScheduledChange.SetState(FlagState.ON).needsApprovalIn(false))
                .isFalse();
        assertThat(new ScheduledChange.SetEnvironment(EnvironmentConfig.OFF).needsApprovalIn(true))
                .isTrue();
    }

    @Test
    void aScheduledRolloutIsAppliedToTheDocumentAsItIsWhenDue() {
        FlagDocument flag =
                new FlagDocument("f", null, null, Map.of("on", true, "off", false), "on", "off", null, null, Map.of());
        ScheduledChange twenty = new ScheduledChange.SetRollout(
                "account", List.of(new Serve.Weight("on", 2000), new Serve.Weight("off", 8000)));
        FlagDocument meanwhile = flag.with("production", EnvironmentConfig.OFF.withState(FlagState.ON));
        FlagDocument applied = twenty.applyTo(meanwhile, "production");
        assertThat(applied.in("production").state())
                .as("kept from the later document")
                .isEqualTo(FlagState.ON);
        assertThat(applied.in("production").rollout().weights())
                .containsExactly(new Serve.Weight("on", 2000), new Serve.Weight("off", 8000));
        assertThat(applied.in("production").rollout().bucketBy()).isEqualTo("account");
        assertThat(twenty.action()).isEqualTo("flag.rollout-set");
        assertThat(KILL.action()).isEqualTo("flag.killed");
    }
}
