package loyalty.stack.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The set-up step of the README's two commands ({@code runtime/setup.sh}), run in its dry-run mode against lists of
 * present packages, and the wiring that makes those two commands the ones CI and the demo test run.
 */
class SetupScriptTest {
    private static final Path REPO = repoRoot();
    private static final String ALL = "openjdk-17-jdk-headless maven postgresql util-linux jupyter-notebook"
            + " jupyter-nbconvert python3-ipykernel";

    @Test
    void aMachineWithEverythingInstallsNothing() throws Exception {
        Result r = setup(Map.of("LOYALTY_SETUP_PRESENT", ALL, "LOYALTY_SETUP_PRIVILEGE", "root"), "--dry-run", "test");
        assertThat(r.exit).isZero();
        assertThat(r.out).contains("setup (test): nothing to install").doesNotContain("would run");
    }

    @Test
    void theTestCommandInstallsJupyterWhereOnlyItIsMissing() throws Exception {
        Result r = setup(Map.of("LOYALTY_SETUP_PRESENT", "openjdk-17-jdk-headless maven postgresql util-linux",
                "LOYALTY_SETUP_PRIVILEGE", "root"), "--dry-run", "test");
        assertThat(r.exit).isZero();
        assertThat(r.out).contains("would install jupyter-notebook jupyter-nbconvert python3-ipykernel")
                .contains("would run: apt-get update && apt-get install -y jupyter-notebook jupyter-nbconvert"
                        + " python3-ipykernel");
    }

    @Test
    void theDemoNeedsNoJupyterButThePostgresqlServerAndMaven() throws Exception {
        Result r = setup(Map.of("LOYALTY_SETUP_PRESENT", "openjdk-17-jdk-headless util-linux",
                "LOYALTY_SETUP_PRIVILEGE", "sudo"), "--dry-run", "demo");
        assertThat(r.exit).isZero();
        assertThat(r.out).contains("would install maven postgresql\n")
                .contains("would run: sudo apt-get update && sudo apt-get install -y maven postgresql")
                .doesNotContain("jupyter");
    }

    @Test
    void withoutRootOrSudoItStopsAtOnceWithTheOneCommandToRun() throws Exception {
        Result r = setup(Map.of("LOYALTY_SETUP_PRESENT", "openjdk-17-jdk-headless maven util-linux",
                "LOYALTY_SETUP_PRIVILEGE", "none"), "test");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err).contains("run 'sudo apt-get update && sudo apt-get install -y postgresql jupyter-notebook"
                + " jupyter-nbconvert python3-ipykernel', then again.");
        assertThat(r.out).doesNotContain("installing");
    }

    @Test
    void anUnknownTargetIsAUsageError() throws Exception {
        Result r = setup(Map.of(), "everything");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("usage: runtime/setup.sh");
    }

    @Test
    void ciRunsTheReadmesTestCommandWhichSetsUpAndVerifies() throws IOException {
        List<String> ci = Files.readAllLines(REPO.resolve(".ci/run")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(ci.get(ci.size() - 1)).isEqualTo("./loyalty test");
        String readme = Files.readString(REPO.resolve("README.md"));
        String commands = readme.substring(readme.indexOf("## The two commands"));
        commands = commands.substring(commands.indexOf("```bash"), commands.indexOf("```", commands.indexOf("```bash") + 7));
        assertThat(commands.lines().filter(l -> l.startsWith("./")).map(l -> l.split(" +")[0] + " " + l.split(" +")[1]))
                .containsExactly("./loyalty demo", "./loyalty test");
        String launcher = Files.readString(REPO.resolve("loyalty"));
        assertThat(launcher).contains("\"$ROOT/runtime/setup.sh\" test").contains("exec mvn -B verify")
                .contains("\"$ROOT/runtime/setup.sh\" demo");
        String demoTest = Files.readString(
                REPO.resolve("notebooks/src/test/java/loyalty/notebooks/DemoStackTest.java"));
        assertThat(demoTest).contains("ROOT.resolve(\"loyalty\").toString(), \"demo\"");
    }

    private record Result(int exit, String out, String err) {}

    private static Result setup(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", REPO.resolve("runtime/setup.sh").toString());
        pb.command().addAll(List.of(args));
        pb.environment().putAll(env);
        Path out = Files.createTempFile("setup", ".out");
        Path err = Files.createTempFile("setup", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("setup.sh finished").isTrue();
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    private static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("loyalty")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no loyalty launcher above " + Path.of("").toAbsolutePath());
    }
}
