package loyalty.ml.models;

/** What a model predicts: the label column of {@code ml.member_features} it learns. */
public enum ModelTask {
    /** No order in the 90 days after the cutoff. */
    CHURN("churn", "churned_90d"),
    /** An order in the 30 days after the cutoff. */
    PROPENSITY("propensity", "ordered_30d");

    private final String modelName;
    private final String labelColumn;

    ModelTask(String modelName, String labelColumn) {
        this.modelName = modelName;
        this.labelColumn = labelColumn;
    }

    /** The name in ml.models, ml.member_scores and the ml.scored event. */
    public String modelName() {
        return modelName;
    }

    public String labelColumn() {
        return labelColumn;
    }

    public static ModelTask byName(String name) {
        for (ModelTask task : values()) {
            if (task.modelName.equals(name)) {
                return task;
            }
        }
        throw new IllegalArgumentException("unknown model " + name + "; known: churn, propensity");
    }
}
