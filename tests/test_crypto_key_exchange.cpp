// core/crypto's key exchange pieces on hand-made input: the RSA premaster read out of a
// ClientKeyExchange and decrypted with the server's key; key shares, ServerKeyExchange and
// ClientKeyExchange read strictly; one side's derivation and DH padding; the SKE signature.
// Good cases beside their bad twins.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "core/crypto/handshake_signature.hpp"
#include "core/crypto/key_agreement.hpp"
#include "core/crypto/key_exchange_wire.hpp"
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

namespace {

// A fresh key of `type` ("EC", "DH", "X25519") in `group` (none for X25519).
PkeyPtr generated_key(const char* type, const char* group) {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1) return nullptr;
  const OSSL_PARAM params[] = {OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char*>(group), 0), OSSL_PARAM_END};
  if (group != nullptr && EVP_PKEY_CTX_set_params(ctx.get(), params) != 1) return nullptr;
  EVP_PKEY* key = nullptr;
  EVP_PKEY_keygen(ctx.get(), &key);
  return PkeyPtr(key);
}

}  // namespace

TEST_CASE("group private key: loads from group name and private value, public half computed; refuses bad values") {
  std::string error;
  const std::pair<const char*, const char*> kinds[] = {
      {"X25519", nullptr}, {"EC", "P-256"}, {"EC", "P-384"}, {"EC", "P-521"}, {"DH", "ffdhe2048"}};
  for (const auto& [type, group] : kinds) {
    CAPTURE(type, group ? group : "");
    const PkeyPtr original = generated_key(type, group);
    REQUIRE(original);
    const std::string name = group_name(original.get());
    CHECK_FALSE(name.empty());
    const PkeyPtr loaded = load_group_private_key(name, private_value(original.get()), error);
    REQUIRE(loaded);
    CHECK(error.empty());
    CHECK(EVP_PKEY_eq(loaded.get(), original.get()) == 1);
    CHECK(encoded_public_key(loaded.get()) == encoded_public_key(original.get()));
  }
  const Bytes zero(32, 0);
  CHECK_FALSE(load_group_private_key("prime256v1", zero, error));
  CHECK_THAT(error, Catch::Contains("prime256v1"));
  CHECK_FALSE(load_group_private_key("prime256v1", Bytes(32, 0xff), error));  // past the curve's order
  CHECK_FALSE(load_group_private_key("ffdhe2048", zero, error));
  CHECK_FALSE(load_group_private_key("no-such-group", Bytes(32, 1), error));
  CHECK_FALSE(load_group_private_key("X25519", Bytes(31, 1), error));  // X25519 keys are 32 bytes
  CHECK_FALSE(load_group_private_key("X25519", Bytes{}, error));
  CHECK_THAT(error, Catch::Contains("empty"));
}

namespace {

// A handshake message: type, 3-byte length, body.
Bytes message(std::uint8_t type, const Bytes& body) {
  Bytes out;
  out.reserve(4 + body.size());
  for (std::size_t byte : {std::size_t{type}, body.size() >> 16, body.size() >> 8, body.size()})
    out.push_back(static_cast<std::uint8_t>(byte));
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

// ServerECDHParams for x25519 with a 4-byte "point", then ecdsa_secp256r1_sha256 and a 3-byte signature.
const Bytes kEcdheParams = {3, 0x00, 0x1D, 4, 0xA1, 0xA2, 0xA3, 0xA4};
const Bytes kSignature = {0x04, 0x03, 0x00, 0x03, 0x51, 0x52, 0x53};

// A ServerHello (TLS 1.3 shape) whose only extension is `extension` of type 51.
HandshakeMessage server_hello_with(const Bytes& ext_data) {
  Bytes ext = cat({{0x00, 0x33, static_cast<std::uint8_t>(ext_data.size() >> 8), static_cast<std::uint8_t>(ext_data.size())}, ext_data});
  Bytes body = cat({{0x03, 0x03}, Bytes(32, 0x11), {0x00}, {0x13, 0x01}, {0x00},
                    {static_cast<std::uint8_t>(ext.size() >> 8), static_cast<std::uint8_t>(ext.size())}, ext});
  HandshakeMessage m;
  m.type = 2;
  m.from = Side::server;
  m.bytes = message(2, body);
  return m;
}

}  // namespace

TEST_CASE("ServerKeyExchange: ECDHE params, signature and their offsets; bad twins refused") {
  ServerKeyExchangeParams p;
  std::string error;
  REQUIRE(read_server_key_exchange(message(12, cat({kEcdheParams, kSignature})), false, p, error));
  CHECK(p.group == 0x001D);
  CHECK(p.public_key.bytes == Bytes{0xA1, 0xA2, 0xA3, 0xA4});
  CHECK(p.public_key.offset == 4 + 4);
  CHECK(p.params.bytes == kEcdheParams);
  CHECK(p.params.offset == 4);
  CHECK(p.scheme == 0x0403);
  CHECK(p.signature.bytes == Bytes{0x51, 0x52, 0x53});
  CHECK(p.signature.offset == 4 + kEcdheParams.size() + 4);
  SECTION("truncated signature") {
    const Bytes cut(kSignature.begin(), kSignature.end() - 1);
    CHECK_FALSE(read_server_key_exchange(message(12, cat({kEcdheParams, cut})), false, p, error));
    CHECK_THAT(error, Catch::Contains("signature"));
  }
  SECTION("overlong point") {
    Bytes params = kEcdheParams;
    params[3] = 40;
    CHECK_FALSE(read_server_key_exchange(message(12, cat({params, kSignature})), false, p, error));
  }
  SECTION("trailing bytes") {
    CHECK_FALSE(read_server_key_exchange(message(12, cat({kEcdheParams, kSignature, {0}})), false, p, error));
    CHECK_THAT(error, Catch::Contains("follow"));
  }
  SECTION("explicit curve") {
    Bytes params = kEcdheParams;
    params[0] = 1;
    CHECK_FALSE(read_server_key_exchange(message(12, cat({params, kSignature})), false, p, error));
  }
  SECTION("DHE params") {
    const Bytes dh = {0x00, 0x02, 0xFF, 0xFB, 0x00, 0x01, 0x02, 0x00, 0x02, 0x12, 0x34};
    REQUIRE(read_server_key_exchange(message(12, cat({dh, kSignature})), true, p, error));
    CHECK(p.dh_p.bytes == Bytes{0xFF, 0xFB});
    CHECK(p.dh_g.bytes == Bytes{0x02});
    CHECK(p.public_key.bytes == Bytes{0x12, 0x34});
    CHECK(p.public_key.offset == 4 + 9);
    const Bytes empty_g = {0x00, 0x02, 0xFF, 0xFB, 0x00, 0x00, 0x00, 0x02, 0x12, 0x34};
    CHECK_FALSE(read_server_key_exchange(message(12, cat({empty_g, kSignature})), true, p, error));
  }
  SECTION("not a ServerKeyExchange, or a header that lies") {
    CHECK_FALSE(read_server_key_exchange(message(16, cat({kEcdheParams, kSignature})), false, p, error));
    Bytes lying = message(12, cat({kEcdheParams, kSignature}));
    lying[3] += 1;
    CHECK_FALSE(read_server_key_exchange(lying, false, p, error));
  }
}

TEST_CASE("ClientKeyExchange public value: ECPoint and dh_Yc; bad twins refused") {
  WireBytes out;
  std::string error;
  REQUIRE(read_client_public(message(16, {2, 0xC1, 0xC2}), false, out, error));
  CHECK(out.bytes == Bytes{0xC1, 0xC2});
  CHECK(out.offset == 5);
  REQUIRE(read_client_public(message(16, {0, 2, 0xD1, 0xD2}), true, out, error));
  CHECK(out.offset == 6);
  CHECK_FALSE(read_client_public(message(16, {3, 0xC1, 0xC2}), false, out, error));        // overlong
  CHECK_FALSE(read_client_public(message(16, {2, 0xC1, 0xC2, 0}), false, out, error));     // trailing
  CHECK_FALSE(read_client_public(message(16, {0}), false, out, error));                    // empty point
  CHECK_FALSE(read_client_public(message(16, {}), true, out, error));                      // truncated
}

TEST_CASE("TLS 1.3 key_share: the server's entry and its offset; malformed entries refused") {
  KeyShareEntry entry;
  std::string error;
  const HandshakeMessage good = server_hello_with({0x00, 0x1D, 0x00, 0x02, 0xE1, 0xE2});
  REQUIRE(read_server_key_share(good, entry, error));
  CHECK(entry.group == 0x001D);
  CHECK(entry.key.bytes == Bytes{0xE1, 0xE2});
  CHECK(Bytes(good.bytes.begin() + static_cast<std::ptrdiff_t>(entry.key.offset), good.bytes.end()) == Bytes{0xE1, 0xE2});
  CHECK_FALSE(read_server_key_share(server_hello_with({0x00, 0x1D, 0x00, 0x03, 0xE1, 0xE2}), entry, error));  // overlong
  CHECK_FALSE(read_server_key_share(server_hello_with({0x00, 0x1D, 0x00, 0x02, 0xE1, 0xE2, 0}), entry, error));  // trailing
  CHECK_FALSE(read_server_key_share(server_hello_with({0x00, 0x1D}), entry, error));  // truncated
  CHECK_FALSE(read_server_key_share(server_hello_with({0x00, 0x1D, 0x00, 0x00}), entry, error));  // empty key
}

TEST_CASE("one side's derivation: X25519 both ways equal; FFDHE padded for TLS 1.3, stripped for TLS 1.2") {
  const PkeyPtr a(EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519")), b(EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519"));
  Bytes ab, ba;
  std::string error;
  REQUIRE(derive_shared_secret(a.get(), encoded_public_key(b.get()), DhPadding::pad_to_prime, ab, error));
  REQUIRE(derive_shared_secret(b.get(), encoded_public_key(a.get()), DhPadding::pad_to_prime, ba, error));
  CHECK(ab == ba);
  CHECK(private_value(a.get()).size() == 32);
  CHECK_FALSE(derive_shared_secret(a.get(), Bytes{1, 2, 3}, DhPadding::pad_to_prime, ab, error));
  CHECK_FALSE(error.empty());

  // ffdhe2048 with private exponent 2 and the peer value 2^100: the secret 2^200 has 230 leading zero bytes.
  OSSL_PARAM_BLD* build = OSSL_PARAM_BLD_new();
  BIGNUM* two = BN_new();
  BN_set_word(two, 2);
  BIGNUM* four = BN_new();
  BN_set_word(four, 4);
  REQUIRE(OSSL_PARAM_BLD_push_utf8_string(build, OSSL_PKEY_PARAM_GROUP_NAME, "ffdhe2048", 0));
  REQUIRE(OSSL_PARAM_BLD_push_BN(build, OSSL_PKEY_PARAM_PRIV_KEY, two));
  REQUIRE(OSSL_PARAM_BLD_push_BN(build, OSSL_PKEY_PARAM_PUB_KEY, four));
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(build);
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "DH", nullptr));
  EVP_PKEY* raw = nullptr;
  REQUIRE(EVP_PKEY_fromdata_init(ctx.get()) > 0);
  REQUIRE(EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_KEYPAIR, params) > 0);
  const PkeyPtr own(raw);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(build);
  BN_free(two);
  BN_free(four);
  Bytes peer(256 - 12, 0);  // 2^100 = 0x10 followed by 12 zero bytes, big-endian over 13 bytes
  peer.push_back(0x10);
  peer.insert(peer.end(), 12, 0);
  Bytes padded, stripped;
  REQUIRE(derive_shared_secret(own.get(), peer, DhPadding::pad_to_prime, padded, error));
  REQUIRE(derive_shared_secret(own.get(), peer, DhPadding::strip_leading_zeros, stripped, error));
  CHECK(padded.size() == 256);
  CHECK(stripped.size() == 26);  // 2^200 = 0x01 then 25 zero bytes
  CHECK(stripped[0] == 0x01);
  CHECK(Bytes(padded.end() - 26, padded.end()) == stripped);
  CHECK(std::all_of(padded.begin(), padded.end() - 26, [](std::uint8_t byte) { return byte == 0; }));
  CHECK(private_value(own.get()) == Bytes{2});
}

TEST_CASE("peer public key: the range check refuses y = 0, 1, p - 1 and p on FFDHE and a point off the curve") {
  // derive_shared_secret uses OpenSSL's quick public-key check (no y^q mod p); these must still fail.
  std::string error;
  const PkeyPtr own = load_group_private_key("ffdhe2048", Bytes{0x01, 0x23, 0x45, 0x67, 0x89}, error);
  REQUIRE(own);
  BIGNUM* p = nullptr;
  REQUIRE(EVP_PKEY_get_bn_param(own.get(), OSSL_PKEY_PARAM_FFC_P, &p) == 1);
  const auto as_value = [](const BIGNUM* n) {
    Bytes out(256);
    REQUIRE(BN_bn2binpad(n, out.data(), 256) == 256);
    return out;
  };
  BIGNUM* value = BN_dup(p);
  const Bytes p_bytes = as_value(value);
  BN_sub_word(value, 1);
  const Bytes p_minus_1 = as_value(value);
  BN_sub_word(value, 1);
  const Bytes p_minus_2 = as_value(value);
  BN_free(value);
  BN_free(p);
  Bytes zero(256, 0), one(256, 0), two(256, 0);
  one.back() = 1;
  two.back() = 2;
  Bytes secret;
  for (const Bytes& bad : {zero, one, p_minus_1, p_bytes}) {
    error.clear();
    CHECK_FALSE(derive_shared_secret(own.get(), bad, DhPadding::pad_to_prime, secret, error));
    CHECK_FALSE(error.empty());
  }
  CHECK(derive_shared_secret(own.get(), two, DhPadding::pad_to_prime, secret, error));  // the range's ends are valid values
  CHECK(derive_shared_secret(own.get(), p_minus_2, DhPadding::pad_to_prime, secret, error));

  const PkeyPtr ec = load_group_private_key("prime256v1", Bytes(32, 0x11), error);
  REQUIRE(ec);
  Bytes point = encoded_public_key(ec.get());
  REQUIRE(derive_shared_secret(ec.get(), point, DhPadding::pad_to_prime, secret, error));
  point.back() ^= 0x01;  // y changed: no longer on the curve
  CHECK_FALSE(derive_shared_secret(ec.get(), point, DhPadding::pad_to_prime, secret, error));
}

TEST_CASE("handshake signature: verifies with the right key and data, fails on any change") {
  const PkeyPtr key(EVP_EC_gen("P-256"));
  REQUIRE(key);
  const Bytes data = {1, 2, 3, 4, 5};
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  REQUIRE(EVP_DigestSignInit_ex(md.get(), nullptr, "SHA256", nullptr, nullptr, key.get(), nullptr) > 0);
  std::size_t sig_len = 0;
  REQUIRE(EVP_DigestSign(md.get(), nullptr, &sig_len, data.data(), data.size()) > 0);
  Bytes sig(sig_len);
  REQUIRE(EVP_DigestSign(md.get(), sig.data(), &sig_len, data.data(), data.size()) > 0);
  sig.resize(sig_len);
  std::string error;
  CHECK(verify_signature(key.get(), 0x0403, data, sig, error));
  Bytes changed = data;
  changed[0] ^= 1;
  CHECK_FALSE(verify_signature(key.get(), 0x0403, changed, sig, error));
  CHECK_THAT(error, Catch::Contains("does not verify"));
  CHECK_FALSE(verify_signature(key.get(), 0xFFFF, data, sig, error));
  CHECK_THAT(error, Catch::Contains("does not know"));
  PkeyPtr leaf;
  CHECK_FALSE(leaf_public_key(message(11, {0, 0, 0}), leaf, error));  // an empty certificate_list
  CHECK_FALSE(leaf_public_key(message(11, {0, 0, 4, 0, 0, 1, 0x30}), leaf, error));  // not X.509
  CHECK_FALSE(leaf_public_key(message(11, {0, 0, 9}), leaf, error));  // overlong list
}
