package loyalty.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import loyalty.generator.feed.FeedSource;
import loyalty.generator.truth.GroundTruthWriter;
import loyalty.generator.truth.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorDeterminismTest {
    private static final GeneratorConfig SMALL = GeneratorConfig.defaults(7).withCustomers(600);

    @TempDir
    Path work;

    @Test
    void theSameSeedGivesByteIdenticalFilesAndTheSameRows() throws IOException {
        GeneratedProgram first = Generator.generate(SMALL);
        GeneratedProgram second = Generator.generate(SMALL);
        GeneratedFiles.write(work.resolve("a"), first);
        GeneratedFiles.write(work.resolve("b"), second);

        List<String> files = fileNames(work.resolve("a"));
        assertThat(files).containsExactlyInAnyOrder("app.jsonl", "ground-truth.jsonl", "manifest.json", "pos.jsonl",
                "web.jsonl");
        assertThat(fileNames(work.resolve("b"))).isEqualTo(files);
        for (String file : files) {
            assertThat(Files.readAllBytes(work.resolve("b").resolve(file)))
                    .as(file).isEqualTo(Files.readAllBytes(work.resolve("a").resolve(file)));
        }
        assertThat(second.operationalChanges()).isEqualTo(first.operationalChanges());
        assertThat(first.operationalChanges()).isNotEmpty();
        Manifest readBack = GroundTruthWriter.readManifest(work.resolve("a"));
        assertThat(readBack.sources()).isEqualTo(first.manifest().sources());
        assertThat(readBack.totals()).isEqualTo(first.manifest().totals());
    }

    @Test
    void aDifferentSeedGivesDifferentData() throws IOException {
        GeneratedProgram one = Generator.generate(SMALL);
        GeneratedProgram other = Generator.generate(new GeneratorConfig(8, SMALL.program(), SMALL.customers(),
                SMALL.startDate(), SMALL.days(), SMALL.returnRate(), SMALL.malformedRate(), SMALL.redeliveryRate(),
                SMALL.secondProgram()));
        GeneratedFiles.write(work.resolve("one"), one);
        GeneratedFiles.write(work.resolve("other"), other);
        for (FeedSource source : FeedSource.values()) {
            assertThat(Files.readAllBytes(work.resolve("other").resolve(source.fileName())))
                    .as(source.fileName()).isNotEqualTo(Files.readAllBytes(work.resolve("one").resolve(source.fileName())));
        }
        assertThat(other.operationalChanges()).isNotEqualTo(one.operationalChanges());
        assertThat(other.population().people().get(0)).isNotEqualTo(one.population().people().get(0));
    }

    @Test
    void generatingTheDefaultTwoThousandCustomersTakesWellUnderTenSeconds() {
        long started = System.nanoTime();
        GeneratedProgram program = Generator.generate(GeneratorConfig.defaults(99));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(program.population().people()).hasSize(2_000);
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void badConfigurationIsRefusedWithTheReason() {
        GeneratorConfig base = GeneratorConfig.defaults(1);
        assertThatThrownBy(() -> base.withProgram("Acme Shop")).hasMessageContaining("program must match");
        assertThatThrownBy(() -> base.withCustomers(0)).hasMessageContaining("customers must be at least 1");
        assertThatThrownBy(() -> base.withPeriod(LocalDate.of(2026, 1, 1), 3)).hasMessageContaining("days must be");
        assertThatThrownBy(() -> base.withReturnRate(1.5)).hasMessageContaining("returnRate must be in [0, 1)");
        assertThatThrownBy(() -> base.withSecondProgram("acme")).hasMessageContaining("must differ");
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
