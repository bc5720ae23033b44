package dev.runway.rollouts.strategy;

/**
 * A step as written in a request ({@code {"type": "setWeight", "percent": 5}}): flat and lenient so that
 * every mistake can be reported against its field instead of failing the whole document.
 *
 * @param type setAudience, setWeight, bake, analyze or pause
 * @param duration ISO-8601 (PT30S) for bake and a timed pause
 * @param extendUpTo ISO-8601, for analyze: how long an inconclusive verdict may keep waiting
 */
public record StepSpec(String type, Integer ring, Integer percent, String duration, String extendUpTo) {

    public static StepSpec of(Step step) {
        return switch (step) {
            case Step.SetAudience a -> new StepSpec("setAudience", a.ring(), null, null, null);
            case Step.SetWeight w -> new StepSpec("setWeight", null, w.percent(), null, null);
            case Step.Bake b -> new StepSpec("bake", null, null, b.duration().toString(), null);
            case Step.Analyze a ->
                new StepSpec("analyze", null, null, null, a.extendUpTo().toString());
            case Step.Pause p ->
                new StepSpec(
                        "pause",
                        null,
                        null,
                        p.duration() == null ? null : p.duration().toString(),
                        null);
        };
    }
}
