// What a TLS record shows a passive observer: its 5-byte header always; the whole payload
// when it is not encrypted (the hellos, TLS 1.2's certificate, alerts before encryption),
// with the ClientHello's giveaways pulled out: server name, ALPN, offered suites and versions.
// Everything is read off the decoder's field tree of the record; nothing is parsed twice.
#include <string>
#include <string_view>

#include "core/export/eavesdropper_detail.hpp"
#include "core/model/record_layer.hpp"
#include "core/wire/cursor.hpp"
#include "core/wire/fields.hpp"
#include "core/wire/names.hpp"
#include "core/wire/x509.hpp"
#include "core/model/counts.hpp"

namespace hl::eavesdrop {
namespace {

using wire::Cursor;

const Field* child(const Field& parent, std::string_view name) {
  for (const auto& field : parent.children)
    if (field.name == name) return &field;
  return nullptr;
}

// The name part of a coded value: "TLS_AES_128_GCM_SHA256 (0x1301)" -> "TLS_AES_128_GCM_SHA256".
std::string code_label(const std::string& value) { return value.substr(0, value.rfind(" (0x")); }

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// A vector's elements by name, exposed over the whole vector (length prefix included).
void expose_list(const Field* vector, const char* what, std::vector<Exposure>& out) {
  if (!vector || vector->malformed) return;
  std::vector<std::string> names;
  for (const auto& item : vector->children)
    if (item.name != "length") names.push_back(code_label(item.value));
  out.push_back({what, join(names), vector->offset, vector->length, false});
}

// The bytes of an opaque vector after its length prefix, as text: a host name, a protocol id.
bool vector_text(const Field& vector, const Bytes& bytes, std::size_t& out_offset, std::string& out_text) {
  const Field* length = child(vector, "length");
  std::size_t end = vector.offset + vector.length;
  if (vector.malformed || !length || length->malformed || end > bytes.size()) return false;
  out_offset = length->offset + length->length;
  out_text.assign(bytes.begin() + static_cast<std::ptrdiff_t>(out_offset), bytes.begin() + static_cast<std::ptrdiff_t>(end));
  return true;
}

// server_name (RFC 6066 §3): the first host_name of the ServerNameList.
void expose_server_name(const Field& extension, const Bytes& bytes, std::vector<Exposure>& out) {
  const Field* list = child(extension, "server_name_list");
  const Field* entry = list ? child(*list, "ServerName") : nullptr;
  const Field* host = entry ? child(*entry, "host_name") : nullptr;
  std::size_t offset = 0;
  std::string name;
  if (!host || !vector_text(*host, bytes, offset, name)) return;
  out.push_back({"server name (SNI)", name, offset, name.size(), false});
}

// ALPN (RFC 7301 §3.1): every ProtocolName of the list.
void expose_alpn(const Field& extension, const Bytes& bytes, std::vector<Exposure>& out) {
  const Field* list = child(extension, "protocol_name_list");
  if (!list || list->malformed) return;
  std::vector<std::string> names;
  std::size_t offset = 0;
  std::string name;
  for (const auto& entry : list->children)
    if (entry.name == "ProtocolName" && vector_text(entry, bytes, offset, name)) names.push_back(name);
  out.push_back({"ALPN (application protocols offered)", join(names), list->offset, list->length, false});
}

void expose_client_hello(const Field& hello, const Bytes& bytes, std::vector<Exposure>& out) {
  expose_list(child(hello, "cipher_suites"), "offered cipher suites", out);
  const Field* extensions = child(hello, "extensions");
  if (!extensions) return;
  for (const auto& extension : extensions->children) {
    if (extension.name == "Extension: server_name") expose_server_name(extension, bytes, out);
    if (extension.name == "Extension: application_layer_protocol_negotiation") expose_alpn(extension, bytes, out);
    if (extension.name == "Extension: supported_versions")
      expose_list(child(extension, "versions"), "offered TLS versions", out);
  }
}

void expose_server_hello(const Field& hello, std::vector<Exposure>& out) {
  const Field* suite = child(hello, "cipher_suite");
  if (!suite || suite->malformed) return;
  out.push_back({"chosen cipher suite", code_label(suite->value), suite->offset, suite->length, false});
}

// In TLS 1.2 the certificate chains cross unencrypted (TLS 1.3 encrypts them): who the server
// is, and with mutual TLS who the client is (RFC 5246 §7.4.6 sends it before ChangeCipherSpec).
void expose_certificate(const Field& message, const Bytes& bytes, bool from_client, std::vector<Exposure>& out) {
  const Field* list = child(message, "certificate_list");
  if (!list) return;
  std::string who = from_client ? "the client's identity" : "the server's identity";
  std::vector<Bytes> chain = wire::certificates_in(*list, bytes);
  if (from_client && chain.empty()) who = "none: the client has no certificate to send";
  auto leaf = chain.empty() ? std::nullopt : wire::summarize_certificate(chain.front());
  if (leaf) who = leaf->subject + ", issued by " + leaf->issuer;
  out.push_back({from_client ? kClientCertificateSeen : "certificate chain (unencrypted)", who, list->offset,
                 list->length, false});
}

// Each handshake message of the record's fragment: its name, and what it gives away. A piece
// of a message that started in an earlier record has no msg_type of its own.
std::string read_handshake(const Field& fragment, const Bytes& bytes, bool from_client, std::vector<Exposure>& out) {
  std::vector<std::string> names;
  for (const auto& message : fragment.children) {
    const Field* type = child(message, "msg_type");
    if (!type || type->malformed) {
      names.push_back("fragment");
      continue;
    }
    std::string name = code_label(type->value);
    names.push_back(name);
    if (name == "client_hello") expose_client_hello(message, bytes, out);
    if (name == "server_hello") expose_server_hello(message, out);
    if (name == "certificate") expose_certificate(message, bytes, from_client, out);
    if (name == "certificate_request")
      out.push_back({"certificate request", "the server asks the client for a certificate (mutual TLS)", message.offset,
                     message.length, false});
  }
  return join(names);
}

std::string read_alert(const Field& fragment) {
  const Field* alert = child(fragment, "Alert");
  return alert && !alert->value.empty() ? "alert " + alert->value : "alert";
}

std::string name_or_hex(const char* name, std::uint32_t code) {
  return name ? name : wire::hex_code(code, 2);
}

// An encrypted alert still shows something: TLS 1.2 leaves its outer type in the clear; TLS 1.3's
// is only two bytes plus the inner type and a 16-byte tag (19), or 11 with CCM_8's 8-byte tag.
// Which alert it is (close_notify or an error) stays hidden either way.
std::string encrypted_alert_hint(std::uint8_t type, std::uint16_t length) {
  if (type == record::kAlert)
    return ": an alert, by its outer type, but which one (close_notify or an error) is encrypted";
  if (type == record::kApplicationData && (length == 19 || length == 11))
    return ": the size of a TLS 1.3 encrypted alert (2 bytes, the inner type and the tag; unpadded), so probably an "
           "alert, though which one (close_notify or an error) is encrypted";
  return {};
}

}  // namespace

void read_record(const Step& step, const std::vector<Field>& fields, SeenStep& seen) {
  Cursor c(step.bytes);
  std::uint8_t type = 0;
  std::uint16_t version = 0, length = 0;
  if (!c.u8(type) || !c.u16(version) || !c.u16(length)) {
    seen.summary = "a fragment of a TLS record (" + std::to_string(step.bytes.size()) + " bytes)";
    return;
  }
  seen.content_type = type;
  seen.record_version = version;
  seen.record_len = length;
  seen.encrypted = step.is_protected;
  std::string type_name = name_or_hex(wire::content_type_name(type), type);
  // The sizes as the ladder counts them: the record on the wire is its 5-byte header plus the fragment.
  const std::string size = byte_count(step.bytes.size()) + " on the wire (5-byte header + " + byte_count(length);
  // An encrypted record's real type is inside the ciphertext: the observer sees only size and outer type.
  if (seen.encrypted) {
    seen.summary = type_name + " record, " + size + " of ciphertext)" + encrypted_alert_hint(type, length);
    return;
  }
  // decode_transcript lists a record's fields; decode_records wraps them in a "TLS record" node.
  const Field* fragment = nullptr;
  for (const auto& field : fields) {
    if (field.name == "fragment") fragment = &field;
    if (field.name == "TLS record" && child(field, "fragment")) fragment = child(field, "fragment");
  }
  std::string content = !fragment                 ? type_name
                        : type == record::kHandshake ? read_handshake(*fragment, step.bytes, sender_role(step) == Side::client, seen.exposures)
                        : type == record::kAlert     ? read_alert(*fragment)
                                                     : type_name;
  seen.summary = type_name + " record, " + size + " readable): " + content;
}

}  // namespace hl::eavesdrop
