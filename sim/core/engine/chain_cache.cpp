// The chain and key caches behind cached_chain(), keyed by everything that shapes them.
#include "core/engine/chain_cache.hpp"

#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "core/engine/seeded_rand.hpp"

namespace hl {
namespace {

// Seeded streams: each purpose draws from its own, so caching one never shifts another.
constexpr std::uint64_t kChainDomain = 2;
constexpr std::uint64_t kKeyDomainBase = 16;
constexpr std::size_t kMaxChains = 32;
constexpr std::size_t kMaxSlowKeys = 32;

bool is_slow_key(KeyType type) { return type == KeyType::rsa2048 || type == KeyType::rsa3072 || type == KeyType::rsa4096; }

std::string seed_text(const Scenario& scenario) {
  return scenario.seed ? std::to_string(*scenario.seed) : std::string("random");
}

std::string chain_key(const Scenario& scenario) {
  const CertRecipe& recipe = scenario.cert;
  std::string key = seed_text(scenario) + "|" + std::to_string(static_cast<int>(recipe.key)) + "|" +
                    (recipe.intermediate ? "i" : "-") + "|" + recipe.subject_cn + "|" +
                    std::to_string(recipe.valid_days) + "|" + std::to_string(scenario.clock);
  for (const auto& name : recipe.san) key += "|" + name;
  return key;
}

class Caches {
 public:
  // The seeded context is created first so that it outlives the chains drawn from it.
  Caches() { seeded::libctx(); }

  std::shared_ptr<const Chain> chain(const Scenario& scenario) {
    std::lock_guard<std::mutex> hold(mutex_);
    const std::string key = chain_key(scenario);
    if (auto found = chains_.find(key); found != chains_.end()) return found->second;
    auto built = std::make_shared<const Chain>(build(scenario));
    remember(key, built);
    return built;
  }

 private:
  // Slow (RSA) leaf keys come from their own cache; fast ones are drawn with the chain.
  Chain build(const Scenario& scenario) {
    OSSL_LIB_CTX* libctx = scenario.seed ? seeded::libctx() : nullptr;
    ossl::PkeyPtr leaf_key;
    if (is_slow_key(scenario.cert.key)) leaf_key = slow_key(scenario, libctx);
    if (scenario.seed) seeded::rekey(*scenario.seed, kChainDomain);
    if (!leaf_key) leaf_key = generate_key(scenario.cert.key, libctx);
    return build_chain(scenario.cert, scenario.clock, std::move(leaf_key), libctx);
  }

  ossl::PkeyPtr slow_key(const Scenario& scenario, OSSL_LIB_CTX* libctx) {
    const KeyType type = scenario.cert.key;
    const std::string key = seed_text(scenario) + "|" + std::to_string(static_cast<int>(type));
    auto found = keys_.find(key);
    if (found == keys_.end()) {
      if (keys_.size() >= kMaxSlowKeys) keys_.clear();  // many seeds tried: start over (chains keep their keys)
      if (scenario.seed) seeded::rekey(*scenario.seed, kKeyDomainBase + static_cast<std::uint64_t>(type));
      found = keys_.emplace(key, generate_key(type, libctx)).first;
    }
    EVP_PKEY_up_ref(found->second.get());
    return ossl::PkeyPtr(found->second.get());
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
  std::map<std::string, ossl::PkeyPtr> keys_;
};

Caches& caches() {
  // Constructed after OpenSSL is initialised (the first run has already used it), so it is
  // destroyed before OpenSSL's exit-time clean-up.
  static Caches instance;
  return instance;
}

}  // namespace

std::shared_ptr<const Chain> cached_chain(const Scenario& scenario) { return caches().chain(scenario); }

}  // namespace hl
