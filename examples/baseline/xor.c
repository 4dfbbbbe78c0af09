/* The article's classic program in plain C, the C yardstick of `make bench`: X and Y as constants
 * the compiler can see, glibc's exp, three loop structures of the same arithmetic (every sum in
 * the same order as stacknet's), so that the benchmark can keep the fastest:
 *
 *   fused   row by row: each row's H, Z, dZ and dH in one pass, then the two updates;
 *   phases  phase by phase, as numpy runs the article's lines: all of H, then all of Z, E, dZ,
 *           dH, and the two updates;
 *   units   hidden unit by hidden unit: each unit's column of H over the four rows, then Z row
 *           by row, then each unit's column of dH.
 *
 * Usage: xor STRUCTURE EPOCHS WH00 WH01 WH02 WH10 WH11 WH12 WZ0 WZ1 WZ2
 * (the starting weights, Wh row by row, then Wz). Prints nanoseconds per epoch on the first
 * line, the last epoch's Z on the second, and the final Wh and Wz on the third, in full
 * precision, for the benchmark to compare with stacknet's. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ROWS 4
#define INPUTS 2
#define HIDDEN 3

/* The article's X, every pair of truth values, and Y, their xor. */
static const double X[ROWS][INPUTS] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
static const double Y[ROWS] = {0, 1, 1, 0};

static double sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }
static double sigmoid_(double s) { return s * (1 - s); }

/* Wz += H^T . dZ and Wh += X^T . dH, each sum over the rows in order: shared by every structure. */
static inline void update(double Wh[INPUTS][HIDDEN], double Wz[HIDDEN], double H[ROWS][HIDDEN],
                          double dZ[ROWS], double dH[ROWS][HIDDEN]) {
    for (int j = 0; j < HIDDEN; j++) {
        double sum = 0;
        for (int n = 0; n < ROWS; n++) sum += H[n][j] * dZ[n];
        Wz[j] += sum;
    }
    for (int k = 0; k < INPUTS; k++)
        for (int j = 0; j < HIDDEN; j++) {
            double sum = 0;
            for (int n = 0; n < ROWS; n++) sum += X[n][k] * dH[n][j];
            Wh[k][j] += sum;
        }
}

static void fused(long epochs, double Wh[INPUTS][HIDDEN], double Wz[HIDDEN], double Z[ROWS]) {
    for (long epoch = 0; epoch < epochs; epoch++) {
        double H[ROWS][HIDDEN], dZ[ROWS], dH[ROWS][HIDDEN];
        for (int n = 0; n < ROWS; n++) {
            /* H = sigmoid(X . Wh), Z = sigmoid(H . Wz) */
            for (int j = 0; j < HIDDEN; j++) H[n][j] = sigmoid(X[n][0] * Wh[0][j] + X[n][1] * Wh[1][j]);
            double sum = 0;
            for (int j = 0; j < HIDDEN; j++) sum += H[n][j] * Wz[j];
            Z[n] = sigmoid(sum);
            /* dZ = (Y - Z) * sigmoid_(Z), dH = dZ . Wz^T * sigmoid_(H), from the old Wz */
            dZ[n] = (Y[n] - Z[n]) * sigmoid_(Z[n]);
            for (int j = 0; j < HIDDEN; j++) dH[n][j] = dZ[n] * Wz[j] * sigmoid_(H[n][j]);
        }
        update(Wh, Wz, H, dZ, dH);
    }
}

static void phases(long epochs, double Wh[INPUTS][HIDDEN], double Wz[HIDDEN], double Z[ROWS]) {
    for (long epoch = 0; epoch < epochs; epoch++) {
        double H[ROWS][HIDDEN], E[ROWS], dZ[ROWS], dH[ROWS][HIDDEN];
        /* H = sigmoid(np.dot(X, Wh)) */
        for (int n = 0; n < ROWS; n++)
            for (int j = 0; j < HIDDEN; j++) H[n][j] = sigmoid(X[n][0] * Wh[0][j] + X[n][1] * Wh[1][j]);
        /* Z = sigmoid(np.dot(H, Wz)) */
        for (int n = 0; n < ROWS; n++) {
            double sum = 0;
            for (int j = 0; j < HIDDEN; j++) sum += H[n][j] * Wz[j];
            Z[n] = sigmoid(sum);
        }
        /* E = Y - Z */
        for (int n = 0; n < ROWS; n++) E[n] = Y[n] - Z[n];
        /* dZ = E * sigmoid_(Z) */
        for (int n = 0; n < ROWS; n++) dZ[n] = E[n] * sigmoid_(Z[n]);
        /* dH = dZ.dot(Wz.T) * sigmoid_(H) */
        for (int n = 0; n < ROWS; n++)
            for (int j = 0; j < HIDDEN; j++) dH[n][j] = dZ[n] * Wz[j] * sigmoid_(H[n][j]);
        /* Wz += H.T.dot(dZ), Wh += X.T.dot(dH) */
        update(Wh, Wz, H, dZ, dH);
    }
}

static void units(long epochs, double Wh[INPUTS][HIDDEN], double Wz[HIDDEN], double Z[ROWS]) {
    for (long epoch = 0; epoch < epochs; epoch++) {
        double H[ROWS][HIDDEN], dZ[ROWS], dH[ROWS][HIDDEN];
        /* Each hidden unit's column of H */
        for (int j = 0; j < HIDDEN; j++)
            for (int n = 0; n < ROWS; n++) H[n][j] = sigmoid(X[n][0] * Wh[0][j] + X[n][1] * Wh[1][j]);
        for (int n = 0; n < ROWS; n++) {
            double sum = 0;
            for (int j = 0; j < HIDDEN; j++) sum += H[n][j] * Wz[j];
            Z[n] = sigmoid(sum);
            dZ[n] = (Y[n] - Z[n]) * sigmoid_(Z[n]);
        }
        /* Each hidden unit's column of dH */
        for (int j = 0; j < HIDDEN; j++)
            for (int n = 0; n < ROWS; n++) dH[n][j] = dZ[n] * Wz[j] * sigmoid_(H[n][j]);
        update(Wh, Wz, H, dZ, dH);
    }
}

int main(int argc, char **argv) {
    if (argc != 3 + INPUTS * HIDDEN + HIDDEN) {
        fprintf(stderr, "usage: xor fused|phases|units EPOCHS WH00 WH01 WH02 WH10 WH11 WH12 WZ0 WZ1 WZ2\n");
        return 2;
    }
    void (*train)(long, double[INPUTS][HIDDEN], double[HIDDEN], double[ROWS]) =
        strcmp(argv[1], "fused") == 0 ? fused : strcmp(argv[1], "phases") == 0 ? phases
        : strcmp(argv[1], "units") == 0 ? units : NULL;
    if (!train) {
        fprintf(stderr, "xor: unknown structure '%s'\n", argv[1]);
        return 2;
    }
    long epochs = atol(argv[2]);
    double Wh[INPUTS][HIDDEN], Wz[HIDDEN], Z[ROWS] = {0};
    for (int i = 0; i < INPUTS * HIDDEN; i++) Wh[i / HIDDEN][i % HIDDEN] = strtod(argv[3 + i], NULL);
    for (int j = 0; j < HIDDEN; j++) Wz[j] = strtod(argv[3 + INPUTS * HIDDEN + j], NULL);

    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    train(epochs, Wh, Wz, Z);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) * 1e-9;
    printf("%.3f\n", seconds * 1e9 / epochs);
    printf("%.17g %.17g %.17g %.17g\n", Z[0], Z[1], Z[2], Z[3]);
    for (int i = 0; i < INPUTS * HIDDEN; i++) printf("%.17g ", Wh[i / HIDDEN][i % HIDDEN]);
    printf("%.17g %.17g %.17g\n", Wz[0], Wz[1], Wz[2]);
    return 0;
}
