/* nbody: f64 gravitational N-body simulation (velocity Verlet-like
 * symplectic Euler) with a small softening term. Bodies come from a
 * deterministic generator. The checksum is taken from the bit patterns of
 * the final energy and positions: gcc on x86-64 (SSE2, no FMA contraction)
 * and wasm both use IEEE double with round-to-nearest, so the results agree
 * bit for bit. */
#include <math.h>
#include <string.h>
#include "bench.h"

#ifndef NBODY_STEPS
#define NBODY_STEPS 1500000
#endif
#define NB 6

typedef struct {
  double x, y, z, vx, vy, vz, m;
} body_t;

static body_t bodies[NB];

static double unit(uint32_t *s) { /* in [-1, 1) */
  return (double)(int32_t)bench_rand(s) / 2147483648.0;
}

static void init(void) {
  uint32_t s = 0x1234567u;
  bodies[0] = (body_t){0, 0, 0, 0, 0, 0, 40.0};
  for (int i = 1; i < NB; i++) {
    double r = 1.0 + i * 1.5;
    double a = unit(&s) * 3.14159;
    bodies[i].x = r * cos(a);
    bodies[i].y = r * sin(a);
    bodies[i].z = unit(&s) * 0.1;
    double v = sqrt(40.0 / r);
    bodies[i].vx = -v * sin(a);
    bodies[i].vy = v * cos(a);
    bodies[i].vz = unit(&s) * 0.01;
    bodies[i].m = 0.01 + (unit(&s) + 1.0) * 0.05;
  }
  /* zero total momentum */
  double px = 0, py = 0, pz = 0;
  for (int i = 0; i < NB; i++) {
    px += bodies[i].vx * bodies[i].m;
    py += bodies[i].vy * bodies[i].m;
    pz += bodies[i].vz * bodies[i].m;
  }
  bodies[0].vx -= px / bodies[0].m;
  bodies[0].vy -= py / bodies[0].m;
  bodies[0].vz -= pz / bodies[0].m;
}

static void step(double dt) {
  for (int i = 0; i < NB; i++) {
    body_t *a = &bodies[i];
    for (int j = i + 1; j < NB; j++) {
      body_t *b = &bodies[j];
      double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
      double d2 = dx * dx + dy * dy + dz * dz + 1e-4;
      double d = sqrt(d2);
      double mag = dt / (d2 * d);
      a->vx -= dx * b->m * mag;
      a->vy -= dy * b->m * mag;
      a->vz -= dz * b->m * mag;
      b->vx += dx * a->m * mag;
      b->vy += dy * a->m * mag;
      b->vz += dz * a->m * mag;
    }
  }
  for (int i = 0; i < NB; i++) {
    bodies[i].x += dt * bodies[i].vx;
    bodies[i].y += dt * bodies[i].vy;
    bodies[i].z += dt * bodies[i].vz;
  }
}

static double energy(void) {
  double e = 0;
  for (int i = 0; i < NB; i++) {
    body_t *a = &bodies[i];
    e += 0.5 * a->m * (a->vx * a->vx + a->vy * a->vy + a->vz * a->vz);
    for (int j = i + 1; j < NB; j++) {
      body_t *b = &bodies[j];
      double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
      e -= a->m * b->m / sqrt(dx * dx + dy * dy + dz * dz + 1e-4);
    }
  }
  return e;
}

static uint32_t mixd(uint32_t h, double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  h = bench_mix(h, (uint32_t)u);
  return bench_mix(h, (uint32_t)(u >> 32));
}

static uint32_t bench_run(void) {
  init();
  uint32_t h = mixd(0, energy());
  uint32_t steps = bench_opaque(NBODY_STEPS);
  for (uint32_t s = 0; s < steps; s++) step(0.001);
  h = mixd(h, energy());
  for (int i = 0; i < NB; i++) {
    h = mixd(h, bodies[i].x);
    h = mixd(h, bodies[i].y);
    h = mixd(h, bodies[i].z);
  }
  return h;
}

BENCH_MAIN("nbody")
