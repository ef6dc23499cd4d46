relaxed-simd
