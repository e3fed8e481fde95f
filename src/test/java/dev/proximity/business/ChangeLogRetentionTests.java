package dev.proximity.business;

import dev.proximity.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Retention prunes exactly the change log entries older than the horizon (one day by default). */
@ApiIntegrationTest
class ChangeLogRetentionTests {

    @Autowired
    ChangeLogRetention retention;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void prunesEntriesOlderThanTheRetentionAndKeepsTheRest() {
        long old = jdbc.queryForObject("SELECT log_business_change(8000000001)", Long.class);
        long recent = jdbc.queryForObject("SELECT log_business_change(8000000002)", Long.class);
        jdbc.update("UPDATE business_change SET committed_at = now() - interval '25 hours' WHERE position = ?", old);
        retention.prune();
        assertThat(jdbc.queryForList("SELECT position FROM business_change WHERE position IN (?, ?)", Long.class,
                old, recent)).containsExactly(recent);
    }
}
