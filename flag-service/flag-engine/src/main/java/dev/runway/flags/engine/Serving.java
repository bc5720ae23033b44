package dev.runway.flags.engine;

/**
 * A compiled {@link dev.runway.flags.engine.model.Serve}: every result it can return was built at load time,
 * so serving allocates nothing but the hash input of a split.
 */
sealed interface Serving {

    Evaluation serve(EvaluationContext context);

    /** One fixed result. */
    record Fixed(Evaluation.Resolved result) implements Serving {
        @Override
        public Evaluation serve(EvaluationContext context) {
            return result;
        }
    }

    /**
     * A weighted split. {@code upperBounds[i]} is the exclusive upper bucket of variant {@code i}, i.e. the
     * running sum of the weights; zero-weight variants have an empty range and are never chosen.
     */
    record Split(
            String bucketBy,
            byte[] prefix,
            int[] upperBounds,
            Evaluation.Resolved[] results,
            Evaluation.Failed missingKey)
            implements Serving {
        @Override
        public Evaluation serve(EvaluationContext context) {
            String value = bucketBy == null ? context.targetingKey() : Operands.scalar(context.attribute(bucketBy));
            if (value == null || value.isEmpty()) {
                return missingKey;
            }
            int bucket = Bucketing.bucket(prefix, value);
            for (int i = 0; i < upperBounds.length; i++) {
                if (bucket < upperBounds[i]) {
                    return results[i];
                }
            }
            return results[results.length - 1]; // unreachable: weights add up to BUCKETS and bucket < BUCKETS
        }
    }
}
