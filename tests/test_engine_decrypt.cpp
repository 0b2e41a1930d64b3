// Every protected record of every scenario, decrypted here from the run's NSS key log with
// OpenSSL's EVP alone (not the engine's capture path) and compared with the step's plaintext.
//   TLS 1.3: key and iv = HKDF-Expand-Label(traffic secret, "key"/"iv", "", len) (RFC 8446 7.3),
//            nonce = iv XOR seq, AAD = the record header (5.2).
//   TLS 1.2: key block = PRF(master secret, "key expansion", server_random + client_random)
//            (RFC 5246 6.3); GCM (RFC 5288), ChaCha20-Poly1305 (RFC 7905), CBC with
//            MAC-then-encrypt (RFC 5246 6.2.3.2) or encrypt-then-MAC (RFC 7366).
#include <catch2/catch.hpp>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/engine/engine.hpp"
#include "core/engine/outcome.hpp"
#include "core/lessons/loader.hpp"

namespace {

using hl::Bytes;

// [SECTION] Cipher suites the scenarios use: what each needs from the key block.
enum class Aead : std::uint8_t { gcm, chacha, cbc };

struct Suite {
  const char* iana;        // Negotiated::cipher
  const char* evp_cipher;  // EVP_CIPHER_fetch name
  const char* digest;      // PRF / HKDF hash
  Aead aead;
  std::size_t key_len;
  std::size_t fixed_iv_len;  // TLS 1.2 key block IV; TLS 1.3 always 12
  const char* mac;           // CBC only: HMAC digest
  std::size_t mac_len;
};

constexpr Suite kSuites[] = {
    {"TLS_AES_128_GCM_SHA256", "AES-128-GCM", "SHA256", Aead::gcm, 16, 12, nullptr, 0},
    {"TLS_AES_256_GCM_SHA384", "AES-256-GCM", "SHA384", Aead::gcm, 32, 12, nullptr, 0},
    {"TLS_CHACHA20_POLY1305_SHA256", "ChaCha20-Poly1305", "SHA256", Aead::chacha, 32, 12, nullptr, 0},
    {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "AES-128-GCM", "SHA256", Aead::gcm, 16, 4, nullptr, 0},
    {"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "AES-256-GCM", "SHA384", Aead::gcm, 32, 4, nullptr, 0},
    {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "AES-128-GCM", "SHA256", Aead::gcm, 16, 4, nullptr, 0},
    {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "AES-256-GCM", "SHA384", Aead::gcm, 32, 4, nullptr, 0},
    {"TLS_RSA_WITH_AES_128_GCM_SHA256", "AES-128-GCM", "SHA256", Aead::gcm, 16, 4, nullptr, 0},
    {"TLS_RSA_WITH_AES_256_GCM_SHA384", "AES-256-GCM", "SHA384", Aead::gcm, 32, 4, nullptr, 0},
    {"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ChaCha20-Poly1305", "SHA256", Aead::chacha, 32, 12, nullptr, 0},
    {"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ChaCha20-Poly1305", "SHA256", Aead::chacha, 32, 12, nullptr, 0},
    {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "AES-128-CBC", "SHA256", Aead::cbc, 16, 0, "SHA256", 32},
    {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "AES-128-CBC", "SHA256", Aead::cbc, 16, 0, "SHA1", 20},
    {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "AES-128-CBC", "SHA256", Aead::cbc, 16, 0, "SHA256", 32},
    {"TLS_RSA_WITH_AES_128_CBC_SHA256", "AES-128-CBC", "SHA256", Aead::cbc, 16, 0, "SHA256", 32},
    {"TLS_RSA_WITH_AES_128_CBC_SHA", "AES-128-CBC", "SHA256", Aead::cbc, 16, 0, "SHA1", 20},
    {"TLS_RSA_WITH_AES_256_CBC_SHA256", "AES-256-CBC", "SHA256", Aead::cbc, 32, 0, "SHA256", 32},
};

const Suite* find_suite(const std::string& iana) {
  for (const Suite& suite : kSuites)
    if (iana == suite.iana) return &suite;
  return nullptr;
}

// [SECTION] Small byte helpers.
Bytes from_hex(const std::string& hex) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

Bytes concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

Bytes be(std::uint64_t value, std::size_t len) {
  Bytes out(len);
  for (std::size_t i = 0; i < len && i < sizeof value; ++i) out[len - 1 - i] = static_cast<std::uint8_t>(value >> (8 * i));
  return out;
}

Bytes slice(const Bytes& bytes, std::size_t offset, std::size_t len) {
  return Bytes(bytes.begin() + static_cast<std::ptrdiff_t>(offset), bytes.begin() + static_cast<std::ptrdiff_t>(offset + len));
}

Bytes xor_seq(Bytes iv, std::uint64_t seq) {
  const Bytes padded = be(seq, iv.size());
  for (std::size_t i = 0; i < iv.size(); ++i) iv[i] ^= padded[i];
  return iv;
}

// [SECTION] Key derivation with EVP_KDF.
Bytes kdf(const char* name, std::vector<OSSL_PARAM> params, std::size_t len) {
  params.push_back(OSSL_PARAM_construct_end());
  EVP_KDF* algorithm = EVP_KDF_fetch(nullptr, name, nullptr);
  EVP_KDF_CTX* ctx = EVP_KDF_CTX_new(algorithm);
  Bytes out(len);
  const int ok = EVP_KDF_derive(ctx, out.data(), out.size(), params.data());
  EVP_KDF_CTX_free(ctx);
  EVP_KDF_free(algorithm);
  REQUIRE(ok == 1);
  return out;
}

// RFC 8446 7.1: HKDF-Expand(secret, HkdfLabel{length, "tls13 " + label, context = ""}, length).
Bytes hkdf_expand_label(const Bytes& secret, const std::string& label, std::size_t len, const char* digest) {
  const std::string full = "tls13 " + label;
  Bytes info = be(len, 2);
  info.push_back(static_cast<std::uint8_t>(full.size()));
  info.insert(info.end(), full.begin(), full.end());
  info.push_back(0);  // empty context
  int mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY;
  return kdf("HKDF",
             {OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode),
              OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char*>(digest), 0),
              OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<std::uint8_t*>(secret.data()), secret.size()),
              OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info.data(), info.size())},
             len);
}

// RFC 5246 5: PRF(secret, label, seed) with the suite's hash.
Bytes tls12_prf(const Bytes& secret, const std::string& label, const Bytes& seed, std::size_t len, const char* digest) {
  Bytes full_seed(label.begin(), label.end());
  full_seed.insert(full_seed.end(), seed.begin(), seed.end());
  return kdf("TLS1-PRF",
             {OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char*>(digest), 0),
              OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SECRET, const_cast<std::uint8_t*>(secret.data()), secret.size()),
              OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED, full_seed.data(), full_seed.size())},
             len);
}

// [SECTION] Record protection with EVP_CIPHER and EVP_MAC.
std::optional<Bytes> aead_open(const Suite& suite, const Bytes& key, const Bytes& nonce, const Bytes& aad, const Bytes& sealed) {
  constexpr std::size_t kTagLen = 16;
  if (sealed.size() < kTagLen) return std::nullopt;
  EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, suite.evp_cipher, nullptr);
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  const std::size_t text_len = sealed.size() - kTagLen;
  Bytes out(text_len + 16);
  int len = 0, final_len = 0;
  Bytes tag = slice(sealed, text_len, kTagLen);
  bool ok = EVP_DecryptInit_ex2(ctx, cipher, nullptr, nullptr, nullptr) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, static_cast<int>(nonce.size()), nullptr) == 1 &&
            EVP_DecryptInit_ex2(ctx, nullptr, key.data(), nonce.data(), nullptr) == 1 &&
            EVP_DecryptUpdate(ctx, nullptr, &len, aad.data(), static_cast<int>(aad.size())) == 1 &&
            EVP_DecryptUpdate(ctx, out.data(), &len, sealed.data(), static_cast<int>(text_len)) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, kTagLen, tag.data()) == 1 &&
            EVP_DecryptFinal_ex(ctx, out.data() + len, &final_len) == 1;
  EVP_CIPHER_CTX_free(ctx);
  EVP_CIPHER_free(cipher);
  if (!ok) return std::nullopt;
  out.resize(static_cast<std::size_t>(len + final_len));
  return out;
}

Bytes cbc_decrypt(const Suite& suite, const Bytes& key, const Bytes& iv, const Bytes& ciphertext) {
  EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, suite.evp_cipher, nullptr);
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  Bytes out(ciphertext.size() + 16);
  int len = 0, final_len = 0;
  bool ok = EVP_DecryptInit_ex2(ctx, cipher, key.data(), iv.data(), nullptr) == 1 &&
            EVP_CIPHER_CTX_set_padding(ctx, 0) == 1 &&  // TLS padding is checked below, by its own rule
            EVP_DecryptUpdate(ctx, out.data(), &len, ciphertext.data(), static_cast<int>(ciphertext.size())) == 1 &&
            EVP_DecryptFinal_ex(ctx, out.data() + len, &final_len) == 1;
  EVP_CIPHER_CTX_free(ctx);
  EVP_CIPHER_free(cipher);
  REQUIRE(ok);
  out.resize(static_cast<std::size_t>(len + final_len));
  return out;
}

Bytes hmac(const char* digest, const Bytes& key, const Bytes& data) {
  EVP_MAC* algorithm = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(algorithm);
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digest), 0),
                         OSSL_PARAM_construct_end()};
  Bytes out(EVP_MAX_MD_SIZE);
  std::size_t len = 0;
  const bool ok = EVP_MAC_init(ctx, key.data(), key.size(), params) == 1 &&
                  EVP_MAC_update(ctx, data.data(), data.size()) == 1 && EVP_MAC_final(ctx, out.data(), &len, out.size()) == 1;
  EVP_MAC_CTX_free(ctx);
  EVP_MAC_free(algorithm);
  REQUIRE(ok);
  out.resize(len);
  return out;
}

// [SECTION] One direction's keys, in the order the run installs them.
struct DirectionKeys {
  Bytes mac_key;  // CBC only
  Bytes key;
  Bytes iv;
};

constexpr std::size_t kHeaderLen = 5;

// TLS 1.3 (RFC 8446 5.2): the whole TLSInnerPlaintext, or nothing when the tag does not verify.
std::optional<Bytes> open_tls13(const Suite& suite, const DirectionKeys& keys, std::uint64_t seq, const Bytes& record) {
  return aead_open(suite, keys.key, xor_seq(keys.iv, seq), slice(record, 0, kHeaderLen),
                   slice(record, kHeaderLen, record.size() - kHeaderLen));
}

// RFC 5246 6.2.3.3: additional_data = seq_num + type + version + length (of the plaintext).
Bytes tls12_aad(std::uint64_t seq, const Bytes& record, std::size_t plaintext_len) {
  return concat({be(seq, 8), slice(record, 0, 3), be(plaintext_len, 2)});
}

std::optional<Bytes> open_tls12_aead(const Suite& suite, const DirectionKeys& keys, std::uint64_t seq, const Bytes& record) {
  const Bytes fragment = slice(record, kHeaderLen, record.size() - kHeaderLen);
  if (suite.aead == Aead::chacha) {  // RFC 7905: no explicit nonce, iv XOR seq
    if (fragment.size() < 16) return std::nullopt;
    return aead_open(suite, keys.key, xor_seq(keys.iv, seq), tls12_aad(seq, record, fragment.size() - 16), fragment);
  }
  constexpr std::size_t kExplicitLen = 8;  // RFC 5288 3: nonce = salt (4) + nonce_explicit (8)
  if (fragment.size() < kExplicitLen + 16) return std::nullopt;
  const Bytes nonce = concat({keys.iv, slice(fragment, 0, kExplicitLen)});
  const Bytes sealed = slice(fragment, kExplicitLen, fragment.size() - kExplicitLen);
  return aead_open(suite, keys.key, nonce, tls12_aad(seq, record, sealed.size() - 16), sealed);
}

// CBC: fragment = IV + E(content + MAC + padding) (MAC-then-encrypt), or IV + E(content +
// padding) + MAC over the header and IV + ciphertext (encrypt-then-MAC).
std::optional<Bytes> open_tls12_cbc(const Suite& suite, const DirectionKeys& keys, std::uint64_t seq, const Bytes& record, bool etm) {
  constexpr std::size_t kBlock = 16;
  const Bytes fragment = slice(record, kHeaderLen, record.size() - kHeaderLen);
  if (fragment.size() < kBlock + suite.mac_len + kBlock) return std::nullopt;
  const std::size_t cipher_len = fragment.size() - (etm ? suite.mac_len : 0) - kBlock;
  if (cipher_len % kBlock != 0) return std::nullopt;
  if (etm) {
    const Bytes mac_input = concat({be(seq, 8), slice(record, 0, 3), be(kBlock + cipher_len, 2), slice(fragment, 0, kBlock + cipher_len)});
    if (hmac(suite.mac, keys.mac_key, mac_input) != slice(fragment, kBlock + cipher_len, suite.mac_len)) return std::nullopt;
  }
  Bytes plain = cbc_decrypt(suite, keys.key, slice(fragment, 0, kBlock), slice(fragment, kBlock, cipher_len));
  const std::size_t pad = plain.back();
  if (pad + 1 > plain.size()) return std::nullopt;
  for (std::size_t i = plain.size() - pad - 1; i < plain.size(); ++i)
    if (plain[i] != pad) return std::nullopt;
  plain.resize(plain.size() - pad - 1);
  if (etm) return plain;
  if (plain.size() < suite.mac_len) return std::nullopt;
  const std::size_t content_len = plain.size() - suite.mac_len;
  const Bytes content = slice(plain, 0, content_len);
  const Bytes mac_input = concat({be(seq, 8), slice(record, 0, 3), be(content_len, 2), content});
  if (hmac(suite.mac, keys.mac_key, mac_input) != slice(plain, content_len, suite.mac_len)) return std::nullopt;
  return content;
}

// [SECTION] What the key log and the ServerHello give.
struct KeylogLine {
  std::string label;
  Bytes client_random;
  Bytes secret;
};

// Both endpoints log the same secrets: each line counts once, in the order first seen.
std::vector<KeylogLine> parse_keylog(const std::vector<std::string>& lines) {
  std::vector<KeylogLine> parsed;
  std::set<std::string> seen;
  for (const auto& line : lines) {
    if (!seen.insert(line).second) continue;
    std::istringstream in(line);
    std::string label, random, secret;
    in >> label >> random >> secret;
    parsed.push_back({label, from_hex(random), from_hex(secret)});
  }
  return parsed;
}

struct ServerHello {
  Bytes random;
  bool encrypt_then_mac = false;
};

constexpr std::uint8_t kHandshake = 22;
constexpr std::uint8_t kServerHelloType = 2;
constexpr std::uint16_t kEncryptThenMacExtension = 22;

// Reads one ServerHello record (RFC 5246 7.4.1.3) as the RFC lays it out.
ServerHello read_server_hello(const Bytes& record) {
  ServerHello hello;
  std::size_t at = kHeaderLen + 4 + 2;  // record header, handshake header, server_version
  hello.random = slice(record, at, 32);
  at += 32;
  at += 1 + record.at(at);  // session_id
  at += 2 + 1;              // cipher_suite, compression_method
  if (at + 2 > record.size()) return hello;
  const std::size_t end = at + 2 + ((record[at] << 8) | record[at + 1]);
  for (at += 2; at + 4 <= end && at + 4 <= record.size();) {
    const std::uint16_t type = static_cast<std::uint16_t>((record[at] << 8) | record[at + 1]);
    const std::size_t len = static_cast<std::size_t>((record[at + 2] << 8) | record[at + 3]);
    hello.encrypt_then_mac |= type == kEncryptThenMacExtension;
    at += 4 + len;
  }
  return hello;
}

std::vector<ServerHello> server_hellos(const hl::Transcript& transcript) {
  std::vector<ServerHello> hellos;
  for (const auto& step : transcript.steps) {
    const Bytes& b = step.bytes;
    if (step.kind != hl::StepKind::record || step.from != hl::Side::server || step.is_protected) continue;
    if (b.size() > kHeaderLen + 4 + 2 + 32 && b[0] == kHandshake && b[kHeaderLen] == kServerHelloType) hellos.push_back(read_server_hello(b));
  }
  return hellos;
}

// [SECTION] The keys each direction uses, in order: every secret it installs.
struct Candidates {
  std::vector<DirectionKeys> client, server;
  std::vector<bool> etm;  // TLS 1.2, per connection
};

DirectionKeys tls13_keys(const Suite& suite, const Bytes& secret) {
  return {{}, hkdf_expand_label(secret, "key", suite.key_len, suite.digest), hkdf_expand_label(secret, "iv", 12, suite.digest)};
}

Candidates tls13_candidates(const Suite& suite, const std::vector<KeylogLine>& keylog) {
  Candidates out;
  for (const auto& line : keylog) {
    if (line.label.rfind("CLIENT_", 0) == 0 && line.label.find("TRAFFIC_SECRET") != std::string::npos)
      out.client.push_back(tls13_keys(suite, line.secret));
    if (line.label.rfind("SERVER_", 0) == 0 && line.label.find("TRAFFIC_SECRET") != std::string::npos)
      out.server.push_back(tls13_keys(suite, line.secret));
  }
  return out;
}

// RFC 5246 6.3: client MAC key, server MAC key, client key, server key, client IV, server IV.
Candidates tls12_candidates(const Suite& suite, const std::vector<KeylogLine>& keylog, const std::vector<ServerHello>& hellos) {
  Candidates out;
  std::size_t connection = 0;
  for (const auto& line : keylog) {
    if (line.label != "CLIENT_RANDOM") continue;
    REQUIRE(connection < hellos.size());
    const ServerHello& hello = hellos[connection++];
    const std::size_t m = suite.mac_len, k = suite.key_len, v = suite.fixed_iv_len;
    const Bytes block = tls12_prf(line.secret, "key expansion", concat({hello.random, line.client_random}), 2 * (m + k + v), suite.digest);
    out.client.push_back({slice(block, 0, m), slice(block, 2 * m, k), slice(block, 2 * (m + k), v)});
    out.server.push_back({slice(block, m, m), slice(block, 2 * m + k, k), slice(block, 2 * (m + k) + v, v)});
    out.etm.push_back(hello.encrypt_then_mac);
  }
  return out;
}

// [SECTION] Walking the transcript.
struct Direction {
  const std::vector<DirectionKeys>* keys;
  std::size_t current = 0;
  std::uint64_t seq = 0;
};

struct Checked {
  int records = 0;
  int protected_records = 0;
  int encrypt_then_mac_records = 0;  // TLS 1.2 CBC records of each layout
  int mac_then_encrypt_records = 0;
  int skipped_changed = 0;           // protected records Mallory changed: not expected to open
};

// True when Mallory changed step `number` (from 1): its bytes are no longer what was sealed.
bool changed_by_attacker(const hl::Transcript& transcript, int number) {
  const auto& changed = transcript.attacker.changed;
  return std::any_of(changed.begin(), changed.end(),
                     [&](const hl::AttackerNote& note) { return note.step == static_cast<std::size_t>(number); });
}

// Decrypts every protected record with the direction's current keys at its sequence number;
// a record that does not open moves on to the direction's next secret (a key change resets
// the sequence number). Each result must equal the step's plaintext.
Checked check_transcript(const hl::Transcript& transcript) {
  const Suite* suite = find_suite(transcript.negotiated.cipher);
  INFO("negotiated " << transcript.negotiated.version << " " << transcript.negotiated.cipher);
  Checked checked;
  const bool tls13 = transcript.negotiated.version == "TLSv1.3";
  const auto keylog = parse_keylog(transcript.keylog);
  const auto hellos = server_hellos(transcript);
  Candidates candidates;
  if (suite) candidates = tls13 ? tls13_candidates(*suite, keylog) : tls12_candidates(*suite, keylog, hellos);
  Direction client{&candidates.client}, server{&candidates.server};
  int index = 0;
  for (const auto& step : transcript.steps) {
    ++index;
    if (step.kind != hl::StepKind::record) continue;
    ++checked.records;
    if (!step.is_protected) continue;
    ++checked.protected_records;
    INFO("step " << index << " (" << hl::side_name(step.from) << ": " << step.title << ")");
    REQUIRE(suite != nullptr);  // a suite this test does not know yet: add its row to kSuites
    Direction& direction = step.from == hl::Side::client ? client : server;
    if (changed_by_attacker(transcript, index)) {
      ++direction.seq;  // sealed at this number before Mallory flipped it, so it cannot open
      ++checked.skipped_changed;
      continue;
    }
    std::optional<Bytes> opened;
    for (; direction.current < direction.keys->size(); ++direction.current, direction.seq = 0) {
      const DirectionKeys& keys = (*direction.keys)[direction.current];
      if (tls13) opened = open_tls13(*suite, keys, direction.seq, step.bytes);
      else if (suite->aead == Aead::cbc) opened = open_tls12_cbc(*suite, keys, direction.seq, step.bytes, candidates.etm[direction.current]);
      else opened = open_tls12_aead(*suite, keys, direction.seq, step.bytes);
      if (opened) break;
    }
    if (opened && !tls13 && suite->aead == Aead::cbc)
      ++(candidates.etm[direction.current] ? checked.encrypt_then_mac_records : checked.mac_then_encrypt_records);
    REQUIRE(opened.has_value());
    ++direction.seq;
    CHECK(*opened == step.plaintext);
  }
  return checked;
}

using Sets = std::vector<std::pair<std::string, std::string>>;

hl::Transcript run_with(const Sets& sets, std::uint64_t seed = 1) {
  hl::Scenario scenario;
  for (const auto& [key, value] : sets) REQUIRE(hl::set_scenario_field(scenario, key, value).empty());
  scenario.seed = seed;
  return hl::run_scenario(scenario);
}

}  // namespace

TEST_CASE("every lesson's protected records decrypt from the key log to the step's plaintext") {
  const auto library = hl::load_lesson_library(std::string(HL_SOURCE_DIR) + "/lessons");
  REQUIRE(library.errors.empty());
  REQUIRE(library.lessons.size() >= 10);
  int protected_records = 0;
  for (const auto& lesson : library.lessons) {
    INFO("lesson " << lesson.id);
    hl::Scenario scenario = lesson.scenario;
    scenario.seed = 1;
    const hl::Transcript transcript = hl::run_scenario(scenario);
    const Checked checked = check_transcript(transcript);
    if (lesson.mode != hl::PortMode::plaintext && hl::expected_outcome(scenario).tls) CHECK(checked.protected_records > 0);
    CHECK(checked.skipped_changed <= static_cast<int>(transcript.attacker.changed.size()));
    protected_records += checked.protected_records;
  }
  CHECK(protected_records > 100);
}

TEST_CASE("TLS 1.2 and other suites decrypt independently too") {
  struct Case {
    const char* name;
    Sets sets;
    const char* cipher;
  };
  const Case cases[] = {
      {"TLS 1.2 ECDHE, AES-GCM", {{"version", "1.2"}}, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"},
      {"TLS 1.2 RSA key exchange", {{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "AES128-GCM-SHA256"}}, "TLS_RSA_WITH_AES_128_GCM_SHA256"},
      {"TLS 1.2 ChaCha20-Poly1305", {{"version", "1.2"}, {"ciphers", "ECDHE-ECDSA-CHACHA20-POLY1305"}}, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"},
      {"TLS 1.2 CBC", {{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "AES128-SHA256"}}, "TLS_RSA_WITH_AES_128_CBC_SHA256"},
      {"TLS 1.2 CBC, ECDHE, SHA-1 MAC", {{"version", "1.2"}, {"ciphers", "ECDHE-ECDSA-AES128-SHA"}}, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"},
      {"TLS 1.3 ChaCha20-Poly1305", {{"ciphers", "TLS_CHACHA20_POLY1305_SHA256"}}, "TLS_CHACHA20_POLY1305_SHA256"},
      {"TLS 1.3 AES-256-GCM", {{"ciphers", "TLS_AES_256_GCM_SHA384"}}, "TLS_AES_256_GCM_SHA384"},
      {"TLS 1.3 0-RTT accepted: early data and EndOfEarlyData under CLIENT_EARLY_TRAFFIC_SECRET", {{"early-data", "on"}}, "TLS_AES_256_GCM_SHA384"},
      {"TLS 1.3 0-RTT rejected: the early record opens too", {{"early-data", "rejected"}}, "TLS_AES_256_GCM_SHA384"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    for (std::uint64_t seed : {1, 2}) {
      const hl::Transcript transcript = run_with(c.sets, seed);
      REQUIRE(transcript.handshake_complete);
      CHECK(transcript.negotiated.cipher == c.cipher);
      CHECK(check_transcript(transcript).protected_records >= 4);
    }
  }
}

TEST_CASE("CBC records decrypt in both layouts: encrypt-then-MAC (the default) and MAC-then-encrypt") {
  const Sets cbc = {{"version", "1.2"}, {"ciphers", "ECDHE-ECDSA-AES128-SHA256"}};
  const Checked etm = check_transcript(run_with(cbc));
  CHECK(etm.encrypt_then_mac_records >= 4);
  CHECK(etm.mac_then_encrypt_records == 0);
  Sets without_etm = cbc;
  without_etm.emplace_back("encrypt-then-mac", "off");
  const hl::Transcript transcript = run_with(without_etm);
  REQUIRE(transcript.handshake_complete);
  CHECK(transcript.negotiated.cipher == "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256");
  const Checked mte = check_transcript(transcript);
  CHECK(mte.mac_then_encrypt_records >= 4);
  CHECK(mte.encrypt_then_mac_records == 0);
}

TEST_CASE("a flipped ciphertext byte fails independent decryption") {
  hl::Transcript transcript = run_with({});
  auto last = std::find_if(transcript.steps.rbegin(), transcript.steps.rend(), [](const hl::Step& s) { return s.is_protected; });
  REQUIRE(last != transcript.steps.rend());
  const Suite* suite = find_suite(transcript.negotiated.cipher);
  REQUIRE(suite != nullptr);
  const auto candidates = tls13_candidates(*suite, parse_keylog(transcript.keylog));
  // The engine's plaintext is what these keys give at some sequence number ...
  const auto& keys = last->from == hl::Side::client ? candidates.client : candidates.server;
  auto opens = [&](const Bytes& record) {
    for (const auto& k : keys)
      for (std::uint64_t seq = 0; seq < 16; ++seq)
        if (auto opened = open_tls13(*suite, k, seq, record)) return opened == last->plaintext;
    return false;
  };
  CHECK(opens(last->bytes));
  // ... and no key opens the record once one ciphertext byte is flipped.
  Bytes flipped = last->bytes;
  flipped[kHeaderLen] ^= 0x01;
  CHECK_FALSE(opens(flipped));
}
