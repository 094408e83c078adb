package dev.harness.orchestrator.attention;

import dev.harness.api.run.TaskStatus;
import dev.harness.orchestrator.render.SafeText;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan as an SVG dependency graph, drawn here (no script library): one column per depth in the
 * dependency tree, one box per task coloured by its state, an arrow from each dependency. Each box
 * has the id {@code task-ID} and a {@code data-status}, so the page's script recolours it live.
 */
public final class PlanGraph {
    static final int BOX_W = 200;
    static final int BOX_H = 48;
    static final int GAP_X = 60;
    static final int GAP_Y = 18;

    private PlanGraph() {}

    public static String fill(TaskStatus status) {
        return switch (status) {
            case PENDING -> "#e5e7eb";
            case RUNNING -> "#bfdbfe";
            case INTERRUPTED -> "#d8b4fe";
            case COMPLETED -> "#86efac";
            case FAILED -> "#fca5a5";
            case SKIPPED -> "#fde68a";
            case AWAITING_DECISION -> "#fdba74";
        };
    }

    public static String svg(List<RunView.TaskView> tasks, java.util.function.UnaryOperator<String> redact) {
        Map<Integer, Integer> rows = new HashMap<>();
        Map<String, int[]> at = new HashMap<>();
        int width = 0;
        int height = 0;
        for (RunView.TaskView task : tasks) {
            int row = rows.merge(task.depth(), 1, Integer::sum) - 1;
            int x = 10 + task.depth() * (BOX_W + GAP_X);
            int y = 10 + row * (BOX_H + GAP_Y);
            at.put(task.id(), new int[] {x, y});
            width = Math.max(width, x + BOX_W + 10);
            height = Math.max(height, y + BOX_H + 10);
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plan-graph\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"plan dependency graph\">");
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                + " orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#6b7280\"/></marker></defs>");
        for (RunView.TaskView task : tasks) {
            int[] to = at.get(task.id());
            for (String dep : task.dependsOn()) {
                int[] from = at.get(dep);
                if (from == null) {
                    continue;
                }
                int x1 = from[0] + BOX_W;
                int y1 = from[1] + BOX_H / 2;
                int x2 = to[0];
                int y2 = to[1] + BOX_H / 2;
                int mid = (x1 + x2) / 2;
                svg.append("<path d=\"M ").append(x1).append(' ').append(y1).append(" C ").append(mid).append(' ').append(y1)
                        .append(", ").append(mid).append(' ').append(y2).append(", ").append(x2).append(' ').append(y2)
                        .append("\" fill=\"none\" stroke=\"#6b7280\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>");
            }
        }
        for (RunView.TaskView task : tasks) {
            int[] p = at.get(task.id());
            String id = Html.escape(redact.apply(task.id()));
            svg.append("<g class=\"task-node\" id=\"task-").append(id).append("\" data-status=\"").append(task.status().wire())
                    .append("\"><title>").append(id).append(": ").append(Html.escape(redact.apply(SafeText.oneLine(task.title()))))
                    .append(" (").append(task.status().wire()).append(")</title>");
            svg.append("<rect x=\"").append(p[0]).append("\" y=\"").append(p[1]).append("\" width=\"").append(BOX_W)
                    .append("\" height=\"").append(BOX_H).append("\" rx=\"6\" fill=\"").append(fill(task.status()))
                    .append("\" stroke=\"#374151\"/>");
            svg.append("<text x=\"").append(p[0] + 8).append("\" y=\"").append(p[1] + 19)
                    .append("\" font-family=\"sans-serif\" font-size=\"13\" font-weight=\"bold\">").append(id)
                    .append(" · <tspan class=\"st\">").append(task.status().wire()).append("</tspan></text>");
            svg.append("<text x=\"").append(p[0] + 8).append("\" y=\"").append(p[1] + 37)
                    .append("\" font-family=\"sans-serif\" font-size=\"12\">")
                    .append(Html.escape(redact.apply(SafeText.brief(task.title(), 26)))).append("</text></g>");
        }
        svg.append("</svg>");
        return svg.toString();
    }
}
