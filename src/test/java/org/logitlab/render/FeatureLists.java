package org.logitlab.render;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import org.logitlab.core.Feature;

/** Any non-empty choice of features, in the app's order; for {@code @ForAll(supplier = FeatureLists.class)}. */
class FeatureLists implements ArbitrarySupplier<List<Feature>> {
    @Override
    public Arbitrary<List<Feature>> get() {
        return Arbitraries.of(Feature.values()).set().ofMinSize(1).map(set -> set.stream().sorted().toList());
    }
}
