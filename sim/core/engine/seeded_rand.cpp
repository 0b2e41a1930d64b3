// The seeded RAND provider. OpenSSL 3 draws all randomness of a library context through
// its DRBGs; RAND_set_DRBG_type() makes that context build them from our "HL-SEEDED"
// algorithm instead of CTR-DRBG, so randoms, key shares, ECDSA nonces, PSS salts, ticket
// keys and serials all come from the seed. The generator is xoshiro256** keyed by
// splitmix64: reproducible, not secret, which is the point of a classroom seed.
#include "core/engine/seeded_rand.hpp"

#include <cstring>
#include <stdexcept>
#include <string>

#include <openssl/core_dispatch.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/provider.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>

namespace hl::seeded {
namespace {

constexpr const char* kProviderName = "hl-seeded";
constexpr const char* kRandName = "HL-SEEDED";
constexpr const char* kParamSeed = "hl-seed";
constexpr const char* kParamStream = "hl-stream";
constexpr unsigned int kStrength = 256;
constexpr std::size_t kMaxRequest = 1 << 16;

// ---- the generator -------------------------------------------------------------------

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

struct Generator {
  std::uint64_t s[4] = {};

  void key(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t state = seed ^ (stream * 0xD1B54A32D192ED03ull);
    for (auto& word : s) word = splitmix64(state);
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s[1] * 5, 7) * 9;
    const std::uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
  }
  void fill(unsigned char* out, std::size_t out_len) {
    while (out_len > 0) {
      std::uint64_t word = next();
      std::size_t chunk = out_len < sizeof word ? out_len : sizeof word;
      std::memcpy(out, &word, chunk);
      out += chunk;
      out_len -= chunk;
    }
  }
};

// ---- the provider's RAND algorithm ------------------------------------------------------

struct RandCtx {
  std::mutex lock;
  Generator generator;
  int state = EVP_RAND_STATE_UNINITIALISED;
};

RandCtx* as_ctx(void* vctx) { return static_cast<RandCtx*>(vctx); }

void* rand_newctx(void*, void*, const OSSL_DISPATCH*) {
  auto* ctx = new RandCtx();
  ctx->generator.key(0, 0);  // replaced by rekey(); never left unkeyed
  return ctx;
}
void rand_freectx(void* vctx) { delete as_ctx(vctx); }

int rand_set_ctx_params(void* vctx, const OSSL_PARAM params[]) {
  const OSSL_PARAM* seed = OSSL_PARAM_locate_const(params, kParamSeed);
  const OSSL_PARAM* stream = OSSL_PARAM_locate_const(params, kParamStream);
  if (seed == nullptr || stream == nullptr) return 1;  // OpenSSL's reseed intervals: not ours
  std::uint64_t seed_value = 0, stream_value = 0;
  if (!OSSL_PARAM_get_uint64(seed, &seed_value) || !OSSL_PARAM_get_uint64(stream, &stream_value)) return 0;
  as_ctx(vctx)->generator.key(seed_value, stream_value);
  return 1;
}

int rand_instantiate(void* vctx, unsigned int strength, int, const unsigned char*, std::size_t,
                     const OSSL_PARAM params[]) {
  if (strength > kStrength) return 0;
  as_ctx(vctx)->state = EVP_RAND_STATE_READY;
  return rand_set_ctx_params(vctx, params);
}
int rand_uninstantiate(void* vctx) {
  as_ctx(vctx)->state = EVP_RAND_STATE_UNINITIALISED;
  return 1;
}
int rand_generate(void* vctx, unsigned char* out, std::size_t out_len, unsigned int strength, int,
                  const unsigned char*, std::size_t) {
  if (strength > kStrength) return 0;
  as_ctx(vctx)->generator.fill(out, out_len);
  return 1;
}
int rand_enable_locking(void*) { return 1; }
int rand_lock(void* vctx) {
  as_ctx(vctx)->lock.lock();
  return 1;
}
void rand_unlock(void* vctx) { as_ctx(vctx)->lock.unlock(); }

const OSSL_PARAM* rand_gettable_ctx_params(void*, void*) {
  static const OSSL_PARAM params[] = {
      OSSL_PARAM_int(OSSL_RAND_PARAM_STATE, nullptr), OSSL_PARAM_uint(OSSL_RAND_PARAM_STRENGTH, nullptr),
      OSSL_PARAM_size_t(OSSL_RAND_PARAM_MAX_REQUEST, nullptr), OSSL_PARAM_END};
  return params;
}
const OSSL_PARAM* rand_settable_ctx_params(void*, void*) {
  static const OSSL_PARAM params[] = {OSSL_PARAM_uint64(kParamSeed, nullptr), OSSL_PARAM_uint64(kParamStream, nullptr),
                                      OSSL_PARAM_END};
  return params;
}
int rand_get_ctx_params(void* vctx, OSSL_PARAM params[]) {
  OSSL_PARAM* p = OSSL_PARAM_locate(params, OSSL_RAND_PARAM_STATE);
  if (p != nullptr && !OSSL_PARAM_set_int(p, as_ctx(vctx)->state)) return 0;
  p = OSSL_PARAM_locate(params, OSSL_RAND_PARAM_STRENGTH);
  if (p != nullptr && !OSSL_PARAM_set_uint(p, kStrength)) return 0;
  p = OSSL_PARAM_locate(params, OSSL_RAND_PARAM_MAX_REQUEST);
  if (p != nullptr && !OSSL_PARAM_set_size_t(p, kMaxRequest)) return 0;
  return 1;
}

template <typename Fn>
void (*as_dispatch(Fn* fn))(void) {
  return reinterpret_cast<void (*)(void)>(fn);
}

const OSSL_DISPATCH kRandFunctions[] = {
    {OSSL_FUNC_RAND_NEWCTX, as_dispatch(rand_newctx)},
    {OSSL_FUNC_RAND_FREECTX, as_dispatch(rand_freectx)},
    {OSSL_FUNC_RAND_INSTANTIATE, as_dispatch(rand_instantiate)},
    {OSSL_FUNC_RAND_UNINSTANTIATE, as_dispatch(rand_uninstantiate)},
    {OSSL_FUNC_RAND_GENERATE, as_dispatch(rand_generate)},
    {OSSL_FUNC_RAND_ENABLE_LOCKING, as_dispatch(rand_enable_locking)},
    {OSSL_FUNC_RAND_LOCK, as_dispatch(rand_lock)},
    {OSSL_FUNC_RAND_UNLOCK, as_dispatch(rand_unlock)},
    {OSSL_FUNC_RAND_GETTABLE_CTX_PARAMS, as_dispatch(rand_gettable_ctx_params)},
    {OSSL_FUNC_RAND_GET_CTX_PARAMS, as_dispatch(rand_get_ctx_params)},
    {OSSL_FUNC_RAND_SETTABLE_CTX_PARAMS, as_dispatch(rand_settable_ctx_params)},
    {OSSL_FUNC_RAND_SET_CTX_PARAMS, as_dispatch(rand_set_ctx_params)},
    {0, nullptr},
};

const OSSL_ALGORITHM kRandAlgorithms[] = {
    {kRandName, "provider=hl-seeded", kRandFunctions, "Handshake Lab seeded generator"},
    {nullptr, nullptr, nullptr, nullptr},
};

const OSSL_ALGORITHM* provider_query(void*, int operation_id, int* no_cache) {
  *no_cache = 0;
  return operation_id == OSSL_OP_RAND ? kRandAlgorithms : nullptr;
}

const OSSL_DISPATCH kProviderFunctions[] = {
    {OSSL_FUNC_PROVIDER_QUERY_OPERATION, as_dispatch(provider_query)},
    {0, nullptr},
};

int provider_init(const OSSL_CORE_HANDLE*, const OSSL_DISPATCH*, const OSSL_DISPATCH** out, void** provctx) {
  static int context_tag = 0;
  *out = kProviderFunctions;
  *provctx = &context_tag;
  return 1;
}

// ---- the process-wide seeded context ----------------------------------------------------

// Owns the context; destroyed at exit before OpenSSL's own clean-up (constructed after
// OpenSSL initialised), unloading the providers first as OpenSSL requires.
class SeededContext {
 public:
  SeededContext() {
    OPENSSL_init_ssl(0, nullptr);
    ctx_ = OSSL_LIB_CTX_new();
    if (ctx_ == nullptr) throw std::runtime_error("cannot create the seeded OpenSSL context");
    // Chosen before the context draws anything: its DRBGs are then all HL-SEEDED.
    if (!RAND_set_DRBG_type(ctx_, kRandName, nullptr, nullptr, nullptr) ||
        !OSSL_PROVIDER_add_builtin(ctx_, kProviderName, provider_init) ||
        (seeded_ = OSSL_PROVIDER_load(ctx_, kProviderName)) == nullptr ||
        (default_ = OSSL_PROVIDER_load(ctx_, "default")) == nullptr) {
      release();
      throw std::runtime_error("OpenSSL refused the seeded random provider");
    }
  }
  ~SeededContext() { release(); }
  SeededContext(const SeededContext&) = delete;
  SeededContext& operator=(const SeededContext&) = delete;

  OSSL_LIB_CTX* get() const { return ctx_; }

 private:
  void release() {
    if (default_) OSSL_PROVIDER_unload(default_);
    if (seeded_) OSSL_PROVIDER_unload(seeded_);
    OSSL_LIB_CTX_free(ctx_);
    default_ = seeded_ = nullptr;
    ctx_ = nullptr;
  }

  OSSL_LIB_CTX* ctx_ = nullptr;
  OSSL_PROVIDER* seeded_ = nullptr;
  OSSL_PROVIDER* default_ = nullptr;
};

void rekey_one(EVP_RAND_CTX* drbg, std::uint64_t seed, std::uint64_t stream) {
  if (drbg == nullptr) throw std::runtime_error("the seeded context has no DRBG");
  const char* name = EVP_RAND_get0_name(EVP_RAND_CTX_get0_rand(drbg));
  if (name == nullptr || std::string(name) != kRandName)
    throw std::runtime_error("the seeded context draws from a DRBG other than HL-SEEDED");
  OSSL_PARAM params[] = {OSSL_PARAM_construct_uint64(kParamSeed, &seed),
                         OSSL_PARAM_construct_uint64(kParamStream, &stream), OSSL_PARAM_construct_end()};
  if (!EVP_RAND_CTX_set_params(drbg, params)) throw std::runtime_error("cannot re-key the seeded DRBG");
}

}  // namespace

OSSL_LIB_CTX* libctx() {
  static SeededContext context;
  return context.get();
}

std::mutex& run_mutex() {
  static std::mutex mutex;
  return mutex;
}

void rekey(std::uint64_t seed, std::uint64_t domain) {
  OSSL_LIB_CTX* ctx = libctx();
  rekey_one(RAND_get0_primary(ctx), seed, domain * 4 + 1);
  rekey_one(RAND_get0_public(ctx), seed, domain * 4 + 2);
  rekey_one(RAND_get0_private(ctx), seed, domain * 4 + 3);
}

}  // namespace hl::seeded
