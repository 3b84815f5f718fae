package loyalty.cli.replay;

import loyalty.cli.StackOptions;
import loyalty.cli.UserError;
import loyalty.cli.stack.StackState;
import loyalty.lakehouse.catalog.LakehouseConfig;

/** The lakehouse of the local stack running from the options' work folder. */
final class RunningStack {
    private RunningStack() {
    }

    static LakehouseConfig lakehouse(StackOptions options) {
        return state(options).lakehouse();
    }

    static StackState state(StackOptions options) {
        return StackState.readLive(options.workspace().stateFile())
                .orElseThrow(() -> new UserError("no local stack is running in " + options.workspace().root()
                        + ": start it with './loyalty stack up' (or run './loyalty demo', which replays too)."));
    }
}
