package loyalty.cli.member;

import java.util.List;
import loyalty.cli.console.TextTable;

/** How {@code loyalty member find} shows a profile and a link history to a person. */
final class ProfileView {
    private static final String NONE = "-";

    private ProfileView() {
    }

    static String profile(MemberRow m) {
        StringBuilder out = new StringBuilder();
        line(out, "member", m.memberId() + " (program " + m.program() + ")");
        line(out, "status", m.isMerged()
                ? m.status() + " into " + m.mergedInto() + (m.mergedAt() == null ? "" : " at " + m.mergedAt())
                : m.status());
        line(out, "enrolled_at", m.enrolledAt() == null ? "not enrolled" : m.enrolledAt());
        line(out, "name", name(m));
        line(out, "birth_date", orNone(m.birthDate()));
        line(out, "country", orNone(m.country()));
        line(out, "consents", "email " + consent(m.consentEmail()) + ", sms " + consent(m.consentSms())
                + ", push " + consent(m.consentPush()));
        line(out, "emails", list(m.emails()));
        line(out, "phones", list(m.phones()));
        line(out, "cards", list(m.cards()));
        line(out, "crm_id", orNone(m.crmId()));
        line(out, "devices", list(m.devices()));
        line(out, "created", m.createdAt() + " by " + m.createdByEvent());
        line(out, "updated", m.updatedAt() + " by " + m.updatedByEvent());
        return out.toString();
    }

    /** A member that a link names but whose profile row is not (yet) in identity.members. */
    static String missingProfile(String program, String memberId) {
        StringBuilder out = new StringBuilder();
        line(out, "member", memberId + " (program " + program + ")");
        line(out, "status", "no row in identity.members yet");
        return out.toString();
    }

    /** Links oldest first, with who held the identifier when and why each link ended. */
    static String history(List<LinkRow> links, boolean showIdentifier) {
        TextTable table = showIdentifier
                ? new TextTable("program", "identifier", "member_id", "valid_from", "valid_to", "linked_by_event",
                        "ended_by_event", "end_reason")
                : new TextTable("program", "member_id", "valid_from", "valid_to", "linked_by_event",
                        "ended_by_event", "end_reason");
        for (LinkRow l : links) {
            String validTo = l.isCurrent() ? "current" : l.validTo();
            if (showIdentifier) {
                table.row(l.program(), l.identifierType() + ":" + l.identifierValue(), l.memberId(), l.validFrom(),
                        validTo, l.linkedByEvent(), l.endedByEvent(), l.endReason());
            } else {
                table.row(l.program(), l.memberId(), l.validFrom(), validTo, l.linkedByEvent(), l.endedByEvent(),
                        l.endReason());
            }
        }
        return table.render();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append("  ").append(String.format("%-12s", label)).append(value).append('\n');
    }

    private static String name(MemberRow m) {
        String name = ((m.firstName() == null ? "" : m.firstName()) + " "
                + (m.lastName() == null ? "" : m.lastName())).strip();
        return name.isEmpty() ? NONE : name;
    }

    private static String consent(Boolean given) {
        return given == null ? "not asked" : given ? "yes" : "no";
    }

    private static String list(List<String> values) {
        return values.isEmpty() ? NONE : String.join(", ", values);
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? NONE : value;
    }
}
