package dev.pgdest.it.conformance;

import dev.pgdest.testkit.DestinationConformanceSuite;
import dev.pgdest.testkit.PgdestVersions;

/**
 * The conformance suite on embedded servers of every supported major, 12 to 18, one at a time.
 * Narrow with {@code -Dpgdest.test.versions=17}; run against another backend with
 * {@code -Dpgdest.test.backend=external} (or {@code testcontainers}).
 */
@PgdestVersions
class EmbeddedConformanceIT extends DestinationConformanceSuite {}
