package io.github.rwsplit.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A set whose members carry their own links, so that joining and leaving allocate nothing: for members that join and
 * leave on every statement or connection (a logical connection's open statements, a node's borrowed connections),
 * where a hash set would allocate an entry each time. All of it under this object's lock.
 *
 * @param <T> the members, which keep the two links this list sets and reads
 */
public class LinkedMembers<T extends LinkedMembers.Member<T>> {

    /** The links a member keeps for the one list it may be in; only that list reads and sets them. */
    public interface Member<T> {
        T previousMember();

        void previousMember(T member);

        T nextMember();

        void nextMember(T member);
    }

    private T first;
    private int size;

    public final synchronized void add(T member) {
        member.previousMember(null);
        member.nextMember(first);
        if (first != null) {
            first.previousMember(member);
        }
        first = member;
        size++;
    }

    /** Forgets {@code member}; does nothing when it is not in the list (any more). */
    public final synchronized void remove(T member) {
        T previous = member.previousMember();
        T next = member.nextMember();
        if (previous == null && first != member) {
            return;
        }
        if (previous == null) {
            first = next;
        } else {
            previous.nextMember(next);
        }
        if (next != null) {
            next.previousMember(previous);
        }
        member.previousMember(null);
        member.nextMember(null);
        size--;
    }

    /** Takes a member out of the list and returns it; null when the list is empty. */
    public final synchronized T poll() {
        T member = first;
        if (member != null) {
            remove(member);
        }
        return member;
    }

    public final synchronized int size() {
        return size;
    }

    /** The members now, copied: whatever is done with them must not happen under this list's lock. */
    public final synchronized List<T> snapshot() {
        List<T> copy = new ArrayList<>(size);
        for (T member = first; member != null; member = member.nextMember()) {
            copy.add(member);
        }
        return copy;
    }
}
