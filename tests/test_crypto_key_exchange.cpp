// core/crypto's key exchange pieces on hand-made input: the RSA premaster read out of a
// ClientKeyExchange and decrypted with the server's key, good cases beside their bad twins.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include <openssl/ec.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "core/crypto/pkey.hpp"
#include "core/crypto/rsa_premaster.hpp"

using namespace hl;
using namespace hl::crypto;

namespace {

PkeyPtr rsa_key() { return PkeyPtr(EVP_RSA_gen(1024)); }

// PKCS #1 v1.5 encryption of `plain` to `key`, as a TLS 1.2 client does.
Bytes encrypt_to(EVP_PKEY* key, const Bytes& plain) {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new(key, nullptr));
  REQUIRE(EVP_PKEY_encrypt_init(ctx.get()) > 0);
  REQUIRE(EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) > 0);
  std::size_t out_len = 0;
  REQUIRE(EVP_PKEY_encrypt(ctx.get(), nullptr, &out_len, plain.data(), plain.size()) > 0);
  Bytes out(out_len);
  REQUIRE(EVP_PKEY_encrypt(ctx.get(), out.data(), &out_len, plain.data(), plain.size()) > 0);
  out.resize(out_len);
  return out;
}

// A ClientKeyExchange message (type 16, 3-byte length) around EncryptedPreMasterSecret.
Bytes client_key_exchange(const Bytes& encrypted) {
  const std::size_t body_len = encrypted.size() + 2;
  Bytes message;
  message.reserve(4 + body_len);
  for (std::size_t byte : {std::size_t{16}, std::size_t{0}, body_len >> 8, body_len, encrypted.size() >> 8, encrypted.size()})
    message.push_back(static_cast<std::uint8_t>(byte));
  message.insert(message.end(), encrypted.begin(), encrypted.end());
  return message;
}

Bytes premaster() {
  Bytes p(kPremasterLen);
  for (std::size_t i = 0; i < p.size(); ++i) p[i] = static_cast<std::uint8_t>(i * 7 + 1);
  p[0] = 0x03;
  p[1] = 0x03;
  return p;
}

}  // namespace

TEST_CASE("RSA premaster: read from the ClientKeyExchange and decrypted with the server's key") {
  const PkeyPtr key = rsa_key();
  REQUIRE(key);
  const Bytes encrypted = encrypt_to(key.get(), premaster());
  Bytes read, decrypted;
  std::string error;
  REQUIRE(read_encrypted_premaster(client_key_exchange(encrypted), read, error));
  CHECK(read == encrypted);
  REQUIRE(decrypt_rsa_premaster(key.get(), read, decrypted, error));
  CHECK(decrypted == premaster());
  CHECK(decrypted[0] == 0x03);
  CHECK(decrypted[1] == 0x03);
}

TEST_CASE("RSA premaster: a malformed ClientKeyExchange is refused with a reason") {
  const Bytes good = client_key_exchange(Bytes(64, 0xAB));
  Bytes out;
  std::string error;
  SECTION("truncated") {
    const Bytes truncated(good.begin(), good.end() - 1);
    CHECK_FALSE(read_encrypted_premaster(truncated, out, error));
    CHECK(error.find("length") != std::string::npos);
  }
  SECTION("overlong inner vector") {
    Bytes overlong = good;
    overlong[5] += 1;  // the opaque<0..2^16-1> claims one byte more than the message holds
    CHECK_FALSE(read_encrypted_premaster(overlong, out, error));
    CHECK(error.find("cut short") != std::string::npos);
  }
  SECTION("trailing bytes inside the message") {
    Bytes trailing = good;
    trailing.push_back(0);
    trailing[3] += 1;
    CHECK_FALSE(read_encrypted_premaster(trailing, out, error));
    CHECK(error.find("follow") != std::string::npos);
  }
  SECTION("bytes after the message") {
    Bytes after = good;
    after.push_back(0);
    CHECK_FALSE(read_encrypted_premaster(after, out, error));
  }
  SECTION("another message type") {
    Bytes other = good;
    other[0] = 12;
    CHECK_FALSE(read_encrypted_premaster(other, out, error));
    CHECK(error.find("not a ClientKeyExchange") != std::string::npos);
  }
  SECTION("empty") { CHECK_FALSE(read_encrypted_premaster({}, out, error)); }
  CHECK(out.empty());
}

TEST_CASE("RSA premaster: the wrong key, a flipped byte or a short plaintext is an error, not a value") {
  const PkeyPtr key = rsa_key();
  const PkeyPtr other = rsa_key();
  REQUIRE(key);
  REQUIRE(other);
  const Bytes encrypted = encrypt_to(key.get(), premaster());
  Bytes out;
  std::string error;
  CHECK_FALSE(decrypt_rsa_premaster(other.get(), encrypted, out, error));
  CHECK(error.find("padding") != std::string::npos);
  Bytes flipped = encrypted;
  flipped[flipped.size() / 2] ^= 0x01;
  CHECK_FALSE(decrypt_rsa_premaster(key.get(), flipped, out, error));
  const Bytes short_plain(47, 0x03);
  CHECK_FALSE(decrypt_rsa_premaster(key.get(), encrypt_to(key.get(), short_plain), out, error));
  CHECK(error.find("47 bytes") != std::string::npos);
  CHECK_FALSE(decrypt_rsa_premaster(key.get(), Bytes(3, 1), out, error));
  CHECK(out.empty());
  PkeyPtr ec(EVP_EC_gen("P-256"));
  CHECK_FALSE(decrypt_rsa_premaster(ec.get(), encrypted, out, error));
  CHECK(error.find("not an RSA key") != std::string::npos);
}

TEST_CASE("private key DER: loads, and refuses garbage and trailing bytes") {
  std::string error;
  CHECK_FALSE(load_private_key(Bytes{0x30, 0x03, 0x02, 0x01}, error));
  CHECK_FALSE(error.empty());
  const PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519"));
  REQUIRE(key);
  unsigned char* der = nullptr;
  PKCS8_PRIV_KEY_INFO* info = EVP_PKEY2PKCS8(key.get());
  const int der_len = i2d_PKCS8_PRIV_KEY_INFO(info, &der);
  PKCS8_PRIV_KEY_INFO_free(info);
  Bytes bytes(der, der + der_len);
  OPENSSL_free(der);
  const PkeyPtr loaded = load_private_key(bytes, error);
  REQUIRE(loaded);
  CHECK(EVP_PKEY_eq(loaded.get(), key.get()) == 1);
  bytes.push_back(0);
  CHECK_FALSE(load_private_key(bytes, error));
  CHECK(error.find("trailing") != std::string::npos);
}
