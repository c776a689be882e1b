package org.logitlab.web.page;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.logitlab.core.FeatureMap;
import org.logitlab.core.Hyperparameters;
import org.logitlab.core.Init;
import org.logitlab.core.Optimizer;
import org.logitlab.core.Parameterization;
import org.logitlab.core.Parameters;
import org.logitlab.core.RunConfig;
import org.logitlab.data.DatasetSpec;
import org.logitlab.web.input.FieldError;

/** What each custom-point action makes of the page's data: new points, the model settings and η and λs kept. */
class PageDataTest {
    private static final Hyperparameters TUNED = new Hyperparameters(0.3, 0.01, 0.02);

    /** One point (label 1) under sigmoid, with explicit starting weights, tuned to {@link #TUNED} at its step. */
    private static PageData onePoint() {
        Parameters start = Parameters.of(1, 2, new double[] {0.5, -0.5}, new double[] {0.1});
        RunConfig config = RunConfig.of(DatasetSpec.custom(List.of(new double[] {1, 2, 1})), 2,
                Parameterization.SIGMOID, FeatureMap.LINEAR, Optimizer.SGD, 1, new Hyperparameters(1, 0), 0, 5,
                new Init.Explicit(start));
        return new PageData(config, TUNED, config.dataset().points());
    }

    @Test
    void a_clicked_point_is_rounded_to_hundredths_and_the_settings_are_kept_from_step_0() {
        RunConfig config = onePoint().withPoint(1.234, -2.346, 0);

        assertEquals(2, config.dataset().points().size());
        assertArrayEquals(new double[] {1.23, -2.35, 0}, config.dataset().points().get(1));
        assertEquals(Parameterization.SIGMOID, config.parameterization());
        assertEquals(Optimizer.SGD, config.optimizer());
        assertTrue(config.init() instanceof Init.Explicit, "the same K keeps the explicit weights");
        assertEquals(TUNED, config.hyperparametersAt(0));
    }

    @Test
    void a_label_beyond_the_classes_or_an_index_beyond_the_points_is_refused_by_name() {
        assertEquals("label", assertThrows(FieldError.class, () -> onePoint().withPoint(0, 0, 2)).field());
        assertEquals("index", assertThrows(FieldError.class, () -> onePoint().without(1)).field());
    }

    @Test
    void removing_the_last_point_leaves_an_empty_custom_canvas() {
        RunConfig config = onePoint().without(0);

        assertTrue(config.dataset().isCustom() && config.dataset().points().isEmpty());
        assertEquals(2, config.classes());
    }

    @Test
    void data_of_three_classes_turn_sigmoid_into_softmax_and_drop_weights_of_the_old_shape() {
        PageData data = onePoint();
        RunConfig config = PageData.withData(data.config(), DatasetSpec.custom(List.of(new double[] {0, 0, 2})), 3,
                TUNED);

        assertEquals(Parameterization.SOFTMAX, config.parameterization());
        assertTrue(config.init() instanceof Init.Zeros);
        assertEquals(3, config.classes());
    }
}
