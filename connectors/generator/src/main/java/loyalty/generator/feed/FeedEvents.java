package loyalty.generator.feed;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import loyalty.contract.event.EngagementRecorded;
import loyalty.contract.event.EventType;
import loyalty.contract.event.OrderCompleted;
import loyalty.contract.event.OrderReturned;
import loyalty.contract.event.RedemptionCancelled;
import loyalty.contract.event.RedemptionRequested;
import loyalty.generator.plan.Channel;
import loyalty.generator.plan.Engagement;
import loyalty.generator.plan.ProgramPlan;
import loyalty.generator.plan.Purchase;
import loyalty.generator.plan.Redemption;
import loyalty.generator.plan.Refund;
import loyalty.generator.random.Draw;

/**
 * Which planned activity each feed carries: the tills send store sales and store returns, the website its
 * engagement, the app its orders, engagement and reward requests. (Web orders and desk returns are operational
 * rows, captured by CDC.)
 */
final class FeedEvents {
    private static final String CURRENCY = "USD";

    private FeedEvents() {
    }

    static Map<FeedSource, List<PlannedEvent>> of(List<ProgramPlan> plans, long seed) {
        Map<FeedSource, List<PlannedEvent>> out = new EnumMap<>(FeedSource.class);
        for (FeedSource source : FeedSource.values()) {
            out.put(source, new ArrayList<>());
        }
        for (ProgramPlan plan : plans) {
            for (Purchase p : plan.purchases()) {
                if (p.channel() == Channel.WEB || !p.completed()) {
                    continue;
                }
                FeedSource source = p.channel() == Channel.STORE ? FeedSource.POS : FeedSource.APP;
                out.get(source).add(new PlannedEvent(source, p.completedAt(), p.seq(), 0, p.program(),
                        p.person().id(), EventType.ORDER_COMPLETED, p.sighting().toIdentifiers(),
                        new OrderCompleted(p.orderId(), p.amount(), CURRENCY, p.channel().wireName(), p.categories()),
                        tillOffset(source, p.seq(), p.person().country().utcOffsetHours(), seed)));
            }
            for (Refund r : plan.refunds()) {
                if (r.purchase().channel() != Channel.STORE) {
                    continue;
                }
                out.get(FeedSource.POS).add(new PlannedEvent(FeedSource.POS, r.at(), r.seq(), 0, plan.program(),
                        r.purchase().person().id(), EventType.ORDER_RETURNED, r.sighting().toIdentifiers(),
                        new OrderReturned(r.returnId(), r.amount(), r.linked() ? r.purchase().orderId() : null),
                        tillOffset(FeedSource.POS, r.seq(), r.purchase().person().country().utcOffsetHours(), seed)));
            }
            for (Engagement e : plan.engagements()) {
                FeedSource source = e.channel() == Channel.APP ? FeedSource.APP : FeedSource.WEB;
                out.get(source).add(new PlannedEvent(source, e.at(), e.seq(), 0, e.program(), e.person().id(),
                        EventType.ENGAGEMENT_RECORDED, e.sighting().toIdentifiers(), new EngagementRecorded(e.kind()),
                        null));
            }
            for (Redemption r : plan.redemptions()) {
                List<PlannedEvent> app = out.get(FeedSource.APP);
                RedemptionRequested request = new RedemptionRequested(r.redemptionId(), r.points(), r.rewardId());
                app.add(new PlannedEvent(FeedSource.APP, r.at(), r.seq(), 0, r.program(), r.person().id(),
                        EventType.REDEMPTION_REQUESTED, r.sighting().toIdentifiers(), request, null));
                if (r.retryAt() != null) {
                    app.add(new PlannedEvent(FeedSource.APP, r.retryAt(), r.seq(), 1, r.program(), r.person().id(),
                            EventType.REDEMPTION_REQUESTED, r.sighting().toIdentifiers(), request, null));
                }
                if (r.cancelledAt() != null) {
                    app.add(new PlannedEvent(FeedSource.APP, r.cancelledAt(), r.seq(), 2, r.program(),
                            r.person().id(), EventType.REDEMPTION_CANCELLED, r.sighting().toIdentifiers(),
                            new RedemptionCancelled(r.redemptionId()), null));
                }
            }
        }
        return out;
    }

    /** Some tills write local time with an offset instead of UTC (valid input, normalised by the validator). */
    private static Integer tillOffset(FeedSource source, long seq, int offsetHours, long seed) {
        if (source != FeedSource.POS) {
            return null;
        }
        return Draw.of(seed, "till-offset", seq).chance(0.15) ? offsetHours : null;
    }
}
