package org.logitlab.web.page;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import org.logitlab.core.History;
import org.logitlab.core.RunSnapshot;
import org.logitlab.core.TrainingRun;
import org.logitlab.web.RunService;

/** Downloads: the weights as JSON, the loss/accuracy history as CSV, the plot as SVG. */
public final class ExportRoutes {
    private final RunService runs;
    private final Templates templates;

    public ExportRoutes(RunService runs, Templates templates) {
        this.runs = runs;
        this.templates = templates;
    }

    public void register(RoutesConfig routes) {
        routes.get("/lab/export/weights.json", this::weights);
        routes.get("/lab/export/history.csv", this::history);
        routes.get("/lab/export/plot.svg", this::plot);
    }

    private void weights(Context ctx) {
        RunService.Located located = runs.locate(ctx);
        RunSnapshot s = located.run().snapshot();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("step", s.step());
        out.put("status", s.status().key());
        out.put("parameterization", s.config().parameterization().key());
        out.put("classes", s.config().classes());
        out.put("features", s.config().features().keys());
        out.put("weights", s.parameters().weightRows());
        out.put("biases", s.parameters().biasArray());
        out.put("permalink", runs.permalink().of(s));
        attachment(ctx, "weights.json");
        ctx.json(out);
    }

    private void history(Context ctx) {
        TrainingRun run = runs.locate(ctx).run();
        java.util.List<History.Row> rows = run.historyRows(0);
        StringBuilder csv = new StringBuilder("step,train_loss,test_loss,objective,train_accuracy,test_accuracy,"
                + "gradient_norm\n");
        for (History.Row r : rows) {
            csv.append(r.step()).append(',').append(r.trainLoss()).append(',').append(blank(r.testLoss())).append(',')
                    .append(r.objective()).append(',').append(r.trainAccuracy()).append(',')
                    .append(blank(r.testAccuracy())).append(',').append(r.gradientNorm()).append('\n');
        }
        attachment(ctx, "history.csv");
        ctx.contentType("text/csv; charset=utf-8");
        ctx.result(csv.toString());
    }

    private void plot(Context ctx) {
        RunService.Located located = runs.locate(ctx);
        RunSnapshot s = located.run().snapshot();
        Map<String, Object> model = LabModel.of(located.id(), located.run(), s, runs.permalink(), Locale.ENGLISH,
                (int) s.step() + 1, false, null);
        attachment(ctx, "plot.svg");
        ctx.contentType("image/svg+xml; charset=utf-8");
        ctx.result(templates.render("plot-export", Set.of(), Locale.ENGLISH, model));
    }

    private static String blank(Double v) {
        return v == null ? "" : v.toString();
    }

    private static void attachment(Context ctx, String name) {
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }
}
