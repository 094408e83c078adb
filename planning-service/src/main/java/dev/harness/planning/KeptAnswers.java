package dev.harness.planning;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A pure function's answers kept by argument: the classifiers of paths and commands (is this a
 * test, what kind of file, does this check run only some tests) are asked about the same few
 * hundred strings in every plan, each time through several regexes (issue 15). Only for functions
 * of the string alone — nothing read from disk, no clock — so a kept answer is exactly what
 * computing it again gives. Bounded: when full it starts over, so a service that moves on to
 * another workspace keeps that one's strings rather than the first's. Safe on any thread.
 */
final class KeptAnswers<V> {
    private static final Object NULL = new Object();

    private final Function<String, V> function;
    private final int max;
    private final ConcurrentHashMap<String, Object> kept = new ConcurrentHashMap<>();

    KeptAnswers(int max, Function<String, V> function) {
        this.max = max;
        this.function = function;
    }

    @SuppressWarnings("unchecked")
    V get(String argument) {
        Object answer = kept.get(argument);
        if (answer == null) {
            V computed = function.apply(argument); // outside any lock: two threads may both compute, with the same answer
            if (kept.size() >= max) {
                kept.clear();
            }
            kept.putIfAbsent(argument, computed == null ? NULL : computed);
            return computed;
        }
        return answer == NULL ? null : (V) answer;
    }

    /** How many answers are kept (for tests). */
    int size() {
        return kept.size();
    }
}
