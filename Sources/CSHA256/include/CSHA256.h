#ifndef GROUPLEDGER_CSHA256_H
#define GROUPLEDGER_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the x86 SHA extensions (and SSSE3, SSE4.1) that
/// groupledger_sha256_compress_ni needs; 0 otherwise (and on other architectures).
int groupledger_sha256_ni_available(void);

/// Compresses `block_count` 64-byte blocks into `state` (H0…H7, native-endian words), as
/// FIPS 180-4 §6.2.2. Call only when groupledger_sha256_ni_available() returned 1.
void groupledger_sha256_compress_ni(uint32_t state[8], const uint8_t *blocks, size_t block_count);

#endif
