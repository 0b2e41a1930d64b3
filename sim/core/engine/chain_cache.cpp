// The chain and key caches behind cached_chain(), keyed by everything that shapes them.
#include "core/engine/chain_cache.hpp"

#include <atomic>
#include <deque>
#include <future>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>

#include <openssl/rsa.h>

#include "core/engine/seeded_rand.hpp"

namespace hl {
namespace {

// Seeded streams: each purpose draws from its own, so caching one never shifts another.
constexpr std::uint64_t kChainDomain = 2;
constexpr std::uint64_t kKeyDomainBase = 16;
constexpr std::size_t kMaxChains = 32;
constexpr std::size_t kMaxSlowKeys = 32;

// How many AbandonKeyGeneration objects are alive.
std::atomic<int> num_abandoners{0};

// OpenSSL calls this between the steps of a key generation; 0 stops it.
int keep_generating(EVP_PKEY_CTX*) { return num_abandoners.load() == 0 ? 1 : 0; }

struct RsaBits {
  KeyType type;
  unsigned bits;
};
constexpr RsaBits kRsaBits[] = {{KeyType::rsa1024, 1024}, {KeyType::rsa2048, 2048}, {KeyType::rsa3072, 3072}, {KeyType::rsa4096, 4096}};

// As generate_key() for an RSA type, but stoppable by AbandonKeyGeneration. Same steps as
// EVP_PKEY_Q_keygen, so a seeded key is the same bytes.
ossl::PkeyPtr generate_rsa_key(KeyType type, OSSL_LIB_CTX* libctx) {
  unsigned bits = 0;
  for (const RsaBits& row : kRsaBits)
    if (row.type == type) bits = row.bits;
  std::unique_ptr<EVP_PKEY_CTX, ossl::Free<EVP_PKEY_CTX_free>> ctx(EVP_PKEY_CTX_new_from_name(libctx, "RSA", nullptr));
  EVP_PKEY* key = nullptr;
  const bool ok = ctx && bits != 0 && EVP_PKEY_keygen_init(ctx.get()) > 0 &&
                  EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), static_cast<int>(bits)) > 0 &&
                  (EVP_PKEY_CTX_set_cb(ctx.get(), keep_generating), EVP_PKEY_generate(ctx.get(), &key) > 0);
  if (!ok) throw std::runtime_error(num_abandoners.load() ? "key generation abandoned" : "RSA key generation failed");
  return ossl::PkeyPtr(key);
}

using SharedKey = std::shared_ptr<EVP_PKEY>;

bool is_slow_key(KeyType type) {
  return type == KeyType::rsa1024 || type == KeyType::rsa2048 || type == KeyType::rsa3072 || type == KeyType::rsa4096;
}

std::string seed_text(const Scenario& scenario) {
  return scenario.seed ? std::to_string(*scenario.seed) : std::string("random");
}

// The client needs a certificate of its own only when it will send one.
bool wants_client_leaf(const Scenario& scenario) {
  return scenario.client_cert == ClientCert::on || scenario.client_cert == ClientCert::post_handshake;
}

std::string chain_key(const Scenario& scenario) {
  const CertRecipe& recipe = scenario.cert;
  std::string key = seed_text(scenario) + "|" + std::to_string(static_cast<int>(recipe.key)) + "|" +
                    (recipe.intermediate ? "i" : "-") + "|" + recipe.subject_cn + "|" +
                    std::to_string(recipe.valid_days) + "|" + std::to_string(scenario.clock) + "|" +
                    std::to_string(static_cast<int>(recipe.fault)) + "|ocsp" +
                    std::to_string(static_cast<int>(recipe.ocsp));
  for (const auto& name : recipe.san) key += "|" + name;
  for (const auto& host : recipe.virtual_hosts) key += "|vhost:" + host;
  if (wants_client_leaf(scenario)) key += "|client-leaf";
  return key;
}

class Caches {
 public:
  // The seeded context is created first so that it outlives the chains drawn from it.
  Caches() { seeded::libctx(); }

  std::shared_ptr<const Chain> chain(const Scenario& scenario) {
    const std::string key = chain_key(scenario);
    if (auto found = find_chain(key)) return found;
    // Built without the lock, so a slow key never stalls runs that want other chains. Two
    // unseeded runs may both build the same chain; the first one remembered is kept.
    auto built = std::make_shared<const Chain>(build(scenario));
    std::lock_guard<std::mutex> hold(mutex_);
    if (auto found = chains_.find(key); found != chains_.end()) return found->second;
    remember(key, built);
    return built;
  }

 private:
  // Slow (RSA) leaf keys come from their own cache; fast ones are drawn with the chain.
  Chain build(const Scenario& scenario) {
    OSSL_LIB_CTX* libctx = scenario.seed ? seeded::libctx() : nullptr;
    ossl::PkeyPtr leaf_key;
    if (is_slow_key(leaf_key_type(scenario.cert))) leaf_key = slow_key(scenario, libctx);
    if (scenario.seed) seeded::rekey(*scenario.seed, kChainDomain);
    if (!leaf_key) leaf_key = generate_key(leaf_key_type(scenario.cert), libctx);
    return build_chain(scenario.cert, scenario.clock, std::move(leaf_key), libctx, wants_client_leaf(scenario));
  }

  std::shared_ptr<const Chain> find_chain(const std::string& key) {
    std::lock_guard<std::mutex> hold(mutex_);
    auto found = chains_.find(key);
    return found == chains_.end() ? nullptr : found->second;
  }

  // The first run to want a key generates it; the others wait on the same future.
  ossl::PkeyPtr slow_key(const Scenario& scenario, OSSL_LIB_CTX* libctx) {
    const KeyType type = leaf_key_type(scenario.cert);
    const std::string key = seed_text(scenario) + "|" + std::to_string(static_cast<int>(type));
    std::promise<SharedKey> promise;
    std::shared_future<SharedKey> future;
    bool generate = false;
    {
      std::lock_guard<std::mutex> hold(mutex_);
      if (auto found = keys_.find(key); found != keys_.end()) {
        future = found->second;
      } else {
        if (keys_.size() >= kMaxSlowKeys) keys_.clear();  // many seeds tried: start over (chains keep their keys)
        future = keys_.emplace(key, promise.get_future().share()).first->second;
        generate = true;
      }
    }
    if (generate) generate_into(promise, scenario, key, libctx);
    EVP_PKEY* shared = future.get().get();  // rethrows the generator's error
    EVP_PKEY_up_ref(shared);
    return ossl::PkeyPtr(shared);
  }

  // A failed or abandoned generation is forgotten, so the next run tries again.
  void generate_into(std::promise<SharedKey>& promise, const Scenario& scenario, const std::string& key, OSSL_LIB_CTX* libctx) {
    try {
      const KeyType type = leaf_key_type(scenario.cert);
      if (scenario.seed) seeded::rekey(*scenario.seed, kKeyDomainBase + static_cast<std::uint64_t>(type));
      promise.set_value(SharedKey(generate_rsa_key(type, libctx).release(), EVP_PKEY_free));
    } catch (...) {
      {
        std::lock_guard<std::mutex> hold(mutex_);
        keys_.erase(key);
      }
      promise.set_exception(std::current_exception());
    }
  }

  void remember(const std::string& key, std::shared_ptr<const Chain> chain) {
    if (order_.size() >= kMaxChains) {
      chains_.erase(order_.front());
      order_.pop_front();
    }
    chains_.emplace(key, std::move(chain));
    order_.push_back(key);
  }

  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const Chain>> chains_;
  std::deque<std::string> order_;
  std::map<std::string, std::shared_future<SharedKey>> keys_;
};

Caches& caches() {
  // Constructed after OpenSSL is initialised (the first run has already used it), so it is
  // destroyed before OpenSSL's exit-time clean-up.
  static Caches instance;
  return instance;
}

}  // namespace

std::shared_ptr<const Chain> cached_chain(const Scenario& scenario) { return caches().chain(scenario); }

AbandonKeyGeneration::AbandonKeyGeneration() { ++num_abandoners; }

AbandonKeyGeneration::~AbandonKeyGeneration() { --num_abandoners; }

}  // namespace hl
