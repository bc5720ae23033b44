package dev.runway.api.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RolloutHistoryTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aRolloutAbortedByItsAnalysisIsADeliveryCaughtBeforePromotionWithItsDecisionTimes() {
        var rollout = JSON.readTree("""
                {"service": "shop", "version": "v2", "commitTime": "2026-11-01T09:00:00Z",
                 "createdAt": "2026-11-01T10:00:00Z",
                 "strategy": {"steps": [{"type": "setWeight", "percent": 50}, {"type": "analyze"}]},
                 "transitions": [
                   {"at": "2026-11-01T10:00:01Z", "to": "PROGRESSING"},
                   {"at": "2026-11-01T10:05:00Z", "to": "ABORTING", "decision": "abort"},
                   {"at": "2026-11-01T10:05:00.300Z", "to": "ROLLED_BACK"}]}
                """);
        var delivery = RolloutHistory.delivery(rollout);
        assertThat(delivery.promotedAt()).isNull();
        assertThat(delivery.rollbackDecidedAt()).isEqualTo(Instant.parse("2026-11-01T10:05:00Z"));
        assertThat(delivery.rolledBackAt()).isEqualTo(Instant.parse("2026-11-01T10:05:00.300Z"));
        assertThat(delivery.analysisArmed()).isTrue();
        assertThat(delivery.commitTime()).isEqualTo(Instant.parse("2026-11-01T09:00:00Z"));
    }

    @Test
    void aPromotedReleaseRevertedInOneStepCountsItsRevertAsTheDecision() {
        var rollout = JSON.readTree("""
                {"service": "shop", "createdAt": "2026-11-01T10:00:00Z", "strategy": {"steps": []},
                 "transitions": [
                   {"at": "2026-11-01T11:00:00Z", "to": "PROMOTED"},
                   {"at": "2026-11-01T12:00:00Z", "to": "ROLLED_BACK"}]}
                """);
        var delivery = RolloutHistory.delivery(rollout);
        assertThat(delivery.promotedAt()).isEqualTo(Instant.parse("2026-11-01T11:00:00Z"));
        assertThat(delivery.rollbackDecidedAt()).isEqualTo(delivery.rolledBackAt());
        assertThat(delivery.analysisArmed()).isFalse();
    }
}
