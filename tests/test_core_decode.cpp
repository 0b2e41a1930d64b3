// The decoder over real engine transcripts: every record of every issue-2 scenario (and a
// few more) decodes with every byte under a leaf, no gaps and no malformed fields.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>

#include "core/engine/engine.hpp"
#include "core/wire/decode.hpp"
#include "core/wire/x509.hpp"
#include "test_wire_support.hpp"

using hl::Field;
using hl::test::coverage_error;
using hl::test::find_all;
using hl::test::find_field;
using hl::test::require_field;

namespace {

using Settings = std::vector<std::pair<std::string, std::string>>;

hl::Transcript run(const Settings& settings) {
  hl::Scenario scenario;
  scenario.seed = 7;
  for (const auto& [key, value] : settings) REQUIRE(hl::set_scenario_field(scenario, key, value).empty());
  return hl::run_scenario(scenario);
}

// Every record and app line fully covered; returns the decoded steps.
std::vector<hl::wire::DecodedStep> decode_and_check_coverage(const hl::Transcript& t, bool expect_clean) {
  auto decoded = hl::wire::decode_transcript(t);
  REQUIRE(decoded.size() == t.steps.size());
  for (std::size_t i = 0; i < t.steps.size(); ++i) {
    const hl::Step& step = t.steps[i];
    INFO("step " << i << " " << step.title);
    if (step.kind == hl::StepKind::event) {
      CHECK(decoded[i].fields.empty());
      continue;
    }
    CHECK_FALSE(decoded[i].fields.empty());
    CHECK(coverage_error(decoded[i].fields, 0, step.bytes.size()) == "");
    if (step.is_protected) CHECK(coverage_error(decoded[i].inner_fields, 0, step.plaintext.size()) == "");
    if (!expect_clean) continue;
    CHECK(hl::test::count_malformed(decoded[i].fields) == 0);
    CHECK(hl::test::count_malformed(decoded[i].inner_fields) == 0);
  }
  return decoded;
}

// Names of all handshake messages decoded, in step order (fragments once per record).
std::vector<std::string> message_names(const std::vector<hl::wire::DecodedStep>& decoded) {
  std::vector<std::string> names;
  for (const auto& step : decoded) {
    for (const auto* list : {&step.fields, &step.inner_fields}) {
      for (const auto& field : *list) {
        if (field.name != "fragment" && field.name != "content") continue;
        for (const auto& message : field.children) {
          if (message.explain.rfind("msg.", 0) == 0) names.push_back(message.name);
        }
      }
    }
  }
  return names;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

TEST_CASE("TLS 1.3 default handshake decodes completely") {
  hl::Transcript t = run({});
  REQUIRE(t.handshake_complete);
  auto decoded = decode_and_check_coverage(t, true);
  auto names = message_names(decoded);
  for (const char* name : {"ClientHello", "ServerHello", "EncryptedExtensions", "Certificate", "CertificateVerify",
                           "Finished", "NewSessionTicket"})
    CHECK(contains(names, name));
  std::vector<Field> all;
  for (const auto& step : decoded) {
    all.insert(all.end(), step.fields.begin(), step.fields.end());
    all.insert(all.end(), step.inner_fields.begin(), step.inner_fields.end());
  }
  CHECK(require_field(all, "selected_version").value == "TLS 1.3 (0x0304)");
  CHECK(require_field(all, "name").value == "\"www.example.com\"");
  CHECK(find_field(all, "opaque_type") != nullptr);
  CHECK(require_field(all, "auth_tag").length == 16);
  auto chain = hl::wire::certificate_chain(t, hl::Side::server);
  REQUIRE(chain.size() == 2);  // leaf and intermediate
  auto leaf = hl::wire::summarize_certificate(chain[0]);
  REQUIRE(leaf);
  CHECK(leaf->san == std::vector<std::string>{"DNS:www.example.com", "DNS:example.com"});
  CHECK(leaf->public_key_type == "EC");
  CHECK(leaf->public_key_detail == "prime256v1");
  auto intermediate = hl::wire::summarize_certificate(chain[1]);
  REQUIRE(intermediate);
  CHECK(intermediate->is_ca);
  CHECK(leaf->issuer == intermediate->subject);
}

TEST_CASE("TLS 1.3 HelloRetryRequest decodes with its selected group") {
  hl::Transcript t = run({{"groups", "X25519:P-256"}, {"server-groups", "P-256"}});
  REQUIRE(t.handshake_complete);
  auto decoded = decode_and_check_coverage(t, true);
  auto names = message_names(decoded);
  REQUIRE(contains(names, "HelloRetryRequest"));
  CHECK(std::count(names.begin(), names.end(), "ClientHello") == 2);
  std::vector<Field> all;
  for (const auto& step : decoded) all.insert(all.end(), step.fields.begin(), step.fields.end());
  CHECK(require_field(all, "selected_group").value == "secp256r1 (0x0017)");
  CHECK(require_field(all, "random").value.find("HelloRetryRequest") == std::string::npos);  // ClientHello first
  bool hrr_random_named = false;
  for (const Field* random : find_all(all, "random")) hrr_random_named |= random->explain == "hrr_random";
  CHECK(hrr_random_named);
}

TEST_CASE("TLS 1.2 ECDHE-RSA with AES-GCM decodes key exchange and GCM records") {
  hl::Transcript t = run({{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "ECDHE-RSA-AES128-GCM-SHA256"}});
  REQUIRE(t.handshake_complete);
  auto decoded = decode_and_check_coverage(t, true);
  auto names = message_names(decoded);
  for (const char* name : {"ClientHello", "ServerHello", "Certificate", "ServerKeyExchange", "ServerHelloDone",
                           "ClientKeyExchange", "Finished"})
    CHECK(contains(names, name));
  std::vector<Field> all;
  for (const auto& step : decoded) {
    all.insert(all.end(), step.fields.begin(), step.fields.end());
    all.insert(all.end(), step.inner_fields.begin(), step.inner_fields.end());
  }
  CHECK(find_field(all, "cipher_suite") != nullptr);
  CHECK(find_field(all, "namedcurve") != nullptr);
  CHECK(find_field(all, "ecdh_Yc") != nullptr);
  CHECK(require_field(all, "nonce_explicit").length == 8);
  CHECK(find_field(all, "signed_params") != nullptr);
  CHECK(hl::wire::certificate_chain(t, hl::Side::server).size() == 2);
}

TEST_CASE("TLS 1.2 RSA key exchange with AES128-SHA256 decodes the encrypted premaster and CBC records") {
  hl::Transcript t = run({{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "AES128-SHA256"}});
  REQUIRE(t.handshake_complete);
  auto decoded = decode_and_check_coverage(t, true);
  std::vector<Field> all;
  for (const auto& step : decoded) {
    all.insert(all.end(), step.fields.begin(), step.fields.end());
    all.insert(all.end(), step.inner_fields.begin(), step.inner_fields.end());
  }
  const Field* premaster = find_field(all, "encrypted_pre_master_secret");
  REQUIRE(premaster);
  CHECK(premaster->length == 2 + 256);  // RSA-2048 ciphertext
  CHECK(require_field(all, "iv").length == 16);
  CHECK_FALSE(contains(message_names(decoded), "ServerKeyExchange"));
}

TEST_CASE("a certificate failure decodes up to and including the alert") {
  hl::Transcript t = run({{"verify-name", "www.example.org"}});
  REQUIRE_FALSE(t.handshake_complete);
  auto decoded = decode_and_check_coverage(t, true);
  std::vector<Field> all;
  for (const auto& step : decoded) {
    all.insert(all.end(), step.fields.begin(), step.fields.end());
    all.insert(all.end(), step.inner_fields.begin(), step.inner_fields.end());
  }
  const Field* description = find_field(all, "description");
  REQUIRE(description);
  CHECK(description->value.find("(0x") != std::string::npos);
  CHECK(description->value.rfind("unknown", 0) != 0);  // a named alert
}

TEST_CASE("more shapes decode completely: TLS 1.2 CBC and ChaCha20, ed25519, RSA-4096, no shared group") {
  for (const Settings& settings : std::vector<Settings>{
           {{"version", "1.2"}, {"ciphers", "ECDHE-ECDSA-AES128-SHA"}},
           {{"version", "1.2"}, {"ciphers", "ECDHE-ECDSA-CHACHA20-POLY1305"}},
           {{"cert", "ed25519"}, {"intermediate", "off"}},
           {{"cert", "rsa-4096"}, {"tickets", "0"}},
           {{"groups", "X25519"}, {"server-groups", "P-384"}},
           {{"ocsp", "good"}},
           {{"version", "1.2"}, {"ocsp", "revoked"}},
       }) {
    hl::Transcript t = run(settings);
    INFO(settings.front().first << "=" << settings.front().second << " failure: " << t.failure);
    decode_and_check_coverage(t, true);
  }
}

TEST_CASE("cleartext application steps decode line by line with full coverage") {
  struct Port {
    const char* protocol;
    int port;
    hl::PortMode mode;
  };
  for (const Port& port : {Port{"smtp", 587, hl::PortMode::starttls}, Port{"imap", 143, hl::PortMode::starttls},
                           Port{"pop3", 110, hl::PortMode::starttls}, Port{"ftp", 21, hl::PortMode::starttls},
                           Port{"ldap", 389, hl::PortMode::starttls}, Port{"http", 80, hl::PortMode::plaintext}}) {
    hl::Scenario scenario;
    scenario.seed = 3;
    scenario.protocol = port.protocol;
    scenario.port = port.port;
    scenario.mode = port.mode;
    hl::Transcript t = hl::run_scenario(scenario);
    INFO(port.protocol << " failure: " << t.failure);
    auto decoded = decode_and_check_coverage(t, std::string(port.protocol) != "ldap");
    std::size_t num_app_lines = 0;
    for (std::size_t i = 0; i < t.steps.size(); ++i) {
      if (t.steps[i].kind != hl::StepKind::app_line) continue;
      ++num_app_lines;
      if (std::string(port.protocol) == "ldap") continue;
      CHECK(find_field(decoded[i].fields, "verb") != nullptr);
    }
    CHECK(num_app_lines >= 2);
  }
}

TEST_CASE("every field of every scenario has an explanation") {
  std::vector<std::string> missing;
  for (const Settings& settings : std::vector<Settings>{
           {},
           {{"groups", "X25519:P-256"}, {"server-groups", "P-256"}},
           {{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "ECDHE-RSA-AES128-GCM-SHA256"}},
           {{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "AES128-SHA256"}},
           {{"verify-name", "www.example.org"}},
           {{"ocsp", "revoked"}},
           {{"version", "1.2"}, {"ocsp", "good"}},
       }) {
    hl::Transcript t = run(settings);
    auto decoded = hl::wire::decode_transcript(t);
    std::function<void(const std::vector<Field>&)> walk = [&](const std::vector<Field>& fields) {
      for (const auto& field : fields) {
        if (hl::wire::explain(field).empty()) missing.push_back(field.explain + " (" + field.name + ")");
        walk(field.children);
      }
    };
    for (const auto& step : decoded) {
      walk(step.fields);
      walk(step.inner_fields);
    }
  }
  std::sort(missing.begin(), missing.end());
  missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
  CHECK(missing == std::vector<std::string>{});
}

namespace {

void write_file(const std::string& path, std::uint8_t mode, const hl::Bytes& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.put(static_cast<char>(mode));
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

void append_block(hl::Bytes& out, const hl::Bytes& bytes) {
  out.push_back(static_cast<std::uint8_t>(bytes.size() >> 8));
  out.push_back(static_cast<std::uint8_t>(bytes.size()));
  out.insert(out.end(), bytes.begin(), bytes.end());
}

}  // namespace

// Not part of the suite (hidden tag): regenerates the fuzz seed corpus from real runs.
//   ./test_core_decode "[.corpus]"   writes tests/data/corpus/ (framing: see tests/fuzz/fuzz_decode.cpp)
TEST_CASE("write the fuzz seed corpus from every scenario", "[.corpus]") {
  const std::string dir = std::string(HL_TEST_DATA) + "/corpus/";
  std::filesystem::create_directories(dir);
  const std::vector<std::pair<std::string, Settings>> scenarios = {
      {"tls13", {}},
      {"hrr", {{"groups", "X25519:P-256"}, {"server-groups", "P-256"}}},
      {"tls12-ecdhe-gcm", {{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "ECDHE-RSA-AES128-GCM-SHA256"}}},
      {"tls12-rsa-cbc", {{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "AES128-SHA256"}}},
      {"cert-failure", {{"verify-name", "www.example.org"}}},
      {"tls13-ocsp", {{"ocsp", "revoked"}}},
      {"tls12-ocsp", {{"version", "1.2"}, {"ocsp", "good"}}},
  };
  for (const auto& [name, settings] : scenarios) {
    hl::Transcript t = run(settings);
    hl::Bytes flight, framed;
    for (std::size_t i = 0; i < t.steps.size(); ++i) {
      const hl::Step& step = t.steps[i];
      if (step.kind == hl::StepKind::event) continue;
      std::uint8_t side = (step.from == hl::Side::server ? 1 : 0) | (step.version == 0x0304 ? 2 : 0) |
                          (step.version == 0x0303 ? 4 : 0) | (step.kind == hl::StepKind::app_line ? 0x40 : 0);
      framed.push_back(side);
      append_block(framed, step.bytes);
      append_block(framed, step.plaintext);
      if (step.kind != hl::StepKind::record) continue;
      flight.insert(flight.end(), step.bytes.begin(), step.bytes.end());
      write_file(dir + name + "-record-" + std::to_string(i), 0, step.bytes);
      if (!step.is_protected || step.inner_type != 22) continue;
      bool tls13 = step.version == 0x0304;
      hl::Bytes messages = step.plaintext;
      if (tls13) {
        while (!messages.empty() && messages.back() == 0) messages.pop_back();
        if (!messages.empty()) messages.pop_back();
      }
      std::uint8_t suite_index = name == "tls12-ecdhe-gcm" ? 2 : name == "tls12-rsa-cbc" ? 4 : 1;
      write_file(dir + name + "-messages-" + std::to_string(i), static_cast<std::uint8_t>(1 | ((tls13 ? 1 : 0) << 2) | (suite_index << 3)), messages);
    }
    write_file(dir + name + "-flight", 0, flight);
    write_file(dir + name + "-transcript", 3 | (1 << 2), framed);
    auto chain = hl::wire::certificate_chain(t, hl::Side::server);
    for (std::size_t i = 0; i < chain.size(); ++i) write_file(dir + name + "-cert-" + std::to_string(i), 2, chain[i]);
  }
  CHECK(std::filesystem::exists(dir + "tls13-flight"));
}

TEST_CASE("every certificate key type is explained: its key's OID in the certificate and the scheme it signs with") {
  struct Case {
    const char* cert;
    const char* version;
    const char* key_oid;     // the name the field tree gives the key's algorithm or curve OID
    const char* key_phrase;  // what that OID's explanation must say
    const char* scheme;      // the signature scheme the handshake names
    const char* scheme_phrase;
  };
  const Case c = GENERATE(Case{"ecdsa-p256", "1.3", "prime256v1", "P-256", "ecdsa_secp256r1_sha256", "SHA-256"},
                          Case{"ecdsa-p384", "1.3", "secp384r1", "P-384", "ecdsa_secp384r1_sha384", "P-384"},
                          Case{"ed25519", "1.3", "Ed25519", "Curve25519", "ed25519", "Curve25519"},
                          Case{"ed448", "1.3", "Ed448", "Curve448", "ed448", "Curve448"},
                          Case{"rsa-2048", "1.3", "rsaEncryption", "ordinary RSA key", "rsa_pss_rsae_sha256", "ordinary RSA"},
                          Case{"rsa-pss", "1.3", "RSASSA-PSS", "restricted to PSS", "rsa_pss_pss_sha256", "RSASSA-PSS key"},
                          // TLS 1.2: 0x0403 is sha256+ecdsa on any curve; the explanation says so.
                          Case{"ecdsa-p384", "1.2", "secp384r1", "P-384", "ecdsa_secp256r1_sha256", "in TLS 1.2"});
  INFO(c.cert << " TLS " << c.version);
  const Settings settings = {{"cert", c.cert}, {"version", c.version}, {"groups", "X25519:P-256:P-384"},
                             {"server-groups", "X25519:P-256:P-384"}};
  const hl::Transcript t = run(settings);
  REQUIRE(t.handshake_complete);
  const auto decoded = hl::wire::decode_transcript(t);
  bool key_explained = false, scheme_explained = false;
  std::function<void(const std::vector<Field>&)> walk = [&](const std::vector<Field>& fields) {
    for (const auto& field : fields) {
      const std::string text = hl::wire::explain(field);
      if (field.explain == "asn1.OBJECT IDENTIFIER" && field.value.starts_with(std::string(c.key_oid) + " (")) {
        INFO(text);
        CHECK_THAT(text, Catch::Contains(c.key_phrase));
        key_explained = true;
      }
      if (field.name == "algorithm" && field.explain == "signature_scheme") {
        INFO(field.value << ": " << text);
        CHECK(field.value.starts_with(std::string(c.scheme) + " ("));
        CHECK_THAT(text, Catch::Contains(c.scheme_phrase));
        CHECK_THAT(text, !Catch::Contains("a signature algorithm plus hash"));  // not the general text
        scheme_explained = true;
      }
      walk(field.children);
    }
  };
  for (const auto& step : decoded) {
    walk(step.fields);
    walk(step.inner_fields);
  }
  CHECK(key_explained);
  CHECK(scheme_explained);
  // The certificate pane's sentence for the leaf's key is the same explanation.
  const auto chain = hl::wire::certificate_chain(t, hl::Side::server);
  REQUIRE_FALSE(chain.empty());
  const auto leaf = hl::wire::summarize_certificate(chain.front());
  REQUIRE(leaf);
  CHECK_THAT(hl::wire::public_key_explanation(*leaf), Catch::Contains(c.key_phrase));
}
