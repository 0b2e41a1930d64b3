// Record layer decoding: headers, protected layouts, content by type.
#include "core/wire/record.hpp"

#include "core/model/record_layer.hpp"
#include "core/model/counts.hpp"

namespace hl::wire {

/*
 * struct {
 *     ContentType type;
 *     ProtocolVersion legacy_record_version;
 *     uint16 length;
 *     opaque fragment[TLSPlaintext.length];
 * } TLSPlaintext;
 */
bool decode_record_header(Cursor& c, FieldList& out, bool opaque, RecordHeader& out_header) {
  std::uint32_t type = 0, version = 0, length = 0;
  if (!add_uint(c, out, opaque ? "opaque_type" : "content_type", opaque ? "opaque_type" : "content_type", 1, type,
                content_type_name))
    return false;
  if (!add_uint(c, out, "legacy_record_version", "legacy_record_version", 2, version, version_name)) return false;
  if (!add_uint(c, out, "length", "record_length", 2, length)) return false;
  // Three sizes meet here; label this one (the ladder shows the record on the wire, the message node its own).
  out.back().value += " (fragment; " + std::to_string(length + record::kHeaderLen) + " on the wire with this header)";
  out_header = {static_cast<std::uint8_t>(type), static_cast<std::uint16_t>(version), static_cast<std::uint16_t>(length)};
  if (!content_type_name(type)) {
    out[out.size() - 3].malformed = true;
    out[out.size() - 3].error = "unknown content type " + std::to_string(type) + "; the fragment is shown raw";
  }
  if (length > kMaxRecordLength) {
    out.back().malformed = true;
    out.back().error = "a record may carry at most 2^14+2048 bytes, this one claims " + std::to_string(length);
  }
  return true;
}

Cursor take_fragment(Cursor& c, FieldList& out, const RecordHeader& header) {
  Cursor fragment(std::span<const std::uint8_t>{}, c.offset());
  if (c.sub(header.length, fragment)) return fragment;
  Field& length = out.back();
  if (!length.error.empty()) length.error += "; ";
  length.malformed = true;
  length.error += "the header announces " + std::to_string(header.length) + " bytes but only " +
                     std::to_string(c.remaining()) + " follow";
  (void)c.sub(c.remaining(), fragment);
  return fragment;
}

/*
 * struct {
 *     ContentType opaque_type = application_data;  // 23
 *     ProtocolVersion legacy_record_version = 0x0303;
 *     uint16 length;
 *     opaque encrypted_record[TLSCiphertext.length];  // AEAD output: ciphertext then 16-byte tag
 * } TLSCiphertext;
 */
void decode_tls13_ciphertext(Cursor& fragment, FieldList& out) {
  constexpr std::size_t kTagLen = 16;
  if (fragment.remaining() < kTagLen + 1) {
    add_malformed(fragment, out, "encrypted_record",
                  "a TLS 1.3 protected record needs at least 17 bytes (1 content byte and a 16-byte tag)");
    return;
  }
  (void)add_opaque(fragment, out, "encrypted_record", "encrypted_record", fragment.remaining() - kTagLen);
  (void)add_opaque(fragment, out, "auth_tag", "auth_tag", kTagLen);
}

namespace {

// Block size of a CBC suite's cipher, read off its IANA name.
std::size_t cbc_iv_len(std::uint16_t suite) {
  const char* name = cipher_suite_name(suite);
  std::string_view text = name ? name : "";
  bool eight = text.find("DES") != std::string_view::npos || text.find("IDEA") != std::string_view::npos;
  return eight ? 8 : 16;
}

}  // namespace

/*
 * GenericAEADCipher: opaque nonce_explicit[8]; aead-ciphered content (ciphertext, then the tag)
 * GenericBlockCipher: opaque IV[block]; block-ciphered { content; MAC; padding; padding_length }
 *                     (with encrypt_then_mac, RFC 7366: IV, ciphertext, then the MAC outside)
 */
void decode_tls12_ciphertext(Cursor& fragment, FieldList& out, const DecodeContext& ctx) {
  const std::size_t tag_len = 16;
  switch (ctx.suite.cipher) {  // each record protection has its own layout (RFC 5246 §6.2.3)
    case RecordCipher::aead_explicit_nonce:
      if (!add_opaque(fragment, out, "nonce_explicit", "nonce_explicit", 8)) return;
      [[fallthrough]];
    case RecordCipher::aead_implicit_nonce:
      if (fragment.remaining() < tag_len) break;
      (void)add_opaque(fragment, out, "encrypted_content", "encrypted_content", fragment.remaining() - tag_len);
      (void)add_opaque(fragment, out, "auth_tag", "auth_tag_12", tag_len);
      return;
    case RecordCipher::cbc:
      if (!add_opaque(fragment, out, "iv", "cbc_iv", cbc_iv_len(ctx.cipher_suite))) return;
      if (ctx.encrypt_then_mac && fragment.remaining() >= ctx.suite.mac_len) {
        (void)add_opaque(fragment, out, "encrypted_content", "cbc_ciphertext_etm",
                         fragment.remaining() - ctx.suite.mac_len);
        (void)add_opaque(fragment, out, "mac", "etm_mac", ctx.suite.mac_len);
        return;
      }
      add_rest(fragment, out, "encrypted_content", "cbc_ciphertext");
      return;
    default:
      break;
  }
  add_rest(fragment, out, "encrypted_content", "encrypted_content");
}

void decode_content(std::uint8_t type, Cursor& content, FieldList& out, const char* name, DecodeContext& ctx,
                    HandshakeStream& stream, HandshakeStream::Target target) {
  const char* type_name = content_type_name(type);
  Field& node = add_node(out, name, type_name ? type_name : "unknown", content.offset(), content.remaining(),
                         "record_content");
  switch (type) {  // one line per content type (RFC 8446 §5.1)
    case record::kChangeCipherSpec: decode_change_cipher_spec(content, node.children, ctx); return;
    case record::kAlert: decode_alert(content, node.children); return;
    case record::kApplicationData: decode_application_data(content, node.children, "application_data"); return;
    case record::kHandshake:
      if (content.empty()) {
        add_malformed(content, node.children, "handshake", "a handshake record must not be empty (RFC 8446 §5.1)");
        return;
      }
      stream.append(content.take_rest(), node.offset, std::move(target), ctx);
      return;
    default: add_rest(content, node.children, "data", "unknown_content"); return;
  }
}

/*
 * struct {
 *     opaque content[TLSPlaintext.length];
 *     ContentType type;
 *     uint8 zeros[length_of_padding];
 * } TLSInnerPlaintext;
 */
void decode_inner_plaintext(Cursor& c, FieldList& out, DecodeContext& ctx, HandshakeStream& stream,
                            HandshakeStream::Target target) {
  auto bytes = c.rest();
  std::size_t type_at = bytes.size();
  while (type_at > 0 && bytes[type_at - 1] == 0) --type_at;
  if (type_at == 0) {
    add_malformed(c, out, "TLSInnerPlaintext", "all zeros: no inner content type found (RFC 8446 §5.4)");
    return;
  }
  --type_at;
  std::uint8_t type = bytes[type_at];
  Cursor content;
  (void)c.sub(type_at, content);
  decode_content(type, content, out, "content", ctx, stream, std::move(target));
  (void)add_uint(c, out, "type", "inner_content_type", 1, content_type_name);
  if (!c.empty()) {
    std::size_t start = c.offset();
    std::size_t num_zeros = c.take_rest().size();
    out.push_back(make_leaf("zeros", byte_count(num_zeros) + " of padding", start, num_zeros, "zeros"));
  }
}

}  // namespace hl::wire
