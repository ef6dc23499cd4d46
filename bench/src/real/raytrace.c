/* raytrace: a Whitted-style ray tracer (spheres and a checkered plane, two
 * point lights, shadows, mirror reflections up to 4 bounces, 2x2
 * supersampling) rendering 8 frames of 320x240 pixels into an RGB buffer. Uses only
 * +, -, *, / and sqrt, which IEEE 754 makes exact on both builds, so the
 * image is bit-identical; prints "raytrace checksum XXXXXXXX" (FNV-1a of
 * the pixels). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "../bench.h"

typedef struct { double x, y, z; } vec;

static inline vec v(double x, double y, double z) { vec r = {x, y, z}; return r; }
static inline vec add(vec a, vec b) { return v(a.x + b.x, a.y + b.y, a.z + b.z); }
static inline vec sub(vec a, vec b) { return v(a.x - b.x, a.y - b.y, a.z - b.z); }
static inline vec mul(vec a, double k) { return v(a.x * k, a.y * k, a.z * k); }
static inline vec hadamard(vec a, vec b) { return v(a.x * b.x, a.y * b.y, a.z * b.z); }
static inline double dot(vec a, vec b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
static inline vec norm(vec a) { return mul(a, 1.0 / sqrt(dot(a, a))); }

typedef struct { vec c; double r; vec color; double refl; } sphere;

#define NSPHERES 9
static sphere spheres[NSPHERES];
static const vec lights[2] = {{-6, 9, -4}, {7, 6, -8}};

static void make_scene(void) {
  uint32_t s = bench_opaque(1234567u);
  for (int i = 0; i < NSPHERES; i++) {
    double a = (double)(bench_rand(&s) % 1000) / 1000.0, b = (double)(bench_rand(&s) % 1000) / 1000.0;
    spheres[i].c = v(-4.0 + 8.0 * a, 0.4 + 1.6 * b, 3.0 + (double)(i % 3) * 2.5);
    spheres[i].r = 0.4 + (double)(bench_rand(&s) % 600) / 1000.0;
    /* one call per statement: the order of a call's arguments is unspecified */
    double red = (double)(bench_rand(&s) % 256) / 255.0;
    double green = (double)(bench_rand(&s) % 256) / 255.0;
    double blue = (double)(bench_rand(&s) % 256) / 255.0;
    spheres[i].color = v(red, green, blue);
    spheres[i].refl = (double)(bench_rand(&s) % 70) / 100.0;
  }
}

/* Nearest hit along o + t d (d unit): distance, or 0 if none; *id = sphere
 * index or -1 for the plane y = 0. */
static double hit(vec o, vec d, int *id) {
  double best = 1e30;
  *id = -2;
  for (int i = 0; i < NSPHERES; i++) {
    vec oc = sub(o, spheres[i].c);
    double b = dot(oc, d), c = dot(oc, oc) - spheres[i].r * spheres[i].r;
    double disc = b * b - c;
    if (disc < 0) continue;
    double t = -b - sqrt(disc);
    if (t > 1e-6 && t < best) { best = t; *id = i; }
  }
  if (d.y < -1e-9) {
    double t = -o.y / d.y;
    if (t > 1e-6 && t < best) { best = t; *id = -1; }
  }
  return *id == -2 ? 0 : best;
}

static vec trace(vec o, vec d, int depth) {
  int id;
  double t = hit(o, d, &id);
  if (t == 0) return v(0.2 + 0.3 * d.y, 0.3 + 0.3 * d.y, 0.6 + 0.4 * d.y); /* sky */
  vec p = add(o, mul(d, t)), n, base;
  double refl;
  if (id < 0) {
    n = v(0, 1, 0);
    int check = ((int)floor(p.x) + (int)floor(p.z)) & 1;
    base = check ? v(0.9, 0.9, 0.9) : v(0.15, 0.15, 0.15);
    refl = 0.25;
  } else {
    n = norm(sub(p, spheres[id].c));
    base = spheres[id].color;
    refl = spheres[id].refl;
  }
  vec col = mul(base, 0.1);
  for (int l = 0; l < 2; l++) {
    vec to = sub(lights[l], p);
    double dist = sqrt(dot(to, to));
    vec ld = mul(to, 1.0 / dist);
    double diff = dot(n, ld);
    if (diff <= 0) continue;
    int sid;
    double st = hit(add(p, mul(n, 1e-4)), ld, &sid);
    if (st != 0 && st < dist) continue; /* in shadow */
    vec hv = norm(sub(ld, d));
    double spec = dot(n, hv);
    spec = spec > 0 ? spec * spec * spec * spec * spec * spec * spec * spec : 0;
    col = add(col, add(mul(base, 0.6 * diff), mul(v(1, 1, 1), 0.4 * spec)));
  }
  if (depth < 4 && refl > 0) {
    vec r = sub(d, mul(n, 2 * dot(d, n)));
    col = add(mul(col, 1 - refl), mul(trace(add(p, mul(n, 1e-4)), r, depth + 1), refl));
  }
  return col;
}

#define W 320
#define H 240

static uint32_t bench_run(void) {
  make_scene();
  unsigned char *img = malloc(W * H * 3);
  if (!img) return 0;
  vec eye = v(0, 2.2, -6);
  for (int frame = 0; frame < 8; frame++) {
    eye.x = -1.2 + 0.3 * (double)frame;
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        vec c = v(0, 0, 0);
        for (int sy = 0; sy < 2; sy++)
          for (int sx = 0; sx < 2; sx++) {
            double u = ((double)x + 0.25 + 0.5 * sx) / W * 2 - 1;
            double w = 1 - ((double)y + 0.25 + 0.5 * sy) / H * 2;
            vec d = norm(v(u * 1.333, w - 0.15, 1.6));
            c = add(c, trace(eye, d, 0));
          }
        c = mul(c, 0.25);
        unsigned char *px = img + 3 * (y * W + x);
        px[0] = (unsigned char)(c.x >= 1 ? 255 : c.x <= 0 ? 0 : (int)(c.x * 255));
        px[1] = (unsigned char)(c.y >= 1 ? 255 : c.y <= 0 ? 0 : (int)(c.y * 255));
        px[2] = (unsigned char)(c.z >= 1 ? 255 : c.z <= 0 ? 0 : (int)(c.z * 255));
      }
    }
  }
  uint32_t h = 0x811c9dc5u;
  for (int i = 0; i < W * H * 3; i++) h = (h ^ img[i]) * 16777619u;
  free(img);
  return h;
}

BENCH_MAIN("raytrace")
