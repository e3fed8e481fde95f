package dev.proximity.datasource;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReplicationLagTests {

    static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void parsesPgLsnText() {
        assertThat(WalPosition.parse("0/0")).isZero();
        assertThat(WalPosition.parse("0/18F6368")).isEqualTo(0x18F6368L);
        assertThat(WalPosition.parse("16/B374D848")).isEqualTo((0x16L << 32) | 0xB374D848L);
        assertThat(WalPosition.parse(null)).isEqualTo(-1);
        assertThatIllegalArgumentException().isThrownBy(() -> WalPosition.parse("18F6368"));
    }

    @Test
    void aReplicaThatReplayedEverythingSeenHasNoLagHoweverLongThePrimaryIdles() {
        ReplicationLag lag = new ReplicationLag();
        lag.primaryAt(100, 0);
        lag.primaryAt(100, 3600 * SECOND); // an idle hour: the position did not move
        // pg_last_xact_replay_timestamp() would say an hour here
        assertThat(lag.of(100, 3600 * SECOND)).isEqualTo(Duration.ZERO);
    }

    @Test
    void lagIsTheAgeOfTheOldestPrimaryPositionNotYetReplayed() {
        ReplicationLag lag = new ReplicationLag();
        lag.primaryAt(100, 0);
        lag.primaryAt(200, 2 * SECOND);
        lag.primaryAt(300, 3 * SECOND);
        assertThat(lag.of(150, 10 * SECOND)).isEqualTo(Duration.ofSeconds(8)); // lacks what existed at t=2 s
        assertThat(lag.of(250, 10 * SECOND)).isEqualTo(Duration.ofSeconds(7));
        assertThat(lag.of(300, 10 * SECOND)).isEqualTo(Duration.ZERO);
        assertThat(lag.of(99, 10 * SECOND)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aPausedReplicaLagsMoreEveryCheckWhileThePrimaryWrites() {
        ReplicationLag lag = new ReplicationLag();
        lag.primaryAt(100, 0);
        Duration previous = Duration.ZERO;
        for (int s = 1; s <= 5; s++) {
            lag.primaryAt(100 + s, s * SECOND);
            Duration now = lag.of(100, s * SECOND + SECOND / 2);
            assertThat(now).isGreaterThan(previous);
            previous = now;
        }
        assertThat(previous).isEqualTo(Duration.ofMillis(4500)); // first unreplayed position was seen at t=1 s
    }

    @Test
    void withThePrimaryDownAReplicaKeepsTheLagOfWhatItMissed() {
        ReplicationLag lag = new ReplicationLag();
        lag.primaryAt(100, 0);
        lag.primaryAt(200, SECOND);
        // no more samples: the primary is gone
        assertThat(lag.of(200, 60 * SECOND)).isEqualTo(Duration.ZERO);
        assertThat(lag.of(150, 60 * SECOND)).isEqualTo(Duration.ofSeconds(59));
    }

    @Test
    void withoutAnyPrimaryPositionALagIsUnknownAndCountsAsNone() {
        ReplicationLag lag = new ReplicationLag();
        assertThat(lag.knowsPrimary()).isFalse();
        assertThat(lag.of(0, SECOND)).isEqualTo(Duration.ZERO);
    }
}
