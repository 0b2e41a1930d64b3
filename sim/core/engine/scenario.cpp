// set_scenario_field(): the one place that turns `key=value` text into scenario fields,
// shared by `--set`, lesson front matter and tests.
#include "core/engine/scenario.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <limits>

namespace hl {
namespace {

struct NamedKeyType {
  const char* name;
  KeyType type;
};
constexpr NamedKeyType kKeyTypes[] = {
    {"ecdsa-p256", KeyType::ecdsa_p256}, {"rsa-2048", KeyType::rsa2048}, {"rsa-3072", KeyType::rsa3072},
    {"rsa-4096", KeyType::rsa4096},      {"ed25519", KeyType::ed25519},
};

struct NamedMode {
  const char* name;
  PortMode mode;
};
constexpr NamedMode kModes[] = {
    {"plaintext", PortMode::plaintext}, {"implicit-tls", PortMode::implicit_tls}, {"starttls", PortMode::starttls}};

bool parse_bool(const std::string& text, bool& out_value) {
  if (text == "on" || text == "true" || text == "yes" || text == "1") return out_value = true, true;
  if (text == "off" || text == "false" || text == "no" || text == "0") return out_value = false, true;
  return false;
}

template <typename Int>
bool parse_int(const std::string& text, Int min_value, Int max_value, Int& out_value) {
  Int value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return false;
  if (value < min_value || value > max_value) return false;
  out_value = value;
  return true;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

// A setter returns false when the value is not one it accepts.
using Setter = std::function<bool(Scenario&, const std::string&)>;

struct KeyRow {
  ScenarioKey key;
  Setter set;
};

const std::vector<KeyRow>& key_rows() {
  static const std::vector<KeyRow> rows = {
      {{"version", "1.2 | 1.3", "TLS version both sides are pinned to"},
       [](Scenario& s, const std::string& v) {
         if (v == "1.2") return s.version = TlsVersion::tls12, true;
         if (v == "1.3") return s.version = TlsVersion::tls13, true;
         return false;
       }},
      {{"ciphers", "OpenSSL cipher list (1.2) or TLS 1.3 suites, ':'-separated", "cipher suites both sides allow"},
       [](Scenario& s, const std::string& v) { return s.ciphers = v, true; }},
      {{"groups", "e.g. X25519:P-256 (first gets a key share)", "groups the client offers"},
       [](Scenario& s, const std::string& v) { return !v.empty() && (s.groups = v, true); }},
      {{"server-groups", "e.g. P-256", "groups the server accepts"},
       [](Scenario& s, const std::string& v) { return !v.empty() && (s.server_groups = v, true); }},
      {{"sigalgs", "OpenSSL signature algorithm list, e.g. ECDSA+SHA256:rsa_pss_rsae_sha256", "signature schemes both sides allow"},
       [](Scenario& s, const std::string& v) { return s.sigalgs = v, true; }},
      {{"cert", "ecdsa-p256 | rsa-2048 | rsa-3072 | rsa-4096 | ed25519", "the server certificate's key type"},
       [](Scenario& s, const std::string& v) {
         auto it = std::find_if(std::begin(kKeyTypes), std::end(kKeyTypes), [&](auto& k) { return v == k.name; });
         return it != std::end(kKeyTypes) && (s.cert.key = it->type, true);
       }},
      {{"intermediate", "on | off", "whether an intermediate CA sits between root and leaf"},
       [](Scenario& s, const std::string& v) { return parse_bool(v, s.cert.intermediate); }},
      {{"cert-cn", "a host name", "the leaf certificate's subject common name"},
       [](Scenario& s, const std::string& v) { return !v.empty() && (s.cert.subject_cn = v, true); }},
      {{"cert-san", "comma-separated DNS names", "the leaf certificate's subjectAltName DNS entries"},
       [](Scenario& s, const std::string& v) { return s.cert.san = split_commas(v), true; }},
      {{"cert-days", "1..3650", "how many days the leaf certificate is valid"},
       [](Scenario& s, const std::string& v) { return parse_int(v, 1, 3650, s.cert.valid_days); }},
      {{"server-name", "a host name, or empty for no SNI", "the server_name the client sends"},
       [](Scenario& s, const std::string& v) { return s.server_name = v, true; }},
      {{"verify-name", "a host name", "the name the client checks the certificate against"},
       [](Scenario& s, const std::string& v) { return !v.empty() && (s.verify_name = v, true); }},
      {{"alpn", "a protocol id such as http/1.1, or empty for none", "the ALPN protocol the client offers"},
       [](Scenario& s, const std::string& v) { return s.alpn = v, true; }},
      {{"tickets", "0..8", "TLS 1.3 session tickets the server sends"},
       [](Scenario& s, const std::string& v) { return parse_int(v, 0, 8, s.tickets); }},
      {{"clock", "Unix seconds (negative: before 1970)", "the scenario's time, for certificate validity"},
       [](Scenario& s, const std::string& v) {
         // Any whole number; scenario_refusal() names the range the certificates can encode.
         return parse_int<std::int64_t>(v, std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(), s.clock);
       }},
      {{"encrypt-then-mac", "on | off", "TLS 1.2 CBC suites: off = MAC-then-encrypt (no RFC 7366)"},
       [](Scenario& s, const std::string& v) { return parse_bool(v, s.encrypt_then_mac); }},
      {{"starttls", "on | off", "STARTTLS ports: off = the client never upgrades"},
       [](Scenario& s, const std::string& v) { return parse_bool(v, s.starttls); }},
      {{"cookie-secure", "on | off", "HTTP: the session cookie's Secure attribute (on: never sent over port 80)"},
       [](Scenario& s, const std::string& v) { return parse_bool(v, s.cookie_secure); }},
      {{"mode", "plaintext | implicit-tls | starttls", "how the protocol meets TLS on this port"},
       [](Scenario& s, const std::string& v) {
         auto it = std::find_if(std::begin(kModes), std::end(kModes), [&](auto& m) { return v == m.name; });
         return it != std::end(kModes) && (s.mode = it->mode, true);
       }},
  };
  return rows;
}

}  // namespace

const std::vector<ScenarioKey>& scenario_keys() {
  static const std::vector<ScenarioKey> keys = [] {
    std::vector<ScenarioKey> out;
    for (const auto& row : key_rows()) out.push_back(row.key);
    return out;
  }();
  return keys;
}

std::string set_scenario_field(Scenario& scenario, const std::string& key, const std::string& value) {
  const auto& rows = key_rows();
  auto row = std::find_if(rows.begin(), rows.end(), [&](const KeyRow& r) { return key == r.key.name; });
  if (row == rows.end()) return "unknown scenario key '" + key + "' (see --help for the keys)";
  if (!row->set(scenario, value))
    return "bad value '" + value + "' for " + key + " (expected " + row->key.values + ")";
  return {};
}

PeerConfig peer_config(const Scenario& scenario) {
  return {scenario.protocol,    scenario.port,            scenario.mode,
          scenario.starttls,   scenario.server_name,     scenario.cert.subject_cn,
          scenario.cookie_secure};
}

}  // namespace hl
