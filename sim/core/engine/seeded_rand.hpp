// Seeded mode: one process-wide OpenSSL library context whose every random byte comes
// from a small built-in RAND provider, re-keyed from the scenario seed per run.
#pragma once

#include <cstdint>
#include <mutex>

#include <openssl/types.h>

namespace hl::seeded {

/// The seeded library context (created on first use; throws std::runtime_error if OpenSSL
/// refuses the provider). Keys, certificates and both SSL_CTXs of a seeded run live in it.
OSSL_LIB_CTX* libctx();

/// Held for the whole of a seeded run: the context's DRBG state is shared, so seeded runs
/// take turns. Lock it before libctx() or rekey().
std::mutex& run_mutex();

/// Re-keys the calling thread's primary, public and private DRBGs of libctx() to a stream
/// that depends only on (seed, domain): what is drawn afterwards is reproducible.
void rekey(std::uint64_t seed, std::uint64_t domain);

}  // namespace hl::seeded
