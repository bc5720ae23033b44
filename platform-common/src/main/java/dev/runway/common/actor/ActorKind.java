package dev.runway.common.actor;

/** Who stands behind a call: the audit log keeps people apart from automation. */
public enum ActorKind {
    /** A person logged in to the console or using a personal token. */
    USER,
    /** An API token (CI, scripts). */
    TOKEN,
    /** One of the platform's own services acting on its own decision (an analysis verdict, an SLO burn). */
    SERVICE,
    /** The platform acting without a caller (schedules, expiries, start-up). */
    SYSTEM;
}
