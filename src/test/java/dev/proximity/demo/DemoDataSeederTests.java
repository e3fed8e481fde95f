package dev.proximity.demo;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** In the embedded mode an empty database is seeded once, around real cities. */
@SpringBootTest(properties = {"proximity.demo.enabled=true", "proximity.demo.businesses=3000"})
class DemoDataSeederTests {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DemoDataSeeder seeder;

    @Test
    void seedsTheEmptyDatabaseOnceAtStartUp() {
        Map<String, Object> seeded = jdbc.queryForMap("""
                SELECT count(*) AS businesses, count(DISTINCT b.owner_id) AS owners,
                       count(DISTINCT b.city) AS cities, count(DISTINCT b.category) AS categories,
                       bool_and(o.email = ?) AS all_demo, bool_and(b.country ~ '^[A-Z]{2}$') AS countries_ok,
                       bool_and(length(b.geohash) = 12) AS cells_ok
                FROM business b JOIN owner o ON o.id = b.owner_id""", DemoDataSeeder.DEMO_OWNER_EMAIL);
        assertThat(seeded.get("businesses")).isEqualTo(3000L);
        assertThat(seeded.get("owners")).isEqualTo(1L);
        assertThat((Long) seeded.get("cities")).isGreaterThan(500L);
        assertThat((Long) seeded.get("categories")).isEqualTo(20L);
        assertThat(seeded.get("all_demo")).isEqualTo(true);
        assertThat(seeded.get("countries_ok")).isEqualTo(true);
        assertThat(seeded.get("cells_ok")).isEqualTo(true);

        seeder.run(new DefaultApplicationArguments()); // a restart finds data and adds nothing
        assertThat(jdbc.queryForObject("SELECT count(*) FROM business", Long.class)).isEqualTo(3000L);
    }
}
