package org.logitlab.web.page;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import org.logitlab.core.History;
import org.logitlab.core.RunSnapshot;
import org.logitlab.web.run.ParameterJson;
import org.logitlab.web.run.RunService;

/** Downloads: the weights as JSON, the loss/accuracy history as CSV, the plot as SVG. */
public final class ExportRoutes {
    private final RunService runs;
    private final LabService lab;
    private final LabRenderer renderer;

    public ExportRoutes(RunService runs, Templates templates) {
        this.runs = runs;
        this.lab = new LabService(runs);
        this.renderer = new LabRenderer(templates, runs.permalink());
    }

    public void register(RoutesConfig routes) {
        routes.get("/lab/export/weights.json", this::weights);
        routes.get("/lab/export/history.csv", this::history);
        routes.get("/lab/export/plot.svg", this::plot);
    }

    /**
     * The weights file: where the run stands, the hyperparameters in force, and how to get back there.
     *
     * @param classNames the classes' names (a CSV file's labels), or null when they have none
     */
    record WeightsFile(long step, String status, String parameterization, int classes, List<String> classNames,
                       List<String> features, double learningRate, double l2, double l1,
                       @JsonUnwrapped ParameterJson parameters, String permalink) {
    }

    private void weights(Context ctx) {
        RunSnapshot s = located(ctx).snapshot();
        List<String> names = s.config().dataset().classNames();
        attachment(ctx, "weights.json");
        ctx.json(new WeightsFile(s.step(), s.status().key(), s.config().parameterization().key(),
                s.config().classes(), names.isEmpty() ? null : names, s.config().features().keys(),
                s.hyperparameters().learningRate(), s.hyperparameters().l2(), s.hyperparameters().l1(),
                ParameterJson.of(s.parameters()), runs.permalink().of(s)));
    }

    private void history(Context ctx) {
        List<History.Row> rows = located(ctx).run().historyRows(0);
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
        String svg = renderer.plotExport(located(ctx));
        attachment(ctx, "plot.svg");
        ctx.contentType("image/svg+xml; charset=utf-8");
        ctx.result(svg);
    }

    private LabState.Live located(Context ctx) {
        return lab.look(new LabService.Ref(ctx.ip(), ctx.queryParam("run"), ctx.queryParam("state")), null);
    }

    private static String blank(Double v) {
        return v == null ? "" : v.toString();
    }

    private static void attachment(Context ctx, String name) {
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }
}
