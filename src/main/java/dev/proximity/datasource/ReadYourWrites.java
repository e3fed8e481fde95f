package dev.proximity.datasource;

import java.util.function.BooleanSupplier;

/**
 * Whether the request on this thread must read from the primary (its owner wrote recently). The answer is
 * asked for lazily, at most once per request, and only when a read-only transaction is about to pick a
 * replica, so requests that never read the database cost no Redis round trip.
 */
final class ReadYourWrites {

    private static final ThreadLocal<BooleanSupplier> PRIMARY_REQUIRED = new ThreadLocal<>();

    private ReadYourWrites() {
    }

    static boolean primaryRequired() {
        BooleanSupplier decision = PRIMARY_REQUIRED.get();
        return decision != null && decision.getAsBoolean();
    }

    /** Runs {@code body} with reads decided by {@code decision} (evaluated once, on first need). */
    static void runWith(BooleanSupplier decision, ThrowingRunnable body) throws Exception {
        BooleanSupplier previous = PRIMARY_REQUIRED.get();
        PRIMARY_REQUIRED.set(memoized(decision));
        try {
            body.run();
        } finally {
            if (previous == null) {
                PRIMARY_REQUIRED.remove();
            } else {
                PRIMARY_REQUIRED.set(previous);
            }
        }
    }

    private static BooleanSupplier memoized(BooleanSupplier decision) {
        return new BooleanSupplier() {
            private Boolean answer;

            @Override
            public boolean getAsBoolean() {
                if (answer == null) {
                    answer = decision.getAsBoolean();
                }
                return answer;
            }
        };
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
