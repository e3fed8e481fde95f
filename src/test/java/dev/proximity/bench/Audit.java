package dev.proximity.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The write audit of {@code bench/fault-run.sh}: every write the load acknowledged with a 2xx must be in the
 * primary exactly once, as acknowledged. Inputs in the run's directory: {@code acked.tsv} from
 * {@link FaultLoad}, and {@code primary-businesses.csv} ({@code id,name,latitude,longitude}) and
 * {@code primary-idempotency.csv} ({@code key,business_id,status}) dumped from the primary with psql.
 */
final class Audit {

    private Audit() {
    }

    /** Prints the audit; true when nothing acknowledged was lost or duplicated. */
    static boolean run(Path dir) throws IOException {
        List<String[]> expected = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("acked.tsv"), StandardCharsets.UTF_8)) {
            expected.add(line.split("\t"));
        }
        if (expected.isEmpty()) {
            System.out.println("audit: no writes were attempted");
            return false;
        }
        String runPrefix = expected.get(0)[3].substring(0, expected.get(0)[3].lastIndexOf(' ') + 1);

        Map<String, List<String[]>> rowsByName = new HashMap<>();
        Map<String, String[]> rowsById = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("primary-businesses.csv"), StandardCharsets.UTF_8)) {
            String[] row = line.split(",", -1); // names are "Fault <run> <n>": no commas or quotes
            if (row[1].startsWith(runPrefix)) {
                rowsByName.computeIfAbsent(row[1], k -> new ArrayList<>()).add(row);
                rowsById.put(row[0], row);
            }
        }
        Map<String, String> businessByKey = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("primary-idempotency.csv"), StandardCharsets.UTF_8)) {
            String[] row = line.split(",", -1);
            businessByKey.put(row[0], row[1]);
        }

        int acked = 0, present = 0, deleted = 0, uncertain = 0, unacked = 0, unackedStored = 0;
        List<String> lost = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        for (String[] e : expected) {
            String kind = e[0], id = e[1], key = e[2], name = e[3], state = e[4];
            List<String[]> rows = rowsByName.getOrDefault(name, List.of());
            if (rows.size() > 1) {
                duplicated.add(name + " (" + rows.size() + " rows)");
            }
            if (kind.equals("unacked")) {
                unacked++;
                unackedStored += rows.isEmpty() ? 0 : 1;
                continue;
            }
            acked++;
            String keyBusiness = businessByKey.get(key);
            if (keyBusiness != null && !keyBusiness.isEmpty() && !keyBusiness.equals(id)) {
                duplicated.add(key + " stores business " + keyBusiness + " but the client was given " + id);
            }
            String[] row = rowsById.get(id);
            switch (state) {
                case "present" -> {
                    present++;
                    if (row == null) {
                        lost.add(id + " " + name + ": acknowledged, missing");
                    } else if (Double.parseDouble(row[2]) != Double.parseDouble(e[5])
                            || Double.parseDouble(row[3]) != Double.parseDouble(e[6])) {
                        lost.add(id + " " + name + ": at " + row[2] + "," + row[3] + ", acknowledged at " + e[5] + "," + e[6]);
                    }
                }
                case "deleted" -> {
                    deleted++;
                    if (row != null) {
                        lost.add(id + " " + name + ": delete acknowledged, still there");
                    }
                }
                default -> uncertain++; // a later write was never acknowledged: present or not, once at most
            }
        }
        int strays = 0;
        for (List<String[]> rows : rowsByName.values()) {
            for (String[] row : rows) {
                strays += expected.stream().anyMatch(e -> e[3].equals(row[1])) ? 0 : 1;
            }
        }

        System.out.printf("audit: %d acknowledged creates (%d expected present, %d acknowledged deleted, %d with a "
                + "later unacknowledged write); %d creates never acknowledged, %d of them stored once%n",
                acked, present, deleted, uncertain, unacked, unackedStored);
        System.out.printf("audit: lost or wrong acknowledged writes: %d; duplicated: %d; rows nobody attempted: %d%n",
                lost.size(), duplicated.size(), strays);
        lost.stream().limit(20).forEach(l -> System.out.println("  lost: " + l));
        duplicated.stream().limit(20).forEach(d -> System.out.println("  duplicate: " + d));
        return lost.isEmpty() && duplicated.isEmpty() && strays == 0;
    }
}
