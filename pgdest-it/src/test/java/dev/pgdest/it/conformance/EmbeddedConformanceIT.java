package dev.pgdest.it.conformance;

import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import dev.pgdest.testkit.DestinationConformanceSuite;
import dev.pgdest.testkit.PgdestVersions;

/**
 * The conformance suite on embedded servers of every supported major, 12 to 18, one at a time.
 * Narrow with {@code -Dpgdest.test.versions=17}; run against another backend with
 * {@code -Dpgdest.test.backend=external} (or {@code testcontainers}).
 */
@PgdestVersions
// Every test here waits on servers or threads: a deadlock fails instead of hanging the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EmbeddedConformanceIT extends DestinationConformanceSuite {}
