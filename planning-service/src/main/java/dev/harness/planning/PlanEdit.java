package dev.harness.planning;

import java.util.List;

/** One change to a plan that refine understood from a person's feedback; tasks are named as they said them. */
public sealed interface PlanEdit {
    /** Remove a task; whatever waited on it now waits on its prerequisites. */
    record Drop(String task) implements PlanEdit {}

    /** {@code first} runs before {@code then}: {@code first} stops waiting on {@code then} and {@code then} waits on it. */
    record Order(String first, String then) implements PlanEdit {}

    /** {@code task} no longer waits, directly or not, on {@code on} (it inherits {@code on}'s prerequisites). */
    record Unblock(String task, String on) implements PlanEdit {}

    /** {@code task} waits on {@code on}. */
    record Depend(String task, String on) implements PlanEdit {}

    /** {@code task} runs before everything else. */
    record First(String task) implements PlanEdit {}

    /** A new task; {@code after}/{@code before} place it (null: after the first tasks, before the final one). */
    record Add(String what, String after, String before) implements PlanEdit {}

    record SetScope(String task, String path) implements PlanEdit {}

    /** Replace (or with {@code append}, extend) a task's acceptance tests. */
    record SetTests(String task, List<String> commands, boolean append) implements PlanEdit {}
}
