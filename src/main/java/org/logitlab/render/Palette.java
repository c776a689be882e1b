package org.logitlab.render;

import java.util.List;

/**
 * Class colours and marker shapes for up to 8 classes. Colours are from Okabe and Ito's colour-blind-safe set;
 * every class also has its own marker shape, so colour is never the only cue.
 */
public final class Palette {
    public static final List<String> COLOURS = List.of(
            "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#B8A700", "#6B6B6B");
    public static final List<String> SHAPES = List.of(
            "circle", "square", "triangle", "diamond", "triangle-down", "plus", "star", "hexagon");

    private Palette() {
    }

    public static String colour(int k) {
        return COLOURS.get(k);
    }

    private static final int[] RGB = COLOURS.stream().mapToInt(c -> Integer.parseInt(c.substring(1), 16)).toArray();

    public static int rgb(int k) {
        return RGB[k];
    }
}
