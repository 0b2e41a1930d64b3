// Live scenario and contexts: the engine's PKI and make_contexts(), with the clock and trust of the real world.
#include "core/live/lab_tls.hpp"

#include <openssl/pem.h>

#include <algorithm>
#include <ctime>

#include "core/engine/chain_cache.hpp"

namespace hl::live {
namespace {

// The client verifies against the real time and trusts what this machine trusts, plus `ca_file`.
std::string open_client_trust(SSL_CTX* client, const std::string& ca_file) {
  X509_VERIFY_PARAM_clear_flags(SSL_CTX_get0_param(client), X509_V_FLAG_USE_CHECK_TIME);
  SSL_CTX_set_default_verify_paths(client);
  if (!ca_file.empty() && SSL_CTX_load_verify_locations(client, ca_file.c_str(), nullptr) != 1)
    return "cannot read the CA certificates in '" + ca_file + "'";
  return {};
}

// What `write` puts into a memory BIO, as text; empty when a write fails.
template <typename Write>
std::string pem_of(Write write) {
  BIO* bio = BIO_new(BIO_s_mem());
  if (bio == nullptr) return {};
  std::string pem;
  if (write(bio)) {
    char* text = nullptr;
    const long text_len = BIO_get_mem_data(bio, &text);
    pem.assign(text, static_cast<std::size_t>(text_len));
  }
  BIO_free(bio);
  return pem;
}

}  // namespace

Scenario live_scenario(Scenario lesson, const std::vector<std::string>& extra_names) {
  lesson.seed.reset();
  lesson.clock = static_cast<std::int64_t>(std::time(nullptr));
  for (const std::string& name : extra_names)
    if (std::find(lesson.cert.san.begin(), lesson.cert.san.end(), name) == lesson.cert.san.end())
      lesson.cert.san.push_back(name);
  return lesson;
}

void aim_client_at(Scenario& scenario, const std::string& host) {
  scenario.server_name = is_ip_literal(host) ? "" : host;  // RFC 6066 §3: SNI never carries an address
  scenario.verify_name = host;                              // SSL_set1_host() takes an address as an iPAddress name
}

bool live_contexts(const Scenario& scenario, const std::string& ca_file, std::shared_ptr<const ContextPair>& out,
                   std::string& out_error) {
  try {
    std::shared_ptr<const Chain> chain = cached_chain(scenario);
    ossl::PkeyPtr leaf_key(EVP_PKEY_dup(chain->leaf_key.get()));
    if (!leaf_key) return out_error = "the server's key could not be copied", false;
    auto pair = std::make_shared<ContextPair>();
    if (!make_contexts(scenario, chain, std::move(leaf_key), nullptr, *pair, out_error)) return false;
    out_error = open_client_trust(pair->client.get(), ca_file);
    if (!out_error.empty()) return false;
    out = std::move(pair);
    return true;
  } catch (const std::exception& e) {
    out_error = e.what();
    return false;
  }
}

std::string root_certificate_pem(const ContextPair& contexts) {
  X509* root = contexts.chain->root ? contexts.chain->root.get() : contexts.chain->leaf.get();
  return pem_of([root](BIO* bio) { return PEM_write_bio_X509(bio, root) == 1; });
}

std::string client_identity_pem(const ContextPair& contexts) {
  const Chain& chain = *contexts.chain;
  if (!chain.client_leaf || !chain.client_key) return {};
  // The leaf, the CA that issued it below the root (the server trusts only the root), then the key.
  return pem_of([&chain](BIO* bio) {
    return PEM_write_bio_X509(bio, chain.client_leaf.get()) == 1 &&
           (!chain.intermediate || PEM_write_bio_X509(bio, chain.intermediate.get()) == 1) &&
           PEM_write_bio_PrivateKey(bio, chain.client_key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
  });
}

}  // namespace hl::live
