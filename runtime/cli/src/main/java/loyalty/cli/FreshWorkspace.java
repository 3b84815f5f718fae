package loyalty.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import loyalty.cli.stack.StackState;
import loyalty.stack.postgres.PostgresCluster;

/**
 * A command that starts its own stack (the demo, a benchmark) runs it in a sub-folder of the work folder, emptied
 * first, so its counts are its own. Refuses while a background stack of the same work folder runs: it holds the
 * same ports.
 */
public final class FreshWorkspace {
    private FreshWorkspace() {
    }

    public static Workspace create(Workspace parent, String name, String command) throws IOException {
        if (StackState.readLive(parent.stateFile()).isPresent()) {
            throw new UserError("a stack is already running from " + parent.root() + "; stop it with"
                    + " './loyalty stack down' first (" + command + " starts its own).");
        }
        Workspace fresh = new Workspace(parent.root().resolve(name));
        // PostgreSQL may keep its data outside the folder (see PostgresCluster): destroy finds it there too.
        PostgresCluster.destroy(fresh.postgres());
        if (Files.exists(fresh.root())) {
            try (var paths = Files.walk(fresh.root())) {
                List<Path> all = new ArrayList<>(paths.toList());
                Collections.reverse(all);
                for (Path p : all) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(fresh.root());
        return fresh;
    }
}
