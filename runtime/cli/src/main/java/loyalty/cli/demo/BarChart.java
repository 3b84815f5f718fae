package loyalty.cli.demo;

import java.util.Map;

/** A horizontal bar chart in text, largest first: quicker to read than a column of numbers. */
final class BarChart {
    private BarChart() {
    }

    static String render(Map<String, Long> values, int width) {
        long max = values.values().stream().mapToLong(Long::longValue).max().orElse(1);
        int label = values.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        values.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> {
                    int bar = (int) Math.max(e.getValue() > 0 ? 1 : 0, Math.round((double) e.getValue() * width / max));
                    out.append(String.format("  %-" + label + "s %s %,d%n", e.getKey(), "#".repeat(bar), e.getValue()));
                });
        return out.toString();
    }
}
