// The in-memory PKI: chain shape, validity from the scenario clock, names, key usages,
// and the caches (same chain for the same recipe, seeded chains repeat).
#include <catch2/catch.hpp>

#include <openssl/x509v3.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

#include "core/engine/chain_cache.hpp"
#include "core/engine/pki.hpp"
#include "core/engine/seeded_rand.hpp"
#include "core/model/transcript.hpp"

using namespace hl;

namespace {

std::int64_t seconds_between(const ASN1_TIME* from, const ASN1_TIME* to) {
  int days = 0, seconds = 0;
  REQUIRE(ASN1_TIME_diff(&days, &seconds, from, to));
  return std::int64_t{days} * 86400 + seconds;
}

std::string common_name(X509* cert) {
  char text[256] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, text, sizeof text);
  return text;
}

Bytes der_of(X509* cert) {
  unsigned char* der = nullptr;
  const int der_len = i2d_X509(cert, &der);
  REQUIRE(der_len > 0);
  Bytes out(der, der + der_len);
  OPENSSL_free(der);
  return out;
}

}  // namespace

TEST_CASE("build_chain: root -> intermediate -> leaf, each signed by the one above") {
  CertRecipe recipe;
  const std::int64_t clock = 1790000000;
  Chain chain = build_chain(recipe, clock, generate_key(KeyType::ecdsa_p256, nullptr), nullptr);
  REQUIRE(chain.root);
  REQUIRE(chain.intermediate);
  REQUIRE(chain.leaf);
  CHECK(X509_verify(chain.root.get(), X509_get0_pubkey(chain.root.get())) == 1);
  CHECK(X509_verify(chain.intermediate.get(), X509_get0_pubkey(chain.root.get())) == 1);
  CHECK(X509_verify(chain.leaf.get(), X509_get0_pubkey(chain.intermediate.get())) == 1);
  CHECK(X509_verify(chain.leaf.get(), X509_get0_pubkey(chain.root.get())) != 1);
  CHECK(X509_check_private_key(chain.leaf.get(), chain.leaf_key.get()) == 1);

  CHECK(X509_check_ca(chain.root.get()) >= 1);
  CHECK(X509_check_ca(chain.intermediate.get()) >= 1);
  CHECK(X509_check_ca(chain.leaf.get()) == 0);
  CHECK(common_name(chain.leaf.get()) == "www.example.com");
  CHECK(X509_check_host(chain.leaf.get(), "example.com", 0, 0, nullptr) == 1);
  CHECK(X509_check_host(chain.leaf.get(), "www.example.com", 0, 0, nullptr) == 1);
  CHECK(X509_check_host(chain.leaf.get(), "www.example.org", 0, 0, nullptr) == 0);
  CHECK((X509_get_extended_key_usage(chain.leaf.get()) & XKU_SSL_SERVER) != 0);
  // An ECDSA leaf signs; only RSA leaves may also be encrypted to.
  CHECK((X509_get_key_usage(chain.leaf.get()) & KU_DIGITAL_SIGNATURE) != 0);
  CHECK((X509_get_key_usage(chain.leaf.get()) & KU_KEY_ENCIPHERMENT) == 0);

  // Validity: from a day before the clock, valid_days long.
  ASN1_TIME* at_clock = ASN1_TIME_set(nullptr, static_cast<time_t>(clock));
  CHECK(seconds_between(X509_get0_notBefore(chain.leaf.get()), at_clock) == 86400);
  CHECK(seconds_between(X509_get0_notBefore(chain.leaf.get()), X509_get0_notAfter(chain.leaf.get())) ==
        std::int64_t{recipe.valid_days} * 86400);
  ASN1_TIME_free(at_clock);
}

TEST_CASE("build_chain honours the recipe: no intermediate, other names, RSA key usage") {
  CertRecipe recipe;
  recipe.intermediate = false;
  recipe.subject_cn = "mail.example.net";
  recipe.san = {"mail.example.net", "imap.example.net"};
  recipe.key = KeyType::rsa2048;
  Chain chain = build_chain(recipe, 1790000000, generate_key(KeyType::rsa2048, nullptr), nullptr);
  CHECK_FALSE(chain.intermediate);
  CHECK(X509_verify(chain.leaf.get(), X509_get0_pubkey(chain.root.get())) == 1);
  CHECK(common_name(chain.leaf.get()) == "mail.example.net");
  CHECK(X509_check_host(chain.leaf.get(), "imap.example.net", 0, 0, nullptr) == 1);
  CHECK(X509_check_host(chain.leaf.get(), "www.example.com", 0, 0, nullptr) == 0);
  CHECK((X509_get_key_usage(chain.leaf.get()) & KU_KEY_ENCIPHERMENT) != 0);
  CHECK(EVP_PKEY_get_bits(chain.leaf_key.get()) == 2048);
}

TEST_CASE("generate_key makes each key type") {
  CHECK(EVP_PKEY_is_a(generate_key(KeyType::ecdsa_p256, nullptr).get(), "EC"));
  CHECK(EVP_PKEY_is_a(generate_key(KeyType::ed25519, nullptr).get(), "ED25519"));
  CHECK(EVP_PKEY_get_bits(generate_key(KeyType::rsa3072, nullptr).get()) == 3072);
  CHECK(EVP_PKEY_is_a(generate_key(KeyType::ed448, nullptr).get(), "ED448"));
  const auto p384 = generate_key(KeyType::ecdsa_p384, nullptr);
  CHECK(EVP_PKEY_is_a(p384.get(), "EC"));
  CHECK(EVP_PKEY_get_bits(p384.get()) == 384);
  const auto pss = generate_key(KeyType::rsa_pss, nullptr);
  CHECK(EVP_PKEY_is_a(pss.get(), "RSA-PSS"));
  CHECK(EVP_PKEY_get_bits(pss.get()) == 2048);
}

TEST_CASE("cached_chain: one chain per recipe and clock; seeded chains repeat, seeds differ") {
  Scenario scenario;
  auto first = cached_chain(scenario);
  CHECK(cached_chain(scenario) == first);
  Scenario later = scenario;
  later.clock += 86400;
  CHECK(cached_chain(later) != first);

  std::lock_guard<std::mutex> hold(seeded::run_mutex());
  Scenario seeded_a = scenario;
  seeded_a.seed = 77;
  Scenario seeded_b = seeded_a;
  seeded_b.cert.valid_days = 91;  // another recipe: built afresh from the same seed
  Scenario seeded_c = seeded_a;
  seeded_c.seed = 78;
  auto a = cached_chain(seeded_a);
  auto b = cached_chain(seeded_b);
  auto c = cached_chain(seeded_c);
  CHECK(der_of(a->root.get()) == der_of(b->root.get()));  // same seed, same stream: the same CA
  CHECK(der_of(a->leaf.get()) != der_of(b->leaf.get()));  // different validity
  CHECK(der_of(a->root.get()) != der_of(c->root.get()));
}

TEST_CASE("cached_chain: a slow RSA generation holds no lock, and AbandonKeyGeneration stops it") {
  Scenario slow;
  slow.cert.key = KeyType::rsa4096;
  slow.cert.subject_cn = "abandoned.example";  // a recipe no other test caches
  std::atomic<bool> slow_done{false};
  std::string slow_error;
  std::thread generator([&] {
    try {
      cached_chain(slow);
    } catch (const std::runtime_error& e) {
      slow_error = e.what();
    }
    slow_done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // let it reach the key generation
  Scenario fast;
  fast.cert.subject_cn = "fast-while-rsa.example";
  CHECK(cached_chain(fast) != nullptr);  // did not wait for the RSA-4096 key
  CHECK_FALSE(slow_done);
  {
    AbandonKeyGeneration abandon;
    generator.join();
  }
  CHECK(slow_error == "key generation abandoned");
  // The abandoned key is forgotten: once nobody abandons, an RSA chain builds again.
  Scenario rsa;
  rsa.cert.key = KeyType::rsa2048;
  rsa.cert.subject_cn = "after-abandon.example";
  auto chain = cached_chain(rsa);
  REQUIRE(chain != nullptr);
  CHECK(EVP_PKEY_get_bits(chain->leaf_key.get()) == 2048);
}
