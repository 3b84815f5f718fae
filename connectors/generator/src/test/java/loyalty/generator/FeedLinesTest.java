package loyalty.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import loyalty.contract.validation.EventValidator;
import loyalty.contract.validation.RejectReason;
import loyalty.contract.validation.Validation;
import loyalty.generator.feed.FeedLine;
import loyalty.generator.feed.FeedSource;
import loyalty.generator.truth.Manifest;
import loyalty.generator.truth.ManifestBuilder;
import loyalty.generator.truth.SourceCounts;
import org.junit.jupiter.api.Test;

/** Every feed line is what the manifest says it is, judged by the contract's own validator. */
class FeedLinesTest {
    private final GeneratedProgram program = Generated.standard();
    private final EventValidator validator = new EventValidator();

    @Test
    void everyValidLineIsAcceptedAndEveryPlantedLineIsRejectedWithItsExpectedReason() {
        for (FeedSource source : FeedSource.values()) {
            for (FeedLine line : program.feed(source)) {
                Validation outcome = validator.validate(line.bytes());
                if (line.kind() == FeedLine.Kind.MALFORMED) {
                    assertThat(outcome).as("%s line %d (%s): %s", source, line.lineNumber(), line.fault(), line.text())
                            .isInstanceOfSatisfying(Validation.Rejected.class,
                                    r -> assertThat(r.reason()).isEqualTo(line.reason()));
                } else {
                    assertThat(outcome).as("%s line %d: %s", source, line.lineNumber(), line.text())
                            .isInstanceOfSatisfying(Validation.Accepted.class, a -> {
                                assertThat(a.event().eventId()).isEqualTo(line.eventId());
                                assertThat(a.event().type()).isEqualTo(line.type());
                                assertThat(a.event().source()).isEqualTo(source.code());
                                assertThat(a.event().occurredAt()).isEqualTo(line.occurredAt());
                            });
                }
            }
        }
    }

    @Test
    void theManifestCountsAreWhatTheValidatorFindsInTheFiles() {
        Manifest manifest = program.manifest();
        for (FeedSource source : FeedSource.values()) {
            Map<String, Long> invalid = new LinkedHashMap<>();
            ManifestBuilder.PLANTED_REASONS.forEach(r -> invalid.put(r.code(), 0L));
            Map<String, Long> byType = new TreeMap<>();
            Set<String> seen = new HashSet<>();
            long duplicates = 0;
            for (FeedLine line : program.feed(source)) {
                Validation outcome = validator.validate(line.bytes());
                if (outcome instanceof Validation.Rejected r) {
                    invalid.merge(r.reason().code(), 1L, Long::sum);
                } else if (!seen.add(((Validation.Accepted) outcome).event().eventId())) {
                    duplicates++;
                } else {
                    byType.merge(((Validation.Accepted) outcome).event().type(), 1L, Long::sum);
                }
            }
            SourceCounts expected = manifest.source(source.code());
            assertThat(expected.lines()).isEqualTo(program.feed(source).size());
            assertThat(expected.invalid()).as(source.code()).isEqualTo(invalid);
            assertThat(expected.duplicates()).as(source.code()).isEqualTo(duplicates);
            assertThat(expected.byType()).as(source.code()).isEqualTo(byType);
            assertThat(expected.valid()).isEqualTo(seen.size());
        }
    }

    @Test
    void faultRatesAreRealisticAndEveryKindIsPlantedInEveryFeed() {
        for (FeedSource source : FeedSource.values()) {
            SourceCounts counts = program.manifest().source(source.code());
            assertThat(counts.invalid().values()).as(source.code()).allMatch(n -> n >= 1);
            double malformed = (double) counts.invalidTotal() / counts.lines();
            double redelivered = (double) counts.duplicates() / counts.lines();
            assertThat(malformed).as(source.code()).isBetween(0.002, 0.012);
            assertThat(redelivered).as(source.code()).isBetween(0.005, 0.015);
        }
    }

    @Test
    void eventIdsAreUniquePerSourceExceptExactRedeliveries() {
        for (FeedSource source : FeedSource.values()) {
            Map<String, FeedLine> first = new HashMap<>();
            for (FeedLine line : program.feed(source)) {
                assertThat(line.eventId()).startsWith(source.code() + "-");
                FeedLine earlier = first.putIfAbsent(line.eventId(), line);
                if (earlier != null) {
                    assertThat(line.kind()).isEqualTo(FeedLine.Kind.REDELIVERY);
                    assertThat(line.bytes()).isEqualTo(earlier.bytes());
                    assertThat(line.lineNumber()).isGreaterThan(earlier.lineNumber());
                } else {
                    assertThat(line.kind()).isNotEqualTo(FeedLine.Kind.REDELIVERY);
                }
            }
        }
    }

    /** Late till uploads are the planted exception to time order ({@link LateUploadsTest}). */
    @Test
    void realEventsAreInTimeOrderAndEveryMalformedLineFollowsItsOriginal() {
        for (FeedSource source : FeedSource.values()) {
            FeedLine previous = null;
            FeedLine previousOnTime = null;
            for (FeedLine line : program.feed(source)) {
                if (line.kind() == FeedLine.Kind.REDELIVERY) {
                    continue;
                }
                if (!line.uploadedLate()) {
                    if (previousOnTime != null) {
                        assertThat(line.occurredAt()).as(line.eventId()).isAfterOrEqualTo(previousOnTime.occurredAt());
                    }
                    previousOnTime = line;
                }
                if (line.kind() == FeedLine.Kind.MALFORMED) {
                    assertThat(previous).isNotNull();
                    assertThat(previous.kind()).isEqualTo(FeedLine.Kind.VALID);
                    assertThat(line.personId()).isEqualTo(previous.personId());
                    assertThat(line.uploadDelay()).isEqualTo(previous.uploadDelay());
                }
                previous = line;
            }
        }
    }

    @Test
    void businessIdsAreNeverReusedUnderAnotherEventId() {
        Map<String, String> orders = new HashMap<>();
        for (FeedSource source : FeedSource.values()) {
            for (FeedLine line : program.feed(source)) {
                if (line.kind() != FeedLine.Kind.VALID) {
                    continue;
                }
                var payload = Generated.json(line).get("payload");
                for (String field : List.of("order_id", "return_id")) {
                    if (payload.has(field) && !(field.equals("order_id") && line.type().equals("order.returned"))) {
                        assertThat(orders.put(field + ":" + payload.get(field).asText(), line.eventId()))
                                .as("%s reused in %s", payload.get(field), line.eventId()).isNull();
                    }
                }
            }
        }
        assertThat(orders).isNotEmpty();
    }

    @Test
    void groundTruthHasOneRecordPerDistinctEventIdWithTheExpectedOutcome() {
        Map<String, String> expectations = new HashMap<>();
        program.groundTruth().stream().filter(r -> !r.source().equals("cdc"))
                .forEach(r -> assertThat(expectations.put(r.source() + "/" + r.key(), r.expect())).isNull());
        for (FeedSource source : FeedSource.values()) {
            for (FeedLine line : program.feed(source)) {
                String expect = expectations.get(source.code() + "/" + line.eventId());
                assertThat(expect).isEqualTo(line.kind() == FeedLine.Kind.MALFORMED ? line.reason().code() : "valid");
            }
        }
        assertThat(expectations.values()).contains(RejectReason.NO_IDENTIFIER.code(), "valid");
    }
}
