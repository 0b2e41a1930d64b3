// ClientHello and ServerHello / HelloRetryRequest (RFC 8446 §4.1.2, §4.1.3; RFC 5246 §7.4.1).
#include <algorithm>
#include <array>

#include "core/wire/hello_messages.hpp"

namespace hl::wire {
namespace {

constexpr std::size_t k8 = 0xff, k16 = 0xffff;

// "DOWNGRD" + 01 (negotiating TLS 1.2) or 00 (TLS 1.1 or below) ends the random of a TLS 1.3
// server that was asked for an older version (RFC 8446 §4.1.3).
constexpr std::array<std::uint8_t, 7> kDowngradePrefix = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44};

void add_session_id(Cursor& c, FieldList& out, const char* name) {
  Cursor id;
  Field* node = open_vector(c, out, name, "legacy_session_id", 1, 0, 32, id);
  if (node && !id.empty()) add_rest(id, node->children, "session_id", "legacy_session_id");
}

// A server random, with the downgrade sentinel split out when there is one.
void add_server_random(Cursor& c, FieldList& out, bool is_hrr) {
  std::size_t start = c.offset();
  auto rest = c.rest();
  if (rest.size() < 32) {
    add_opaque(c, out, "random", "server_random", 32);
    return;
  }
  auto random = rest.first(32);
  if (is_hrr) {
    add_opaque(c, out, "random", "hrr_random", 32);
    out.back().value = "HelloRetryRequest (SHA-256 of \"HelloRetryRequest\")";
    return;
  }
  bool downgrade = std::equal(kDowngradePrefix.begin(), kDowngradePrefix.end(), random.begin() + 24) &&
                   (random[31] == 0 || random[31] == 1);
  if (!downgrade) {
    add_opaque(c, out, "random", "server_random", 32);
    return;
  }
  Field& node = add_node(out, "random", to_hex(random), start, 32, "server_random");
  (void)add_opaque(c, node.children, "random bytes", "server_random", 24);
  (void)add_opaque(c, node.children, "downgrade sentinel", "downgrade_sentinel", 8);
  node.children.back().value = random[31] == 1 ? "DOWNGRD\\x01 (server chose TLS 1.2)" : "DOWNGRD\\x00 (server chose TLS 1.1 or older)";
}

}  // namespace

/*
 * struct {
 *     ProtocolVersion legacy_version = 0x0303;    // TLS v1.2
 *     Random random;
 *     opaque legacy_session_id<0..32>;
 *     CipherSuite cipher_suites<2..2^16-2>;
 *     opaque legacy_compression_methods<1..2^8-1>;
 *     Extension extensions<8..2^16-1>;            // optional before TLS 1.3
 * } ClientHello;
 */
void decode_client_hello(Cursor& c, FieldList& out, DecodeContext& ctx) {
  if (!add_uint(c, out, "legacy_version", "legacy_version", 2, version_name)) return;
  if (!add_opaque(c, out, "random", "client_random", 32)) return;
  add_session_id(c, out, "legacy_session_id");
  Cursor list;
  Field* suites = open_vector(c, out, "cipher_suites", "cipher_suites", 2, 2, k16 - 1, list);
  if (!suites) return;
  add_code_list(list, suites->children, "cipher_suite", "cipher_suite", 2, cipher_suite_name);
  suites->value = std::to_string(suites->children.size() - 1) + " suites";
  Field* methods = open_vector(c, out, "legacy_compression_methods", "compression_methods", 1, 1, k8, list);
  if (!methods) return;
  add_code_list(list, methods->children, "compression_method", "compression_method", 1, compression_method_name);
  if (c.empty()) return;  // TLS 1.2 allows a ClientHello without extensions
  decode_extension_block(c, out, ExtensionHost::client_hello, 8, ctx);
}

bool is_hello_retry_request(std::span<const std::uint8_t> body) {
  constexpr std::size_t random_at = 2;  // legacy_version
  return body.size() >= random_at + kHelloRetryRandom.size() &&
         is_hello_retry_random(body.subspan(random_at, kHelloRetryRandom.size()));
}

namespace {

// A TLS 1.3 ServerHello's legacy_version reads "TLS 1.2": the field says so and points at
// supported_versions, which chose the version (RFC 8446 §4.1.3, §4.2.1).
void point_at_selected_version(Field& legacy, const DecodeContext& ctx) {
  if (ctx.version != record::kTls13) return;
  legacy.value += ", not this connection's version: see supported_versions (TLS 1.3)";
  legacy.explain = "legacy_version_server_tls13";
}

}  // namespace

/*
 * struct {
 *     ProtocolVersion legacy_version = 0x0303;    // TLS v1.2
 *     Random random;                              // HelloRetryRequest: SHA-256("HelloRetryRequest")
 *     opaque legacy_session_id_echo<0..32>;
 *     CipherSuite cipher_suite;
 *     uint8 legacy_compression_method = 0;
 *     Extension extensions<6..2^16-1>;            // optional before TLS 1.3
 * } ServerHello;
 */
void decode_server_hello(Cursor& c, FieldList& out, DecodeContext& ctx) {
  bool is_hrr = is_hello_retry_request(c.rest());
  std::uint32_t legacy_version = 0, suite = 0;
  const std::size_t legacy_at = out.size();
  if (!add_uint(c, out, "legacy_version", "legacy_version_server", 2, legacy_version, version_name)) return;
  add_server_random(c, out, is_hrr);
  add_session_id(c, out, "legacy_session_id_echo");
  if (!add_uint(c, out, "cipher_suite", "selected_cipher_suite", 2, suite, cipher_suite_name)) return;
  if (!add_uint(c, out, "legacy_compression_method", "compression_method", 1, compression_method_name)) return;
  if (!is_hrr) {
    ctx.cipher_suite = static_cast<std::uint16_t>(suite);
    ctx.suite = suite_traits(suite);
    if (legacy_version == record::kTls12 || legacy_version == record::kTls11 || legacy_version == record::kTls10)
      ctx.version = static_cast<std::uint16_t>(legacy_version);  // supported_versions overrides below
  }
  if (c.empty()) return;
  decode_extension_block(c, out, is_hrr ? ExtensionHost::hello_retry_request : ExtensionHost::server_hello, 6, ctx);
  point_at_selected_version(out[legacy_at], ctx);
}

}  // namespace hl::wire
