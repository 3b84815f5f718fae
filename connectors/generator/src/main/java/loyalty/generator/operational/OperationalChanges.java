package loyalty.generator.operational;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import loyalty.generator.people.Person;
import loyalty.generator.plan.Account;
import loyalty.generator.plan.Channel;
import loyalty.generator.plan.CustomerState;
import loyalty.generator.plan.ProgramPlan;
import loyalty.generator.plan.Purchase;
import loyalty.generator.plan.Refund;
import loyalty.generator.plan.RuleSetPublication;
import loyalty.generator.plan.Sighting;
import loyalty.generator.plan.StatusStep;

/**
 * Turns planned activity into the statements the retailer's own systems run: the CRM writes customers, the web
 * shop writes web orders and their status changes, the returns desk writes returns of web and app orders, loyalty
 * admin writes rule sets. Store sales and app activity are not here: they arrive as feed files.
 */
public final class OperationalChanges {
    private static final String CURRENCY = "USD";

    private OperationalChanges() {
    }

    /** All changes of all programs, in the order they happened. */
    public static List<OperationalChange> of(List<ProgramPlan> plans) {
        List<OperationalChange> changes = new ArrayList<>();
        for (ProgramPlan plan : plans) {
            for (RuleSetPublication r : plan.ruleSets()) {
                changes.add(new OperationalChange(r.publishedAt(), -1, Integer.parseInt(r.version()),
                        OperationalChange.Kind.INSERT, null, new RuleSetRow(r.program(), r.version(), r.effectiveFrom(),
                        r.body().toString(), r.publishedAt()), null));
            }
            plan.accounts().forEach(a -> customerChanges(a, changes));
            for (Purchase p : plan.purchases()) {
                if (p.channel() == Channel.WEB) {
                    orderChanges(p, changes);
                }
            }
            for (Refund r : plan.refunds()) {
                if (r.purchase().channel() != Channel.STORE) {
                    changes.add(new OperationalChange(r.at(), r.seq(), 0, OperationalChange.Kind.INSERT, null,
                            returnRow(r), r.purchase().person().id()));
                }
            }
        }
        changes.sort(OperationalChange.ORDER);
        return changes;
    }

    private static void customerChanges(Account a, List<OperationalChange> out) {
        String person = a.person() == null ? null : a.person().id();
        CustomerRow row = customerRow(a, a.initial(), a.createdAt());
        out.add(new OperationalChange(a.createdAt(), a.seq(), 0, OperationalChange.Kind.INSERT, null, row, person));
        int step = 1;
        for (Account.Change change : a.changes()) {
            CustomerRow after = customerRow(a, change.state(), change.at());
            out.add(new OperationalChange(change.at(), a.seq(), step++, OperationalChange.Kind.UPDATE, row, after,
                    person));
            row = after;
        }
        if (a.deletedAt() != null) {
            out.add(new OperationalChange(a.deletedAt(), a.seq(), step, OperationalChange.Kind.DELETE, row, null,
                    person));
        }
    }

    private static CustomerRow customerRow(Account a, CustomerState s, Instant updatedAt) {
        String referredBy = a.referrer() == null ? null : a.referrer().crmId();
        return new CustomerRow(a.crmId(), a.program(), s.email(), s.phone(), s.card(), s.firstName(), s.lastName(),
                s.birthDate(), s.country(), s.consentEmail(), s.consentSms(), s.consentPush(), s.enrolled(),
                s.enrolledAt(), referredBy, a.createdAt(), updatedAt);
    }

    private static void orderChanges(Purchase p, List<OperationalChange> out) {
        Person person = p.person();
        Sighting seen = p.sighting();
        List<StatusStep> steps = p.steps();
        StatusStep first = steps.get(0);
        OrderRow row = new OrderRow(p.orderId(), p.program(), seen.crmId(), seen.email(), seen.phone(), seen.card(),
                seen.device(), p.amount(), CURRENCY, p.channel().wireName(), p.categories(), first.status(),
                first.status().equals(StatusStep.COMPLETED) ? first.at() : null, first.at(), first.at());
        out.add(new OperationalChange(first.at(), p.seq(), 0, OperationalChange.Kind.INSERT, null, row, person.id()));
        for (int i = 1; i < steps.size(); i++) {
            StatusStep step = steps.get(i);
            OrderRow after = row.withStatus(step.status(), step.at(),
                    step.status().equals(StatusStep.COMPLETED) ? step.at() : null);
            out.add(new OperationalChange(step.at(), p.seq(), i, OperationalChange.Kind.UPDATE, row, after,
                    person.id()));
            row = after;
        }
    }

    private static ReturnRow returnRow(Refund r) {
        Sighting seen = r.sighting();
        return new ReturnRow(r.returnId(), r.purchase().program(), r.linked() ? r.purchase().orderId() : null,
                seen.crmId(), seen.email(), seen.phone(), seen.card(), r.amount(), r.at());
    }
}
