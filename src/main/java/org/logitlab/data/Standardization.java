package org.logitlab.data;

import org.logitlab.text.Reason;
import org.logitlab.text.Sentence;

/**
 * The z-scores applied to the two coordinate columns of a CSV file: x′ = (x − mean) / deviation, with the mean and
 * the population standard deviation (divided by n, not n − 1) of each column over all its rows. Summed in row
 * order, so the same file gives the same bits.
 *
 * @param x1 the first coordinate column's mean and deviation
 * @param x2 the second's
 */
public record Standardization(Column x1, Column x2) {

    /** One column's mean and standard deviation, and its name for messages. */
    public record Column(String name, double mean, double deviation) {

        /** (x − mean) / deviation. */
        public double apply(double x) {
            return (x - mean) / deviation;
        }

        /**
         * The mean and population deviation of {@code values} (two passes: the mean first, then the squared
         * distances from it, which avoids the cancellation of Σx² − n·mean²). A column whose values are all equal
         * cannot be standardized and is refused, naming it as {@code where} says.
         */
        static Column of(String name, Reason where, double[] values) {
            double sum = 0.0;
            for (double v : values) {
                sum += v;
            }
            double mean = sum / values.length;
            double squares = 0.0;
            for (double v : values) {
                squares += (v - mean) * (v - mean);
            }
            double deviation = StrictMath.sqrt(squares / values.length);
            if (deviation == 0.0) {
                throw new InvalidDatasetException(CsvTable.FIELD, Sentence.CSV_CONSTANT, where);
            }
            if (!Double.isFinite(deviation)) {
                throw new InvalidDatasetException(CsvTable.FIELD, Sentence.CSV_OVERFLOW, where);
            }
            return new Column(name, mean, deviation);
        }
    }
}
