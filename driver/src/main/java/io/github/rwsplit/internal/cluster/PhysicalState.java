package io.github.rwsplit.internal.cluster;

/** What rwsplit has changed on one physical session, remembered while the pool keeps the session. */
final class PhysicalState {
    /** The session settings it carries, compared on every borrow. */
    Object sessionTag;
}
