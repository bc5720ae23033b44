package dev.runway.testkit.archfixture.core;

/** Domain logic as it should be: plain Java. */
public class PlainRule {
    public boolean decide(int budget) {
        return budget > 0;
    }
}
