package loyalty.cli.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import loyalty.contract.event.Identifiers;
import loyalty.flink.identity.ResolvedLog;

/**
 * A member the live load buys and redeems as: one the backlog enrolled, with the identifiers of its enrolment, so
 * that identity resolution finds it (matched) as a till would.
 */
record LiveMember(String program, String memberId, Identifiers identifiers) {

    /** One per member, in enrolment order: enrolments that resolved to a member that still exists after merges. */
    static List<LiveMember> pick(Map<String, String> enrolments, ResolvedLog log) {
        List<LiveMember> members = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        enrolments.forEach((eventId, program) -> {
            String member = log.finalMember(eventId);
            Identifiers ids = log.identifiers(eventId);
            if (member != null && ids != null && seen.add(member)) {
                members.add(new LiveMember(program, member, ids));
            }
        });
        return members;
    }
}
