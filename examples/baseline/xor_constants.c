/* The article's classic program as a C programmer would write it, a yardstick for `make bench`:
 * X and Y as constants the compiler can see, plain loops, glibc's exp. Same order of operations
 * as stacknet. Prints nanoseconds per epoch on the first line and the last epoch's Z on the
 * second. Usage: xor_constants EPOCHS */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define HIDDEN 3

/* The article's X, every pair of truth values, and Y, their xor. */
static const double X[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
static const double Y[4] = {0, 1, 1, 0};

static double sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }

int main(int argc, char **argv) {
    long epochs = argc > 1 ? atol(argv[1]) : 1000000;
    double Wh[2][HIDDEN] = {{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}}, Wz[HIDDEN] = {0.7, 0.8, 0.9};
    double Z[4] = {0};
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long epoch = 0; epoch < epochs; epoch++) {
        double H[4][HIDDEN], dZ[4], dH[4][HIDDEN];
        for (int n = 0; n < 4; n++) {
            /* H = sigmoid(X . Wh), Z = sigmoid(H . Wz) */
            for (int j = 0; j < HIDDEN; j++) H[n][j] = sigmoid(X[n][0] * Wh[0][j] + X[n][1] * Wh[1][j]);
            double sum = 0;
            for (int j = 0; j < HIDDEN; j++) sum += H[n][j] * Wz[j];
            Z[n] = sigmoid(sum);
            /* dZ = (Y - Z) * sigmoid_(Z), dH = dZ . Wz^T * sigmoid_(H), from the old Wz */
            dZ[n] = (Y[n] - Z[n]) * (Z[n] * (1 - Z[n]));
            for (int j = 0; j < HIDDEN; j++) dH[n][j] = dZ[n] * Wz[j] * (H[n][j] * (1 - H[n][j]));
        }
        /* Wz += H^T . dZ */
        for (int j = 0; j < HIDDEN; j++) {
            double sum = 0;
            for (int n = 0; n < 4; n++) sum += H[n][j] * dZ[n];
            Wz[j] += sum;
        }
        /* Wh += X^T . dH */
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
    /* Z in full precision, for the benchmark to compare with stacknet's. */
    printf("%.17g %.17g %.17g %.17g\n", Z[0], Z[1], Z[2], Z[3]);
    return 0;
}
