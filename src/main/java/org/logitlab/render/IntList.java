package org.logitlab.render;

import java.util.Arrays;

/** A growable list of ints, for the tracers' cell and link lists. */
final class IntList {
    int[] items = new int[64];
    int size;

    void add(int v) {
        if (size == items.length) {
            items = Arrays.copyOf(items, 2 * size);
        }
        items[size++] = v;
    }
}
