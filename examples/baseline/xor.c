/* The article's classic program as plain C loops with X and Y hidden from the optimiser, a
 * yardstick for `make bench` beside stacknet's run with X and Y behind black_box.
 * Same order of operations as stacknet; glibc's exp. Prints nanoseconds per epoch on the first
 * line and the last epoch's Z on the second. xor_constants.c is the loop as usually written.
 * Usage: xor EPOCHS */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define HIDDEN 3

static double sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }

int main(int argc, char **argv) {
    long epochs = argc > 1 ? atol(argv[1]) : 1000000;
    /* X and Y are filled at run time, from a test on argc that the compiler cannot decide, so
     * it cannot fold the zeros and ones away: no C programmer would write this, but it matches
     * stacknet's run with X and Y behind black_box. */
    double X[4][2], Y[4];
    for (int n = 0; n < 4; n++) {
        X[n][0] = (double)((n >> 1) & 1) * (argc > 0);
        X[n][1] = (double)(n & 1) * (argc > 0);
        Y[n] = X[n][0] != X[n][1];
    }
    double Wh[2][HIDDEN] = {{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}}, Wz[HIDDEN] = {0.7, 0.8, 0.9};
    double Z[4];
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long epoch = 0; epoch < epochs; epoch++) {
        double H[4][HIDDEN], dZ[4], dH[4][HIDDEN];
        for (int n = 0; n < 4; n++) {
            for (int j = 0; j < HIDDEN; j++) H[n][j] = sigmoid(X[n][0] * Wh[0][j] + X[n][1] * Wh[1][j]);
            double sum = 0;
            for (int j = 0; j < HIDDEN; j++) sum += H[n][j] * Wz[j];
            Z[n] = sigmoid(sum);
            dZ[n] = (Y[n] - Z[n]) * (Z[n] * (1 - Z[n]));
            for (int j = 0; j < HIDDEN; j++) dH[n][j] = dZ[n] * Wz[j] * (H[n][j] * (1 - H[n][j]));
        }
        for (int j = 0; j < HIDDEN; j++) {
            double sum = 0;
            for (int n = 0; n < 4; n++) sum += H[n][j] * dZ[n];
            Wz[j] += sum;
        }
        for (int k = 0; k < 2; k++)
            for (int j = 0; j < HIDDEN; j++) {
                double sum = 0;
                for (int n = 0; n < 4; n++) sum += X[n][k] * dH[n][j];
                Wh[k][j] += sum;
            }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) * 1e-9;
    printf("%.2f\n", seconds * 1e9 / epochs);
    /* Z in full precision, for the benchmark to compare with stacknet's; it also keeps the
     * loop's result alive. */
    printf("%.17g %.17g %.17g %.17g\n", Z[0], Z[1], Z[2], Z[3]);
    return 0;
}
