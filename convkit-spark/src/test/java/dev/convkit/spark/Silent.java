package dev.convkit.spark;

import dev.convkit.nn.train.Trainer;

/** Listeners that print nothing. */
final class Silent {
    static final Trainer.Listener TRAINER = new Trainer.Listener() {
        @Override
        public void epochStart(int epoch, int batches) {
        }

        @Override
        public void batch(int epoch, int index, double loss, double accuracy, double imagesPerSecond) {
        }

        @Override
        public void epochEnd(Trainer.EpochResult result) {
        }
    };

    private Silent() {
    }
}
