package dev.harness.protocol.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * The suite's one topological order: every item after the items it depends on, ties kept in input
 * order (of the items ready at the same time, the one listed first goes first). Iterative, so a
 * 100,000-item chain in any order works. A dependency on an id that is not among the items is
 * ignored here (checking for unknown ids is the caller's rule). On a cycle the answer is
 * {@link Cycle}, naming the cycle's ids in dependency order.
 */
public final class DependencyOrder {
    /** Either the order or a cycle. */
    public sealed interface Result<T> {
        /** The order, or an exception naming the cycle. */
        default List<T> orElseThrow() {
            if (this instanceof Ordered<T> ordered) {
                return ordered.items();
            }
            throw new IllegalArgumentException(((Cycle<T>) this).describe());
        }
    }

    public record Ordered<T>(List<T> items) implements Result<T> {
        public Ordered {
            items = List.copyOf(items);
        }
    }

    /**
     * A dependency cycle: {@code ids} in order, each depending on the next and the last on the
     * first (a self-dependency is a cycle of one). {@code ordered} holds the items that could be
     * ordered before the cycle blocked the rest.
     */
    public record Cycle<T>(List<String> ids, List<T> ordered) implements Result<T> {
        public Cycle {
            ids = List.copyOf(ids);
            ordered = List.copyOf(ordered);
        }

        /** e.g. "a → b → c → a" */
        public String spelled() {
            return String.join(" → ", ids) + " → " + ids.get(0);
        }

        public String describe() {
            return "Dependency cycle: " + spelled() + ".";
        }
    }

    private DependencyOrder() {}

    /**
     * @param id           an item's id (unique among the items; a repeated id counts once, first wins)
     * @param dependencies the ids an item depends on
     */
    public static <T> Result<T> of(List<T> items, Function<T, String> id, Function<T, ? extends Collection<String>> dependencies) {
        int n = items.size();
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.putIfAbsent(id.apply(items.get(i)), i);
        }
        int[] waiting = new int[n];
        List<List<Integer>> dependents = new ArrayList<>(n);
        List<int[]> depsOf = new ArrayList<>(n); // distinct known dependencies, in listed order
        for (int i = 0; i < n; i++) {
            dependents.add(new ArrayList<>(0));
        }
        for (int i = 0; i < n; i++) {
            T item = items.get(i);
            boolean canonical = index.get(id.apply(item)) == i;
            List<Integer> known = new ArrayList<>();
            if (canonical) {
                Collection<String> deps = dependencies.apply(item);
                if (deps != null) {
                    for (String dep : deps) {
                        Integer d = index.get(dep);
                        if (d != null && !known.contains(d)) {
                            known.add(d);
                        }
                    }
                }
            }
            depsOf.add(known.stream().mapToInt(Integer::intValue).toArray());
            waiting[i] = known.size();
            for (int d : known) {
                dependents.get(d).add(i);
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (waiting[i] == 0 && index.get(id.apply(items.get(i))) == i) {
                ready.add(i);
            }
        }
        List<T> order = new ArrayList<>(n);
        boolean[] placed = new boolean[n];
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(items.get(i));
            placed[i] = true;
            for (int dependent : dependents.get(i)) {
                if (--waiting[dependent] == 0) {
                    ready.add(dependent);
                }
            }
        }
        int distinct = index.size();
        if (order.size() == distinct) {
            return new Ordered<>(order);
        }
        return new Cycle<>(findCycle(items, id, depsOf, placed), order);
    }

    /**
     * Every unplaced item waits on an unplaced item, so walking "first unplaced dependency" from the
     * first unplaced item must come back to an item already on the walk: that loop is a cycle.
     */
    private static <T> List<String> findCycle(List<T> items, Function<T, String> id, List<int[]> depsOf, boolean[] placed) {
        int start = -1;
        for (int i = 0; i < placed.length; i++) {
            if (!placed[i] && depsOf.get(i).length > 0) {
                start = i;
                break;
            }
        }
        Map<Integer, Integer> positionOnWalk = new HashMap<>();
        List<Integer> walk = new ArrayList<>();
        int current = start;
        while (!positionOnWalk.containsKey(current)) {
            positionOnWalk.put(current, walk.size());
            walk.add(current);
            int next = -1;
            for (int d : depsOf.get(current)) {
                if (!placed[d]) {
                    next = d;
                    break;
                }
            }
            current = next;
        }
        List<String> cycle = new ArrayList<>();
        for (int k = positionOnWalk.get(current); k < walk.size(); k++) {
            cycle.add(id.apply(items.get(walk.get(k))));
        }
        return cycle;
    }
}
