// The audit's rule texts cite the section that says the rule: each RFC 9325 section below was
// checked against the RFC text (§3.1.1 versions, §3.2 Strict TLS, §3.5 Renegotiation in TLS 1.2,
// §4.1 General Guidelines, §4.2 Cipher Suites for TLS 1.2, §4.5 Public Key Length, §7.1 Host
// Name Validation, §7.5 Certificate Revocation: "servers SHOULD support ... OCSP stapling using the
// status_request extension defined in [RFC6066]"), and every RFC a rule names is one the lessons may cite.
#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <string>

#include "core/audit/audit.hpp"
#include "core/lessons/known_rfcs.hpp"

using namespace hl;
using namespace hl::audit;

namespace {

std::string rule_of(const std::string& id) {
  for (const RuleInfo& info : audit_rules())
    if (id == info.id) return info.rule;
  FAIL("no rule " << id);
  return {};
}

}  // namespace

TEST_CASE("each RFC 9325 rule cites the section with its requirement") {
  const std::map<std::string, std::string> cited = {
      {"legacy-version", "RFC 9325 §3.1.1"}, {"no-tls13", "RFC 9325 §3.1.1"}, {"no-hsts", "RFC 9325 §3.2"},
      {"no-ems", "RFC 9325 §3.5"},           {"static-rsa", "RFC 9325 §4.1"}, {"cbc-suite", "RFC 9325 §4.2"},
      {"weak-key", "RFC 9325 §4.5"},         {"cert-rejected", "RFC 9325 §7.1"}, {"no-ocsp-staple", "RFC 9325 §7.5"},
  };
  for (const auto& [id, section] : cited) {
    INFO(id);
    const std::string rule = rule_of(id);
    REQUIRE(rule.size() > section.size());
    CHECK(rule.rfind(section, 0) == 0);
    CHECK((rule[section.size()] == ':' || rule[section.size()] == ' '));
  }
  // §4.2 lists ECDHE with AES-GCM only and lets CBC in with encrypt_then_mac (RFC 7366).
  CHECK(rule_of("cbc-suite").find("encrypt_then_mac (RFC 7366)") != std::string::npos);
  CHECK(rule_of("cbc-suite").find("ChaCha20") == std::string::npos);
  CHECK(rule_of("no-ems").find("RFC 7627") != std::string::npos);
  CHECK(rule_of("no-redirect").rfind("RFC 6797 §7.2:", 0) == 0);
  CHECK(rule_of("cookie-not-secure").rfind("RFC 6265 §4.1.2.5:", 0) == 0);
  // RFC 6066 §8: "... MUST check the OCSP response and abort the handshake if the response is not satisfactory".
  CHECK(rule_of("bad-ocsp-staple").rfind("RFC 6066 §8:", 0) == 0);
}

TEST_CASE("every RFC a rule names is in the lessons' known list") {
  const std::regex rfc(R"(RFC (\d{3,5}))");
  for (const RuleInfo& info : audit_rules()) {
    const std::string text = info.rule;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), rfc); it != std::sregex_iterator(); ++it) {
      INFO(info.id << ": " << it->str());
      CHECK(find_known_rfc(std::stoi((*it)[1].str())) != nullptr);
    }
  }
}
