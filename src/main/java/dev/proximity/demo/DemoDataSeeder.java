package dev.proximity.demo;

import dev.proximity.account.OwnerService;
import dev.proximity.business.BusinessImportService;
import dev.proximity.embedded.EmbeddedServers;
import dev.proximity.geo.LatLng;
import dev.proximity.web.MapProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Fills an empty database with demo businesses when the app runs on its embedded servers, so a first-time
 * user sees a populated map. Never runs against a configured (production) database.
 */
@Component
class DemoDataSeeder implements ApplicationRunner {

    static final String DEMO_OWNER_EMAIL = "demo@proximity.invalid";

    private static final Logger log = LoggerFactory.getLogger(DemoDataSeeder.class);

    private final DemoProperties properties;
    private final MapProperties map;
    private final ObjectProvider<EmbeddedServers> embedded;
    private final JdbcTemplate jdbc;
    private final OwnerService owners;
    private final BusinessImportService imports;

    DemoDataSeeder(DemoProperties properties, MapProperties map, ObjectProvider<EmbeddedServers> embedded,
            JdbcTemplate jdbc, OwnerService owners, BusinessImportService imports) {
        this.properties = properties;
        this.map = map;
        this.embedded = embedded;
        this.jdbc = jdbc;
        this.owners = owners;
        this.imports = imports;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled() || embedded.getIfAvailable() == null) {
            return;
        }
        Boolean empty = jdbc.queryForObject("SELECT NOT EXISTS (SELECT 1 FROM business)", Boolean.class);
        if (!Boolean.TRUE.equals(empty)) {
            return;
        }
        long started = System.nanoTime();
        long ownerId = owners.systemOwner(DEMO_OWNER_EMAIL, "Proximity demo data");
        long seeded = imports.importRequests(ownerId, businesses());
        log.info("Seeded {} demo businesses around real cities in {} ms (proximity.demo.enabled=false turns this off)",
                seeded, (System.nanoTime() - started) / 1_000_000);
    }

    /** What {@link #run} seeds with these settings. */
    DemoBusinesses businesses() {
        CityCatalog cities = CityCatalog.load();
        LatLng centre = LatLng.ofDegrees(map.defaultCenter().latitude(), map.defaultCenter().longitude());
        return new DemoBusinesses(cities, DemoBusinessFactory.load(),
                DemoBusinesses.cores(cities, properties.largestCities(), centre), properties.neighbourhood(),
                properties.businesses(), properties.seed());
    }
}
