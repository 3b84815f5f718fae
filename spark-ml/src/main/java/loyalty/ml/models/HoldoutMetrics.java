package loyalty.ml.models;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How well a model's scores separate the positives of a holdout: AUC-ROC, AUC-PR (average precision), and per score
 * decile (decile 1 = the tenth with the highest scores) the lift (the decile's positive rate over the overall rate)
 * and the calibration (mean score against the observed rate). Plain Java over the collected scores: a holdout is one
 * row per member.
 */
public record HoldoutMetrics(long members, double positiveRate, double aucRoc, double aucPr, List<Decile> deciles) {

    /** One tenth of the members, by descending score. */
    public record Decile(int decile, long members, double meanScore, double observedRate, double lift) {
    }

    /** A member's score and label (1 positive, 0 negative). */
    public record Scored(double score, int label) {
    }

    /** @throws IllegalArgumentException when there are no members or only one class */
    public static HoldoutMetrics of(List<Scored> scored) {
        List<Scored> sorted = new ArrayList<>(scored);
        sorted.sort(Comparator.comparingDouble(Scored::score).reversed());
        long n = sorted.size();
        long positives = sorted.stream().filter(s -> s.label() == 1).count();
        if (n == 0 || positives == 0 || positives == n) {
            throw new IllegalArgumentException("a holdout needs both classes: " + positives + " positive of " + n);
        }
        double rate = (double) positives / n;
        List<Decile> deciles = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            int from = (int) (n * d / 10);
            int to = (int) (n * (d + 1) / 10);
            List<Scored> slice = sorted.subList(from, to);
            if (slice.isEmpty()) {
                continue;
            }
            double mean = slice.stream().mapToDouble(Scored::score).average().orElse(0);
            double observed = slice.stream().filter(s -> s.label() == 1).count() / (double) slice.size();
            deciles.add(new Decile(d + 1, slice.size(), mean, observed, observed / rate));
        }
        return new HoldoutMetrics(n, rate, aucRoc(sorted, positives), averagePrecision(sorted, positives),
                List.copyOf(deciles));
    }

    /** Mann–Whitney: the chance that a random positive outscores a random negative, ties counting half. */
    static double aucRoc(List<Scored> descending, long positives) {
        long negatives = descending.size() - positives;
        double wins = 0;
        long negativesBelow = negatives;
        int i = 0;
        while (i < descending.size()) {
            int j = i;
            long tiedPositives = 0;
            long tiedNegatives = 0;
            while (j < descending.size() && descending.get(j).score() == descending.get(i).score()) {
                if (descending.get(j).label() == 1) {
                    tiedPositives++;
                } else {
                    tiedNegatives++;
                }
                j++;
            }
            negativesBelow -= tiedNegatives;
            wins += tiedPositives * (negativesBelow + tiedNegatives / 2.0);
            i = j;
        }
        return wins / ((double) positives * negatives);
    }

    /** Area under the precision-recall curve as average precision, tied scores taken as one threshold. */
    static double averagePrecision(List<Scored> descending, long positives) {
        double area = 0;
        long truePositives = 0;
        int i = 0;
        while (i < descending.size()) {
            int j = i;
            long tiedPositives = 0;
            while (j < descending.size() && descending.get(j).score() == descending.get(i).score()) {
                tiedPositives += descending.get(j).label();
                j++;
            }
            truePositives += tiedPositives;
            area += (double) tiedPositives / positives * truePositives / j;
            i = j;
        }
        return area;
    }

    /** The metrics as a JSON object (ml.models.metrics). */
    public String toJson() {
        StringBuilder json = new StringBuilder();
        json.append(String.format(Locale.ROOT, "{\"members\":%d,\"positive_rate\":%.6f,\"auc_roc\":%.6f,"
                + "\"auc_pr\":%.6f,\"deciles\":[", members, positiveRate, aucRoc, aucPr));
        for (int i = 0; i < deciles.size(); i++) {
            Decile d = deciles.get(i);
            json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"decile\":%d,\"members\":%d,"
                    + "\"mean_score\":%.6f,\"observed_rate\":%.6f,\"lift\":%.4f}", d.decile(), d.members(),
                    d.meanScore(), d.observedRate(), d.lift()));
        }
        return json.append("]}").toString();
    }
}
