package dev.proximity.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.proximity.datasource.PrimaryAfterCommitReads;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance that has fallen behind: within reach it applies the log entries it missed; further behind than
 * {@code maxBatchEntries}, or behind entries that were pruned, it reloads everything, and either way ends with
 * exactly the businesses the database has. The instance under test is a second feed and state over the test
 * context's database, read only when the test says so.
 */
@ApiIntegrationTest
class ChangeFeedReloadTests {

    @LocalServerPort
    int port;

    @Autowired
    ChangeLogReader reader;

    @Autowired
    BusinessRows rows;

    @Autowired
    PrimaryAfterCommitReads primary;

    ApiClient api;
    ApiClient.Owner owner;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        owner = api.newOwner();
    }

    @Test
    void withinReachItAppliesTheMissedEntries() {
        ChangeFeed behind = feed(100);
        List<Long> ids = create(3);
        behind.readOnce();
        assertThat(behind.reloads()).isZero();
        ids.forEach(id -> assertThat(state(behind).current().find(id)).isNotNull());
        assertThat(api.delete("/v1/businesses/" + ids.get(0), owner.auth()).status()).isEqualTo(204);
        behind.readOnce();
        assertThat(state(behind).current().find(ids.get(0))).isNull();
        assertThat(behind.lag()).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void furtherBehindThanAllowedItReloadsEverything() {
        ChangeFeed behind = feed(2);
        List<Long> ids = create(3);
        behind.readOnce();
        assertThat(behind.reloads()).isEqualTo(1);
        ids.forEach(id -> assertThat(state(behind).current().find(id)).isNotNull());
        assertThat(behind.appliedPosition()).isEqualTo(behind.headPosition());
    }

    @Test
    void behindPrunedEntriesItReloadsEverything() {
        ChangeFeed behind = feed(100);
        List<Long> ids = new ArrayList<>(create(2));
        // retention pruned every entry so far; one more write follows
        new JdbcTemplate(primary.dataSource()).update(
                "DELETE FROM business_change WHERE position <= (SELECT position FROM business_change_head)");
        ids.addAll(create(1));
        behind.readOnce();
        assertThat(behind.reloads()).isEqualTo(1);
        ids.forEach(id -> assertThat(state(behind).current().find(id)).isNotNull());
        // and a log that is empty after pruning, while the instance is behind its head, is no "nothing new"
        ChangeFeed emptied = feed(100);
        List<Long> more = create(1);
        new JdbcTemplate(primary.dataSource()).update("DELETE FROM business_change");
        emptied.readOnce();
        assertThat(emptied.reloads()).isEqualTo(1);
        assertThat(state(emptied).current().find(more.get(0))).isNotNull();
    }

    private final java.util.Map<ChangeFeed, SearchState> states = new java.util.IdentityHashMap<>();

    private ChangeFeed feed(long maxBatchEntries) {
        SearchState state = new SearchState(new CellChanges(), new CellKeys(16), 4096, Duration.ofSeconds(30),
                new Dictionary<>(rows::parseSchedule));
        ChangeFeed feed = new ChangeFeed(state, reader, rows, Duration.ofHours(1), maxBatchEntries);
        feed.reload(false);
        states.put(feed, state);
        return feed;
    }

    private SearchState state(ChangeFeed feed) {
        return states.get(feed);
    }

    private List<Long> create(int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ApiClient.Response created = api.postJson("/v1/businesses", "{\"name\":\"Behind " + i
                    + "\",\"category\":\"behind\",\"latitude\":" + (10 + i * 0.01) + ",\"longitude\":20}", owner.auth());
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            ids.add(Long.parseLong(created.json().get("id").asText()));
        }
        return ids;
    }
}
