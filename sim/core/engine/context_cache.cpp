// The context cache, keyed by every scenario field make_contexts() reads.
#include "core/engine/context_cache.hpp"

#include <deque>
#include <map>
#include <mutex>

namespace hl {
namespace {

constexpr std::size_t kMaxPairs = 16;

std::string range_key(VersionRange range) { return std::to_string(range.min) + "-" + std::to_string(range.max); }

// The chain's address is part of the key: an entry holds its chain, so the address stays unique.
std::string context_key(const Scenario& s, const Chain* chain) {
  return std::to_string(static_cast<int>(s.version)) + "|" + s.ciphers + "|" + s.groups + "|" + s.server_groups +
         "|" + s.sigalgs + "|" + s.alpn + "|" + server_alpn_list(s) + "|" + std::to_string(s.tickets) + "|" +
         std::to_string(static_cast<int>(s.resume)) + "|" + std::to_string(s.clock) + "|" +
         (s.encrypt_then_mac ? "etm" : "mte") + "|" +
         std::to_string(reinterpret_cast<std::uintptr_t>(chain)) + "|" + std::to_string(s.ems) + "|" +
         range_key(client_range(s)) + "|" + range_key(server_range(s)) + "|client-cert" +
         std::to_string(static_cast<int>(s.client_cert)) + "|early" + std::to_string(static_cast<int>(s.early_data)) +
         (s.anti_replay ? "|anti-replay" : "|replayable") + "|" + s.client_ciphers + "|" + s.client_sigalgs;
}

class ContextCache {
 public:
  bool get(const Scenario& scenario, const std::shared_ptr<const Chain>& chain, std::shared_ptr<const ContextPair>& out_pair,
           std::string& out_error) {
    std::lock_guard<std::mutex> hold(mutex_);
    const std::string key = context_key(scenario, chain.get());
    if (auto found = pairs_.find(key); found != pairs_.end()) return out_pair = found->second, true;
    EVP_PKEY_up_ref(chain->leaf_key.get());
    auto pair = std::make_shared<ContextPair>();
    if (!make_contexts(scenario, chain, ossl::PkeyPtr(chain->leaf_key.get()), nullptr, *pair, out_error)) return false;
    if (order_.size() >= kMaxPairs) {
      pairs_.erase(order_.front());
      order_.pop_front();
    }
    pairs_.emplace(key, pair);
    order_.push_back(key);
    out_pair = std::move(pair);
    return true;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const ContextPair>> pairs_;
  std::deque<std::string> order_;
};

}  // namespace

bool cached_contexts(const Scenario& scenario, const std::shared_ptr<const Chain>& chain,
                     std::shared_ptr<const ContextPair>& out_pair, std::string& out_error) {
  static ContextCache cache;  // first used after OpenSSL initialised: destroyed before its clean-up
  return cache.get(scenario, chain, out_pair, out_error);
}

}  // namespace hl
