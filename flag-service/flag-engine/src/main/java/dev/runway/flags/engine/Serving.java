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
     * A weighted split: {@code upperBounds[i]} is the exclusive upper bucket of slice {@code i} (ascending,
     * the last is {@link Bucketing#BUCKETS}) and {@code results[i]} what that slice serves.
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
            String value = bucketBy == null ? context.targetingKey() : Operands.scalar(context.read(bucketBy));
            if (value == null || value.isEmpty()) {
                return missingKey;
            }
            int bucket = Bucketing.bucket(prefix, value);
            int low = 0;
            int high = upperBounds.length - 1;
            while (low < high) { // the first slice whose upper bound lies above the bucket
                int middle = (low + high) >>> 1;
                if (bucket < upperBounds[middle]) {
                    high = middle;
                } else {
                    low = middle + 1;
                }
            }
            return results[low];
        }
    }
}
