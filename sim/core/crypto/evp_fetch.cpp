#include "core/crypto/evp_fetch.hpp"

#include <map>
#include <mutex>

namespace hl::crypto {
namespace {

// One table per kind of object; entries live as long as the process (a handful of names),
// and a failed fetch is remembered as nullptr so it is not retried. The table is never
// destroyed, so its entries stay reachable at exit (a destroyed map would leave LeakSanitizer
// the fetched objects as leaks).
template <typename T, T* (*Fetch)(OSSL_LIB_CTX*, const char*, const char*)>
T* fetched(const std::string& name) {
  static std::mutex lock;
  static auto& table = *new std::map<std::string, T*, std::less<>>;
  const std::scoped_lock guard(lock);
  auto it = table.find(name);
  if (it == table.end()) it = table.emplace(name, Fetch(nullptr, name.c_str(), nullptr)).first;
  return it->second;
}

}  // namespace

const EVP_MD* fetched_digest(const std::string& name) { return fetched<EVP_MD, EVP_MD_fetch>(name); }
const EVP_CIPHER* fetched_cipher(const std::string& name) { return fetched<EVP_CIPHER, EVP_CIPHER_fetch>(name); }
EVP_KDF* fetched_kdf(const std::string& name) { return fetched<EVP_KDF, EVP_KDF_fetch>(name); }
EVP_MAC* fetched_mac(const std::string& name) { return fetched<EVP_MAC, EVP_MAC_fetch>(name); }

}  // namespace hl::crypto
